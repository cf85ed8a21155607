//! La page des administrateurs en français.

use super::AdminTexts;

pub(super) static TEXTS: AdminTexts = AdminTexts {
    title: "Administrateurs",
    open: "Administrateurs et votre compte",
    col_email: "E-mail",
    col_since: "Administrateur depuis",
    you: "vous",
    remove: "Retirer",
    confirm_remove: |email| format!("Retirer {email} ? Il ne pourra plus se connecter ; l'historique garde son nom."),
    removed: "L'administrateur a été retiré.",
    password_title: "Votre mot de passe",
    current_password: "Mot de passe actuel",
    new_password: "Nouveau mot de passe (au moins 12 caractères)",
    change_password: "Changer le mot de passe",
    password_changed: "Votre mot de passe a été changé ; vos autres sessions sont terminées.",
    sessions_title: "Vos sessions",
    col_started: "Ouverte",
    col_expires: "Se termine",
    this_browser: "ce navigateur",
    end_session: "Terminer",
};
