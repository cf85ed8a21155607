//! The text report in German.

use super::ReportTexts;

pub(super) static TEXTS: ReportTexts = ReportTexts {
    file_rejected: "Datei abgelehnt",
    row: "Zeile",
    column: "Spalte",
    code: "Code",
    message: "Meldung",
    summary: |total, valid, invalid| {
        format!("{total} {}: {valid} gültig, {invalid} fehlerhaft", if total == 1 { "Zeile" } else { "Zeilen" })
    },
};
