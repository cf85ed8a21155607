//! Das Aktivitätsprotokoll auf Deutsch.

use super::ActivityTexts;

pub(super) static TEXTS: ActivityTexts = ActivityTexts {
    title: "Aktivitätsprotokoll",
    open: "Aktivitätsprotokoll",
    empty: "Noch nichts aufgezeichnet.",
    col_when: "Wann",
    col_who: "Wer",
    col_action: "Aktion",
    col_subject: "Betrifft",
    col_details: "Details",
    filter_action: "Aktion",
    filter_admin: "Administrator",
    any: "Alle",
    import: "Import",
    undo: "Import rückgängig gemacht",
    user_add: "Lernender hinzugefügt",
    user_edit: "Lernender bearbeitet",
    user_delete: "Lernender gelöscht",
    bulk_delete: "Lernende gelöscht (Sammelaktion)",
    bulk_resend: "Einladungen erneut gesendet (Sammelaktion)",
    bulk_language: "Sprache geändert (Sammelaktion)",
    admin_invite: "Administrator eingeladen",
    admin_invite_cancel: "Administrator-Einladung abgebrochen",
    admin_join: "Administrator beigetreten (Einladung angenommen)",
    admin_remove: "Administrator entfernt",
    password_change: "Passwort geändert",
    token_create: "API-Token erstellt",
    token_revoke: "API-Token widerrufen",
    via_token: |name| format!("über das API-Token {name}"),
};
