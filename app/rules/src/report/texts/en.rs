//! The text report in English.

use super::ReportTexts;

pub(super) static TEXTS: ReportTexts = ReportTexts {
    file_rejected: "File rejected",
    row: "row",
    column: "column",
    code: "code",
    message: "message",
    summary: |total, valid, invalid| {
        format!("{total} row{}: {valid} valid, {invalid} with errors", if total == 1 { "" } else { "s" })
    },
};
