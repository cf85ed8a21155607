//! The import history as the admin sees it: each import's counts and invitations, its rows' outcomes, and its
//! undo (what it would do, what it did).

use rules::Problem;
use serde::{Deserialize, Serialize};

use crate::{Outcome, UserStatus};

/// How many imports one page of the history shows.
pub const HISTORY_PAGE_SIZE: u64 = 25;

/// One import, as a line of the history.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ImportSummary {
    pub id: i64,
    /// Who imported (the admin's email).
    pub admin_email: String,
    /// RFC 3339, UTC.
    pub created_at: String,
    pub file_name: String,
    pub total: u32,
    /// Users the import created.
    pub added: u32,
    /// Rows skipped for errors in their values.
    pub with_errors: u32,
    /// Rows skipped because the portal already had the user (`email.exists`, `identifier.exists`).
    pub existing: u32,
    pub send_invitations: bool,
    pub invitations: InvitationCounts,
    pub undo: UndoState,
    /// The import's mode (`add` for imports recorded before modes) and, for a sync, its group.
    #[serde(default)]
    pub mode: rules::Mode,
    #[serde(default)]
    pub sync_group: Option<String>,
    /// Learners updated, unchanged, removed from the synced group, suspended by the sync.
    #[serde(default)]
    pub counts: crate::RosterCounts,
}

/// Where the invitations of one import are (an invitation being sent counts as queued).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct InvitationCounts {
    pub queued: u32,
    pub sent: u32,
    pub failed: u32,
}

/// Whether an import can still be undone, or how it was.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum UndoState {
    /// Until this time (RFC 3339, UTC).
    Available { until: String },
    /// The undo window has passed.
    Expired,
    Done {
        /// Who undid it (the admin's email).
        by: String,
        /// RFC 3339, UTC.
        at: String,
        removed: u32,
        kept: u32,
    },
}

/// A page of the history, newest first.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ImportPage {
    pub imports: Vec<ImportSummary>,
    /// Pass as `before` to get the next page; `None` on the last page.
    pub next_cursor: Option<i64>,
}

/// One row of an import, as the import recorded it.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct RowRecord {
    /// The spreadsheet row number.
    pub row: u32,
    pub outcome: Outcome,
    pub email: String,
    /// Why the row was skipped (empty when created).
    pub problems: Vec<Problem>,
    /// An updated learner's changed values, old → new.
    #[serde(default)]
    pub changes: Vec<rules::Change>,
}

/// An import and each of its rows.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ImportDetail {
    pub summary: ImportSummary,
    pub rows: Vec<RowRecord>,
}

/// A user of an import that an undo keeps: Active (the invitation was accepted), or changed since the import.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct KeptUser {
    pub id: i64,
    pub firstname: String,
    pub lastname: String,
    pub email: String,
    pub status: UserStatus,
}

/// What undoing an import would do now: the dialog states it before the admin confirms.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct UndoPreview {
    pub removable: u32,
    pub kept: Vec<KeptUser>,
}

/// What an undo did. Undoing an import again answers what the first undo did, with `already_undone`.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct UndoAnswer {
    pub removed: u32,
    pub kept: Vec<KeptUser>,
    pub already_undone: bool,
}

/// An earlier import of a file with the same content: "this file was already imported".
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct EarlierImport {
    pub id: i64,
    pub admin_email: String,
    /// RFC 3339, UTC.
    pub created_at: String,
    pub file_name: String,
}
