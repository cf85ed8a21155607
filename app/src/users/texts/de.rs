//! Ein Lernender nach dem anderen, auf Deutsch.

use super::UserTexts;

pub(super) static TEXTS: UserTexts = UserTexts {
    add_one: "Einen Lernenden hinzufügen",
    add_title: "Lernenden hinzufügen",
    edit_title: "Lernenden bearbeiten",
    edit: "Bearbeiten",
    delete: "Löschen",
    col_actions: "Aktionen",
    firstname: "Vorname",
    lastname: "Nachname",
    email: "E-Mail",
    identifier: "Kennung",
    country: "Land (ISO-Code, z. B. DE)",
    language: "Sprache (ISO-Code, z. B. de)",
    optional: "optional",
    invite: "Einladungs-E-Mail senden",
    email_locked: "Dieser Lernende hat sein Konto aktiviert und meldet sich mit dieser E-Mail an: Sie kann hier nicht geändert werden.",
    save: "Speichern",
    cancel: "Abbrechen",
    saved: |name| format!("{name} wurde gespeichert."),
    delete_title: |name| format!("{name} löschen?"),
    delete_pending: "Der Lernende hat sein Konto noch nicht aktiviert; sein Einladungslink funktioniert dann nicht mehr.",
    delete_active: "Dieser Lernende hat sein Konto aktiviert: Beim Löschen wird sein Konto entfernt, er kann sich nicht mehr am Portal anmelden und erreicht seine Kurse nicht mehr.",
    delete_confirm: "Lernenden löschen",
    deleted: |name| format!("{name} wurde gelöscht."),
};
