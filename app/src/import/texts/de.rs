//! The Add users panel in German.

use super::ImportTexts;

pub(super) static TEXTS: ImportTexts = ImportTexts {
    panel_title: "Benutzer hinzufügen",
    close: "Schließen",
    step_template: "Laden Sie die Vorlage herunter.",
    step_fill: "Füllen Sie sie in Excel, Google Sheets oder Numbers aus, eine Person pro Zeile, und speichern Sie sie als CSV (UTF-8).",
    step_drop: "Legen Sie die Datei unten ab: Alle Probleme werden sofort angezeigt, und Sie können sie hier beheben.",
    download_template: "Vorlage herunterladen",
    rules_title: "Regeln für die Spalten",
    rule_firstname: "firstname (Pflicht): 1 bis 64 Buchstaben; Leerzeichen, Bindestriche, Apostrophe und Punkte sind erlaubt.",
    rule_lastname: "lastname (Pflicht): dieselbe Regel wie für firstname.",
    rule_email: "email (Pflicht): eine gültige Adresse, die in der Datei und im Portal nur einmal vorkommt.",
    rule_identifier: "identifier (optional): bis zu 64 Zeichen aus A–Z, a–z, 0–9, - _ und ., eindeutig.",
    rule_country: "country (optional): zwei Großbuchstaben nach ISO 3166-1 (DE, AT, CH, FR…).",
    rule_language: "language (Pflicht): zwei Kleinbuchstaben nach ISO 639-1 (de, en, fr, it…).",
    drop_zone: "CSV-Datei hier ablegen oder auswählen",
    drop_zone_hint: "Bis zu 250 Lernende und 100 MB pro Datei.",
    reading: "Datei wird gelesen…",
    checking: "Alle Zeilen werden geprüft…",
    importing: "Benutzer werden hinzugefügt…",
    progress_label: "Fortschritt",
    file_rejected: "Diese Datei kann nicht importiert werden",
    ready: |ok, bad| {
        let rows = if bad == 1 { "Zeile" } else { "Zeilen" };
        format!("{ok} Benutzer bereit, {bad} {rows} mit Fehlern.")
    },
    all_ready: |ok| format!("{ok} Benutzer bereit, keine Fehler."),
    only_errors: "Nur Zeilen mit Fehlern",
    next_error: "Nächster Fehler",
    delete_row: "Zeile löschen",
    row: "Zeile",
    apply_to_all: |to, n| {
        if n > 1 {
            format!("„{to}“ in allen {n} Zeilen verwenden")
        } else {
            format!("„{to}“ verwenden")
        }
    },
    send_invitations: "Einladung per E-Mail senden",
    cancel: "Abbrechen",
    confirm: "Bestätigen und Benutzer hinzufügen",
    dialog_title: "Einige Zeilen enthalten noch Fehler",
    dialog_text: |bad| {
        if bad == 1 {
            "1 Zeile wird nicht hinzugefügt, wenn Sie sie nicht korrigieren.".to_owned()
        } else {
            format!("{bad} Zeilen werden nicht hinzugefügt, wenn Sie sie nicht korrigieren.")
        }
    },
    ignore_errors: |ok| {
        if ok == 1 {
            "Fehler ignorieren und 1 gültigen Benutzer hinzufügen".to_owned()
        } else {
            format!("Fehler ignorieren und {ok} gültige Benutzer hinzufügen")
        }
    },
    cancel_to_fix: "Abbrechen, um die Datei zu korrigieren",
    done: |created, skipped| {
        let rows = if skipped == 1 { "Zeile" } else { "Zeilen" };
        format!("{created} Benutzer mit dem Status Ausstehend hinzugefügt, {skipped} {rows} übersprungen.")
    },
    outcome_created: "Hinzugefügt",
    outcome_skipped: "Übersprungen",
    outcome_updated: "Aktualisiert",
    outcome_unchanged: "Unverändert",
    another_file: "Weitere Datei importieren",
    error_icon_label: "Fehler:",
    warning_icon_label: "Hinweis:",
    no_rows: "Keine Zeilen mehr vorhanden.",
    download_corrected: "Korrigierte Datei herunterladen",
    download_template_xlsx: "Excel-Vorlage (.xlsx)",
    save_as_csv_utf8: "Die Excel-Vorlage behält führende Nullen und bietet die Listen der Länder und Sprachen an. \
                       Der Import liest nur CSV: Wählen Sie in Excel Datei → Speichern unter → \
                       „CSV UTF-8 (durch Trennzeichen getrennt) (*.csv)“.",
    // Column matching (issue 13).
    match_columns: "Spalten zuordnen",
    match_intro: "Nicht alle Spalten Ihrer Datei tragen die Namen der Vorlage. Wählen Sie für jede, welche Spalte \
                  des Portals sie enthält; daneben stehen die ersten Werte der Datei. Ihre Wahl wird für Dateien \
                  mit derselben Kopfzeile gespeichert.",
    match_file_column: "Spalte Ihrer Datei",
    match_portal_column: "Spalte des Portals",
    match_samples: "Erste Werte",
    match_ignore: "Diese Spalte ignorieren",
    match_required: "Pflichtfeld",
    match_apply: "Zuordnung anwenden",
    match_cancel: "Abbrechen",
    match_twice: |column| format!("Die Spalte {column} ist mehrfach gewählt: behalten Sie sie nur für eine Spalte."),
    match_missing: |columns| format!("Noch keiner Spalte Ihrer Datei zugeordnet: {columns} (Pflichtfeld)."),
    matched_as_last_time: "Spalten wie beim letzten Mal zugeordnet.",
    matched_change: "Ändern",
};
