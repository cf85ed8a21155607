//! The admin interface in French.

use super::Texts;

pub(super) static TEXTS: Texts = Texts {
    app_title: "Apprenants — Administration",
    sign_in_title: "Connexion",
    sign_in_intro: "Connectez-vous avec votre compte administrateur.",
    email_label: "Adresse e-mail",
    password_label: "Mot de passe",
    sign_in_button: "Se connecter",
    signing_in: "Connexion…",
    sign_out: "Se déconnecter",
    users_title: "Utilisateurs",
    search_label: "Rechercher des utilisateurs",
    search_placeholder: "Nom, e-mail ou identifiant",
    add_users: "Ajouter des utilisateurs",
    no_users:
        "Aucun utilisateur pour l’instant. Utilisez « Ajouter des utilisateurs » pour les importer d’un fichier CSV.",
    no_match: "Aucun utilisateur ne correspond à cette recherche.",
    col_name: "Nom",
    col_email: "E-mail",
    col_identifier: "Identifiant",
    col_country: "Pays",
    col_language: "Langue",
    col_status: "Statut",
    col_invitation: "Invitation",
    col_created: "Créé le",
    next_page: "Page suivante",
    previous_page: "Page précédente",
    first_page: "Première page",
    status_pending: "En attente",
    status_active: "Actif",
    loading: "Chargement…",
    invitation_none: "—",
    invitation_not_sent: "Non envoyée",
    invitation_queued: "En file",
    invitation_sent: "Envoyée",
    invitation_failed: "Échec",
    resend: "Renvoyer l’invitation",
    resend_failed: "Renvoyer toutes les invitations en échec",
    resent: |n| {
        let s = if n > 1 { "s" } else { "" };
        format!("{n} invitation{s} remise{s} en file.")
    },
    not_found: "Page introuvable.",
    filter_status: "Statut",
    filter_invitation: "Invitation",
    filter_language: "Langue",
    filter_country: "Pays",
    filter_any: "Tous",
    total: |n| format!("{n} utilisateur{}", if n > 1 { "s" } else { "" }),
    total_more_than: |n| format!("Plus de {n} utilisateurs"),
};
