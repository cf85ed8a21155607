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
    // Rosters (issue 24).
    mode_legend: "Was die Datei bewirkt",
    mode_add: "Neue Lernende hinzufügen",
    mode_add_hint: "Fügt die Lernenden der Datei hinzu; eine Zeile einer Person, die das Portal schon hat, ist ein \
                    Fehler und wird übersprungen.",
    mode_update: "Hinzufügen und aktualisieren",
    mode_update_hint: "Fügt neue Lernende hinzu und aktualisiert die vorhandenen (gefunden über die Kennung, sonst \
                       die E-Mail).",
    mode_update_only: "Nur aktualisieren",
    mode_update_only_hint: "Aktualisiert die Lernenden, die das Portal hat; eine Zeile, die niemandem entspricht, \
                            wird übersprungen.",
    mode_sync: "Eine Gruppe abgleichen",
    mode_sync_hint: "Die Datei ist die vollständige Liste der Gruppe: ihre Zeilen werden hinzugefügt oder \
                     aktualisiert und Mitglieder, und Mitglieder, die nicht in der Datei stehen, verlassen die Gruppe.",
    sync_group: "Gruppe",
    sync_group_hint: "Wählen Sie eine Gruppe des Portals oder geben Sie einen neuen Namen ein (sie wird angelegt).",
    missing_legend: "Mitglieder der Gruppe, die nicht in der Datei stehen",
    missing_remove: "Aus der Gruppe entfernen (sie bleiben Lernende)",
    missing_suspend: "Sperren (sie bleiben in der Gruppe)",
    empty_clears: "Leere Zellen löschen Werte",
    label_column: "Änderung",
    label_new: "Neu",
    label_update: "Aktualisierung",
    label_unchanged: "Unverändert",
    label_error: "Fehler",
    show_rows_labelled: "Nur Zeilen zeigen mit",
    was: |old| format!("vorher {old}"),
    empty_value: "(leer)",
    count_new: |n| format!("{n} neu"),
    count_update: |n| format!("{n} aktualisiert"),
    count_unchanged: |n| format!("{n} unverändert"),
    count_error: |n| format!("{n} mit Fehlern"),
    new_groups: |names, n| {
        if n == 1 {
            format!("1 neue Gruppe: {names}")
        } else {
            format!("{n} neue Gruppen: {names}")
        }
    },
    leaving_remove: |group, n| {
        if n == 1 {
            format!("1 Mitglied von {group} steht nicht in der Datei und wird aus der Gruppe entfernt.")
        } else {
            format!("{n} Mitglieder von {group} stehen nicht in der Datei und werden aus der Gruppe entfernt.")
        }
    },
    leaving_suspend: |group, n| {
        if n == 1 {
            format!("1 Mitglied von {group} steht nicht in der Datei und wird gesperrt.")
        } else {
            format!("{n} Mitglieder von {group} stehen nicht in der Datei und werden gesperrt.")
        }
    },
    leaving_threshold: |n| {
        format!("Das ist mehr als die Sicherheitsschwelle: Sie werden gebeten, {n} einzugeben, um fortzufahren.")
    },
    leavers_label: "Mitglieder, die gehen",
    and_more: |n| format!("und {n} weitere"),
    confirm_changes: "Bestätigen und Änderungen übernehmen",
    done_updated: |n| format!("{n} aktualisiert"),
    done_unchanged: |n| format!("{n} unverändert"),
    done_removed: |n| format!("{n} aus der Gruppe entfernt"),
    done_suspended: |n| format!("{n} gesperrt"),
    removals_title: "Viele Mitglieder verlassen die Gruppe",
    removals_text_remove: |group, n| {
        format!("Dieser Abgleich entfernt {n} Lernende aus {group}. Sie bleiben Lernende des Portals.")
    },
    removals_text_suspend: |group, n| {
        format!("Dieser Abgleich sperrt {n} Mitglieder von {group}: Sie können sich nicht mehr anmelden.")
    },
    removals_type: |n| format!("Geben Sie {n} ein, um zu bestätigen"),
    removals_proceed: |n| format!("Mit {n} Entfernungen fortfahren"),
};
