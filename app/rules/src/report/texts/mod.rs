//! The words of the text report (`server check` without `--json`), one file per language.

mod de;
mod en;
mod fr;

crate::catalog! {
    pub struct ReportTexts {
        /// Before a whole-file rejection's code and message.
        pub file_rejected: &'static str,
        /// The table's headings.
        pub row: &'static str,
        pub column: &'static str,
        pub code: &'static str,
        pub message: &'static str,
        /// The last line: rows in all, valid rows, rows with errors.
        pub summary: fn(usize, usize, usize) -> String,
    }
}
