//! Die Administratorenseite auf Deutsch.

use super::AdminTexts;

pub(super) static TEXTS: AdminTexts = AdminTexts {
    title: "Administratoren",
    open: "Administratoren und Ihr Konto",
    col_email: "E-Mail",
    col_since: "Administrator seit",
    you: "Sie",
    remove: "Entfernen",
    confirm_remove: |email| {
        format!("{email} entfernen? Die Anmeldung ist dann nicht mehr möglich; der Verlauf behält den Namen.")
    },
    removed: "Der Administrator wurde entfernt.",
    password_title: "Ihr Passwort",
    current_password: "Aktuelles Passwort",
    new_password: "Neues Passwort (mindestens 12 Zeichen)",
    change_password: "Passwort ändern",
    password_changed: "Ihr Passwort wurde geändert; Ihre anderen Sitzungen wurden beendet.",
    sessions_title: "Ihre Sitzungen",
    col_started: "Begonnen",
    col_expires: "Endet",
    this_browser: "dieser Browser",
    end_session: "Beenden",
};
