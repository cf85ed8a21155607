//! The confirmed import as the Add users panel (or `server import`) asks for it, and the server's answer.

use rules::{Change, Column, EmptyCells, Mode, Problem};
use serde::{Deserialize, Serialize};

/// The most keys one existence check may carry: two per row of the largest file, with room to spare.
pub const MAX_KEYS: usize = 1_000;

/// One row as the browser sends it for the confirmed import: its spreadsheet row number and its values in
/// [`Column::ALL`] order. The server checks everything again.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct SubmittedRow {
    pub row: u32,
    pub values: Vec<String>,
    /// The learner the preview matched this row with, at the version it showed: the confirm does not overwrite a
    /// learner changed since (`user.changed_since_preview`). Absent when nothing was previewed (the command line,
    /// the API), or the row was new.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub seen: Option<Seen>,
}

/// A learner as the preview saw them.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct Seen {
    pub learner: i64,
    /// `updated_at` in microseconds ([`rules::Learner::version`]).
    pub version: i64,
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
    /// What to do with known learners: the import mode and its options (`add` when absent).
    #[serde(default)]
    pub roster: RosterOptions,
}

/// An import's mode and what goes with it (docs/rosters.md).
#[derive(Clone, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct RosterOptions {
    pub mode: Mode,
    /// `sync`: the group whose whole list the file is.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub group: Option<String>,
    /// `sync`: what happens to the group's members who are not in the file.
    #[serde(default)]
    pub missing: Missing,
    /// `sync`: how many removals (or suspensions) the admin allows beyond the safety threshold.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub allow_removals: Option<u32>,
    #[serde(default)]
    pub empty: EmptyCells,
}

/// What a sync does with a member of its group whom the file does not list.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Missing {
    /// Taken out of the group; still a learner of the portal.
    #[default]
    Remove,
    /// Stays in the group, Suspended.
    Suspend,
}

impl Missing {
    pub fn as_str(self) -> &'static str {
        match self {
            Missing::Remove => "remove",
            Missing::Suspend => "suspend",
        }
    }

    pub fn parse(text: &str) -> Option<Missing> {
        [Missing::Remove, Missing::Suspend].into_iter().find(|m| m.as_str() == text)
    }
}

/// What became of one row. Also how the import record stores it (`imports.outcomes`), hence the lower case.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Outcome {
    /// A new learner was added.
    Created,
    /// A known learner's values, groups or status were changed.
    Updated,
    /// A known learner already had every value of the row.
    Unchanged,
    /// Nothing was done for the row: `problems` says why.
    Skipped,
}

/// One row's outcome.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct RowOutcome {
    pub row: u32,
    pub outcome: Outcome,
    /// Why the row was skipped (empty when created).
    pub problems: Vec<Problem>,
    /// An updated learner's changed values, old → new.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub changes: Vec<Change>,
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
    /// Learners updated, unchanged, removed from the synced group, suspended by the sync.
    #[serde(default)]
    pub counts: RosterCounts,
}

/// What an import did besides adding and skipping.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct RosterCounts {
    pub updated: u32,
    pub unchanged: u32,
    pub removed: u32,
    pub suspended: u32,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_submitted_row_reads_each_column_at_its_place() {
        let row = SubmittedRow {
            row: 2,
            values: ["Ann", "Roux", "a@x.fr", "", "FR", "fr"].map(String::from).into(),
            seen: None,
        };
        assert_eq!(row.value(Column::Email), "a@x.fr");
        assert_eq!(row.value(Column::Language), "fr");
        let short = SubmittedRow { row: 3, values: vec!["Ann".into()], seen: None };
        assert_eq!(short.value(Column::Language), "");
    }

    #[test]
    fn outcomes_are_stored_in_lower_case() {
        assert_eq!(serde_json::to_string(&Outcome::Created).unwrap(), "\"created\"");
        assert_eq!(serde_json::from_str::<Outcome>("\"skipped\"").unwrap(), Outcome::Skipped);
    }
}
