//! Die Seite der API-Tokens auf Deutsch.

use super::TokenTexts;

pub(super) static TEXTS: TokenTexts = TokenTexts {
    title: "API-Tokens",
    open: "API-Tokens",
    intro: "Ein Skript oder das Verwaltungssystem einer Schule ruft die API des Portals (/api/v1) mit einem Token \
            auf und handelt als der Administrator, der ihn erstellt hat. Ein Token wird nur einmal angezeigt, beim \
            Erstellen; widerrufen Sie ihn, sobald er nicht mehr gebraucht wird oder bekannt geworden sein könnte.",
    new_title: "Neuer Token",
    name: "Name",
    name_hint: "Wer ihn nutzt, zum Beispiel „Nächtlicher Import aus der Schulverwaltung“.",
    expiry: "Läuft ab",
    never: "Nie (bis zum Widerruf)",
    in_days: |days| format!("In {days} Tagen"),
    custom: "Nach einer Anzahl Tage…",
    days: |max| format!("Anzahl Tage (1 bis {max})"),
    create: "Token erstellen",
    secret_title: "Kopieren Sie den neuen Token jetzt",
    secret_warning: "Er wird nicht wieder angezeigt: Sobald Sie diese Seite verlassen, bleibt nur sein Name. \
                     Speichern Sie ihn dort, wo das Skript ihn liest, nie in einem geteilten Dokument.",
    secret_label: "Der neue Token",
    copy: "Kopieren",
    copied: "In die Zwischenablage kopiert.",
    copy_failed: "Der Browser hat das Kopieren nicht erlaubt: Markieren Sie den Token und kopieren Sie ihn selbst.",
    list_title: "Tokens",
    none: "Noch kein Token.",
    col_name: "Name",
    col_admin: "Handelt als",
    col_created: "Erstellt",
    col_expires: "Läuft ab",
    col_last_used: "Zuletzt genutzt",
    col_state: "Status",
    no_expiry: "nie",
    never_used: "nie",
    live: "gültig",
    expired: "abgelaufen",
    revoked: "widerrufen",
    revoke: "Widerrufen",
    revoke_title: |name| format!("„{name}“ widerrufen?"),
    revoke_text: "Jede Anfrage mit diesem Token wird ab sofort abgelehnt. Das lässt sich nicht rückgängig machen: \
                  Ein Skript, das weiter Zugriff braucht, bekommt einen neuen Token.",
    cancel: "Abbrechen",
    revoke_done: |name| format!("Der Token „{name}“ wurde widerrufen."),
};
