//! The learner pages in French.

use super::InvitationTexts;

pub(super) static TEXTS: InvitationTexts = InvitationTexts {
    accept_title: "Activez votre compte",
    accept_intro: |name, email| format!("Bienvenue, {name}. Choisissez un mot de passe pour {email}."),
    new_password: "Nouveau mot de passe",
    password_hint: |n| format!("Au moins {n} caractères."),
    activate: "Activer mon compte",
    activated: "Votre compte est actif. Vous pouvez vous connecter avec votre e-mail et ce mot de passe.",
    go_sign_in: "Aller à la connexion",
    unusable_title: "Ce lien ne fonctionne plus",
    unusable_text: "Il a expiré, a déjà servi, ou une invitation plus récente l’a remplacé. Saisissez votre e-mail sur la page de connexion : si votre compte n’est pas encore actif, une nouvelle invitation vous sera envoyée.",
    learner_sign_in_title: "Connexion apprenant",
    learner_sign_in_intro: "Connectez-vous avec votre e-mail et votre mot de passe. Compte pas encore activé ? Saisissez votre e-mail et un mot de passe quelconque : nous vous enverrons une invitation.",
    email: "E-mail",
    password: "Mot de passe",
    sign_in: "Se connecter",
    check_inbox: "Si cet e-mail appartient à un apprenant dont le compte n’est pas encore actif, une invitation est en route : consultez votre boîte de réception (et les indésirables). Sinon, vérifiez votre e-mail et votre mot de passe.",
    suspended: "Votre compte est suspendu : contactez votre administrateur.",
    welcome: |name| format!("Bon retour, {name}. Vous êtes connecté(e)."),
    loading: "Chargement…",
};
