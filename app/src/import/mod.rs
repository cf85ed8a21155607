//! Adding users from a CSV file: the Add users panel (reading, the editable grid) and the server functions
//! behind it (existing users, the confirmed import). The rules themselves live in the `rules` crate.

pub mod grid;
pub mod panel;
#[cfg(feature = "ssr")]
pub mod service;
pub mod texts;

use leptos::prelude::*;
use rules::{Column, Problem};
use serde::{Deserialize, Serialize};
use server_fn::codec::Json;

use crate::error::AppError;

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
        let index = Column::ALL.iter().position(|c| *c == column).unwrap_or(0);
        self.values.get(index).map(String::as_str).unwrap_or("")
    }
}

/// The confirmed import, as the panel (or `server import`) asks for it.
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

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum Outcome {
    Created,
    Skipped,
}

/// What became of one row.
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

/// Which of these emails (normalised by the server) and identifiers are already taken.
#[server(endpoint = "existing_users", input = Json)]
pub async fn existing_users(emails: Vec<String>, identifiers: Vec<String>) -> Result<ExistingKeys, AppError> {
    use crate::{auth::guard, state::AppState};
    guard::require_admin()?;
    if emails.len() > MAX_KEYS || identifiers.len() > MAX_KEYS {
        return Err(AppError::BadRequest);
    }
    let state = expect_context::<AppState>();
    let existing = service::existing(&state.db, &emails, &identifiers).await?;
    Ok(ExistingKeys {
        emails: existing.emails.into_iter().collect(),
        identifiers: existing.identifiers.into_iter().collect(),
    })
}

/// Carries out the confirmed import: re-checks every row, then creates the valid users, the import record and
/// the invitations in one transaction.
#[server(endpoint = "confirm_import", input = Json)]
pub async fn confirm_import(request: ConfirmRequest) -> Result<ConfirmAnswer, AppError> {
    use crate::{auth::guard, state::AppState};
    let admin = guard::require_admin()?;
    let state = expect_context::<AppState>();
    Ok(service::confirm(&state.db, admin.id, request).await?)
}
