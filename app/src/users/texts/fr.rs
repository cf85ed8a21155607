//! Un apprenant à la fois, en français.

use super::UserTexts;

pub(super) static TEXTS: UserTexts = UserTexts {
    add_one: "Ajouter un apprenant",
    add_title: "Ajouter un apprenant",
    edit_title: "Modifier l'apprenant",
    edit: "Modifier",
    delete: "Supprimer",
    col_actions: "Actions",
    firstname: "Prénom",
    lastname: "Nom",
    email: "E-mail",
    identifier: "Identifiant",
    country: "Pays (code ISO, par exemple FR)",
    language: "Langue (code ISO, par exemple fr)",
    optional: "facultatif",
    invite: "Envoyer un e-mail d'invitation",
    email_locked: "Cet apprenant a activé son compte et se connecte avec cet e-mail : il ne peut pas être modifié ici.",
    save: "Enregistrer",
    cancel: "Annuler",
    saved: |name| format!("{name} a été enregistré."),
    delete_title: |name| format!("Supprimer {name} ?"),
    delete_pending: "L'apprenant n'a pas encore activé son compte ; son lien d'invitation ne fonctionnera plus.",
    delete_active: "Cet apprenant a activé son compte : le supprimer supprime son compte, il ne pourra plus se connecter au portail ni accéder à ses cours.",
    delete_confirm: "Supprimer l'apprenant",
    deleted: |name| format!("{name} a été supprimé."),
};
