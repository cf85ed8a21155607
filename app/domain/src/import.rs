//! The confirmed import as the Add users panel (or `server import`) asks for it, and the server's answer.

use rules::{Column, Problem};
use serde::{Deserialize, Serialize};

/// The most keys one existence check may carry: two per row of the largest file, with room to spare.
pub const MAX_KEYS: usize = 1_000;

/// One row as the browser sends it for the confirmed import: its spreadsheet row number and its values in
/// [`Column::ALL`] order. The server checks everything again.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct SubmittedRow {
    pub row: u32,
    pub values: Vec<String>,
}

impl SubmittedRow {
    pub fn value(&self, column: Column) -> &str {
        self.values.get(column.index()).map(String::as_str).unwrap_or("")
    }
}

/// The confirmed import.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ConfirmRequest {
    /// Chosen by the client once per file: the same request sent twice is carried out once.
    pub request_id: String,
    pub file_name: String,
    /// SHA-256 of the file's bytes, hex (recorded with the import).
    pub file_sha256: String,
    pub rows: Vec<SubmittedRow>,
    pub send_invitations: bool,
    /// Add the valid rows even when others have errors (the admin chose "ignore errors").
    pub ignore_errors: bool,
}

/// What became of one row. Also how the import record stores it (`imports.outcomes`), hence the lower case.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Outcome {
    Created,
    Skipped,
}

/// One row's outcome.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct RowOutcome {
    pub row: u32,
    pub outcome: Outcome,
    /// Why the row was skipped (empty when created).
    pub problems: Vec<Problem>,
}

/// The answer to a confirm: `imported` is false when rows had errors and the admin had not chosen to ignore them
/// (nothing was written; `rows` says what is wrong).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ConfirmAnswer {
    pub imported: bool,
    pub import_id: Option<i64>,
    pub created: u32,
    pub skipped: u32,
    pub rows: Vec<RowOutcome>,
}

/// Emails and identifiers of a file that already belong to users of the portal.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct ExistingKeys {
    pub emails: Vec<String>,
    pub identifiers: Vec<String>,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_submitted_row_reads_each_column_at_its_place() {
        let row = SubmittedRow { row: 2, values: ["Ann", "Roux", "a@x.fr", "", "FR", "fr"].map(String::from).into() };
        assert_eq!(row.value(Column::Email), "a@x.fr");
        assert_eq!(row.value(Column::Language), "fr");
        let short = SubmittedRow { row: 3, values: vec!["Ann".into()] };
        assert_eq!(short.value(Column::Language), "");
    }

    #[test]
    fn outcomes_are_stored_in_lower_case() {
        assert_eq!(serde_json::to_string(&Outcome::Created).unwrap(), "\"created\"");
        assert_eq!(serde_json::from_str::<Outcome>("\"skipped\"").unwrap(), Outcome::Skipped);
    }
}
