//! The text report in French.

use super::ReportTexts;

pub(super) static TEXTS: ReportTexts = ReportTexts {
    file_rejected: "Fichier refusé",
    row: "ligne",
    column: "colonne",
    code: "code",
    message: "message",
    summary: |total, valid, invalid| {
        let s = |n: usize| if n > 1 { "s" } else { "" };
        format!("{total} ligne{} : {valid} valide{}, {invalid} en erreur", s(total), s(valid))
    },
};
