//! The CSV template the panel offers, generated from the column definitions so it can never drift from them.

use crate::Column;

/// The header row, UTF-8, CRLF (what spreadsheets write). Reading it back gives `file.empty` and nothing else:
/// every column is known, none is missing; add rows and it is a valid file.
pub fn template_csv() -> String {
    let header: Vec<&str> = Column::ALL.iter().map(|c| c.as_str()).collect();
    format!("{}\r\n", header.join(","))
}
