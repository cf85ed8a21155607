//! `server import` in German.

use super::ImportTexts;

fn rows(n: u32) -> &'static str {
    if n == 1 {
        "Zeile"
    } else {
        "Zeilen"
    }
}

pub(super) static TEXTS: ImportTexts = ImportTexts {
    row: "Zeile",
    import: |id| format!("Import {id}:"),
    added: |created, skipped| {
        format!("{created} Benutzer mit dem Status Ausstehend hinzugefügt, {skipped} {} übersprungen", rows(skipped))
    },
    added_and_invited: |created, skipped| {
        format!(
            "{created} Benutzer mit dem Status Ausstehend hinzugefügt und eingeladen, {skipped} {} übersprungen",
            rows(skipped)
        )
    },
    nothing_added: |bad| {
        let have = if bad == 1 { "hat" } else { "haben" };
        format!(
            "Nichts wurde hinzugefügt: {bad} {} {have} Fehler; korrigieren Sie sie oder fügen Sie die gültigen Zeilen mit --ignore-errors hinzu",
            rows(bad)
        )
    },
    updated: |updated, unchanged| format!("{updated} Lernende aktualisiert, {unchanged} unverändert."),
    left_group: |removed, suspended| format!("{removed} aus der Gruppe entfernt, {suspended} gesperrt."),
};
