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
pub use domain::{ConfirmAnswer, ConfirmRequest, Outcome, RowOutcome, SubmittedRow};
pub use rules::Learner;

use crate::error::AppError;

/// The learners these emails (normalised by the server) and identifiers belong to, with their current values and
/// versions: what makes a row `email.exists`, and what an update row is compared with.
#[server(endpoint = "existing_users", input = Json)]
pub async fn existing_users(emails: Vec<String>, identifiers: Vec<String>) -> Result<Vec<Learner>, AppError> {
    crate::respond(async move {
        crate::auth::session::require_admin()?;
        if emails.len() > MAX_KEYS || identifiers.len() > MAX_KEYS {
            return Err(AppError::BadRequest);
        }
        Ok(service::import::learners(&crate::state::app_state().db, &emails, &identifiers).await?)
    })
    .await
}

/// Carries out the confirmed import: re-checks every row, then creates the valid users, the import record and
/// the invitations in one transaction.
#[server(endpoint = "confirm_import", input = Json)]
pub async fn confirm_import(request: ConfirmRequest) -> Result<ConfirmAnswer, AppError> {
    crate::respond(async move {
        let admin = crate::auth::session::require_admin()?;
        let state = crate::state::app_state();
        Ok(service::import::confirm(&state.db, domain::Actor::admin(admin.id), request, state.config.sync).await?)
    })
    .await
}
