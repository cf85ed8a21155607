//! Adding users from a CSV file: the Add users panel (reading, the editable grid) and the server functions
//! behind it (existing users, the confirmed import). The rules themselves live in the `rules` crate.

pub mod download;
pub mod grid;
pub mod matching;
pub mod panel;
pub mod texts;

use leptos::prelude::*;
use server_fn::codec::Json;

pub use domain::import::MAX_KEYS;
pub use domain::{ConfirmAnswer, ConfirmRequest, ExistingKeys, Outcome, RowOutcome, SubmittedRow};

use crate::error::AppError;

/// Which of these emails (normalised by the server) and identifiers are already taken.
#[server(endpoint = "existing_users", input = Json)]
pub async fn existing_users(emails: Vec<String>, identifiers: Vec<String>) -> Result<ExistingKeys, AppError> {
    crate::respond(async move {
        crate::auth::session::require_admin()?;
        if emails.len() > MAX_KEYS || identifiers.len() > MAX_KEYS {
            return Err(AppError::BadRequest);
        }
        let existing = service::import::existing(&crate::state::app_state().db, &emails, &identifiers).await?;
        Ok(ExistingKeys {
            emails: existing.emails.into_iter().collect(),
            identifiers: existing.identifiers.into_iter().collect(),
        })
    })
    .await
}

/// Carries out the confirmed import: re-checks every row, then creates the valid users, the import record and
/// the invitations in one transaction.
#[server(endpoint = "confirm_import", input = Json)]
pub async fn confirm_import(request: ConfirmRequest) -> Result<ConfirmAnswer, AppError> {
    crate::respond(async move {
        let admin = crate::auth::session::require_admin()?;
        Ok(service::import::confirm(&crate::state::app_state().db, domain::Actor::admin(admin.id), request).await?)
    })
    .await
}
