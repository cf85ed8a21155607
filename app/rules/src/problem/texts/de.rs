//! The problems' messages in German.

use super::ProblemTexts;

pub(super) static TEXTS: ProblemTexts = ProblemTexts {
    file_not_csv: "Dies ist keine CSV-Datei. Speichern oder exportieren Sie sie in Excel, Google Sheets oder Numbers im Format „CSV UTF-8“ und versuchen Sie es erneut.",
    file_too_large: "Die Datei ist größer als 100 MB. Eine Liste von Lernenden ist viel kleiner: Prüfen Sie, ob Sie die richtige Datei gewählt haben.",
    file_too_many_rows: |max| {
        format!("Die Datei hat mehr als {max} Datenzeilen. Teilen Sie die Liste auf mehrere Dateien mit jeweils höchstens {max} Zeilen auf.")
    },
    file_missing_columns: |names| {
        format!("Pflichtspalten fehlen: {names}. Ergänzen Sie sie in der Kopfzeile (die Vorlage enthält alle).")
    },
    file_duplicate_columns: |names| {
        format!("Diese Spalten kommen doppelt vor: {names}. Behalten Sie jede nur einmal.")
    },
    file_empty: "Die Datei enthält keine Lernenden: Sie braucht eine Kopfzeile und mindestens eine Datenzeile. Beginnen Sie mit der Vorlage.",
    file_unreadable_at: |row| {
        format!("Die Datei kann ab Zeile {row} nicht gelesen werden: Ein dort geöffnetes Anführungszeichen wird nie geschlossen. Korrigieren Sie diese Zeile oder speichern Sie die Datei erneut als „CSV UTF-8“.")
    },
    file_unreadable: "Die Datei konnte nicht gelesen werden. Speichern Sie sie erneut als „CSV UTF-8“ und versuchen Sie es noch einmal.",
    file_converted_encoding: "Die Datei ist nicht in UTF-8; sie wurde als Windows-1252 gelesen (das einfache „CSV“ von Excel). Prüfen Sie, ob Umlaute und Akzente stimmen, oder speichern Sie sie als „CSV UTF-8“.",
    file_unknown_columns: |names| format!("Unbekannte Spalten wurden ignoriert: {names}."),
    missing: "Pflichtfeld: Bitte ausfüllen.",
    too_long: |max| format!("Zu lang: höchstens {max} Zeichen."),
    name_invalid: |names| {
        if names.is_empty() {
            "Ein Name braucht mindestens einen Buchstaben: Leerzeichen, Bindestriche, Apostrophe oder Punkte allein sind kein Name.".to_owned()
        } else {
            format!("Erlaubt sind nur Buchstaben, Leerzeichen, Bindestriche, Apostrophe und Punkte (bitte entfernen: {names}).")
        }
    },
    email_invalid: "Keine gültige E-Mail-Adresse: Sie sollte wie name@example.com aussehen, ohne Namen oder spitze Klammern darum.",
    email_duplicate: |row| {
        format!("Diese E-Mail-Adresse steht bereits in Zeile {row}. Löschen Sie eine der beiden Zeilen.")
    },
    email_exists: "Ein Benutzer des Portals hat diese E-Mail-Adresse bereits. Entfernen Sie die Zeile oder verwenden Sie eine andere Adresse.",
    identifier_invalid: "Erlaubt sind nur Buchstaben ohne Akzent (A–Z, a–z), Ziffern (0–9), Bindestriche (-), Unterstriche (_) und Punkte (.).",
    identifier_duplicate: |row| {
        format!("Diese Kennung steht bereits in Zeile {row}. Jede Kennung darf nur einmal vorkommen.")
    },
    identifier_exists: "Ein Benutzer des Portals hat diese Kennung bereits. Verwenden Sie eine andere oder lassen Sie das Feld leer.",
    country_invalid: "Kein Ländercode nach ISO 3166-1: Verwenden Sie zwei Großbuchstaben wie DE, AT, CH oder FR, oder lassen Sie das Feld leer.",
    language_invalid: "Kein Sprachcode nach ISO 639-1: Verwenden Sie zwei Kleinbuchstaben wie de, en, fr oder it.",
    language_english_invitation: "In dieser Sprache gibt es noch keine Einladung: Diese Person erhält die englische Fassung.",
    groups_invalid: |names, max| {
        let which = if names.is_empty() { String::new() } else { format!(" (prüfen: {names})") };
        format!("Gruppennamen werden durch | getrennt; jeder hat 1 bis {max} Zeichen und kein Steuerzeichen{which}. Entfernen Sie den leeren Namen oder kürzen Sie ihn.")
    },
    groups_too_many: |max| format!("Ein Lernender kann in höchstens {max} Gruppen sein. Entfernen Sie einige aus dieser Zelle."),
    status_invalid: "Kein Status: Schreiben Sie active oder suspended (oder lassen Sie das Feld leer, um den Status beizubehalten).",
    user_not_found: "Kein Lernender des Portals hat diese E-Mail oder Kennung, und dieser Import aktualisiert nur vorhandene Lernende. Entfernen Sie die Zeile oder wählen Sie einen Modus, der neue Lernende hinzufügt.",
    user_conflict: |by_identifier, by_email| {
        format!("Die Kennung gehört zu {by_identifier}, die E-Mail aber zu {by_email}: Korrigieren Sie die Zeile, sodass beide denselben Lernenden bezeichnen.")
    },
    user_changed_since_preview: "Jemand hat diesen Lernenden nach Ihrer Prüfung der Datei geändert, daher wurde die Zeile nicht angewendet. Prüfen Sie die Datei erneut und bestätigen Sie.",
    user_duplicate: |row| format!("Zeile {row} bezeichnet diesen Lernenden bereits (über Kennung oder E-Mail): eine Zeile pro Lernendem."),
    sync_too_many_removals: |count, members| {
        format!("{count} der {members} Mitglieder der Gruppe stehen nicht in der Datei und würden sie verlassen. Wenn das gewollt ist, erlauben Sie {count} Entfernungen; sonst prüfen Sie, ob die Datei die vollständige Liste der Gruppe ist.")
    },
    did_you_mean: |suggestion| format!("Meinten Sie „{suggestion}“?"),
};
