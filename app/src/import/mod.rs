//! Adding users from a CSV file: the Add users panel (reading, the editable grid) and the server functions
//! behind it (existing users, the confirmed import). The rules themselves live in the `rules` crate.

pub mod download;
pub mod grid;
pub mod matching;
pub mod panel;
pub mod roster;
pub mod texts;

use leptos::prelude::*;
use server_fn::codec::Json;

pub use domain::import::MAX_KEYS;
pub use domain::{ConfirmAnswer, ConfirmRequest, Outcome, RowOutcome, SubmittedRow};
pub use roster::{Leaving, RosterPlan};
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

/// The portal's groups, by name: what the panel's sync offers to pick.
#[server(endpoint = "import_groups", input = Json)]
pub async fn import_groups() -> Result<Vec<String>, AppError> {
    crate::respond(async move {
        crate::auth::session::require_admin()?;
        Ok(service::roster::group_names(&crate::state::app_state().db).await?)
    })
    .await
}

/// What a file would do beyond its rows, before anything is written (`service::roster::plan`): the groups it
/// would create and, for a sync, the group's members it does not list.
#[server(endpoint = "roster_preview", input = Json)]
pub async fn roster_preview(rows: Vec<SubmittedRow>, roster: domain::RosterOptions) -> Result<RosterPlan, AppError> {
    crate::respond(async move {
        crate::auth::session::require_admin()?;
        if rows.len() > rules::MAX_ROWS {
            return Err(AppError::BadRequest);
        }
        let state = crate::state::app_state();
        let rows = rows.into_iter().map(|r| (r.row, rules::UserValues::from_cells(&r.values))).collect();
        let plan = service::roster::plan(&state.db, rows, &roster, state.config.sync).await?;
        Ok(RosterPlan {
            new_groups: plan.new_groups,
            members: plan.members,
            needs_approval: plan.needs_approval,
            leaving: plan
                .leaving
                .into_iter()
                .map(|l| Leaving { firstname: l.firstname, lastname: l.lastname, email: l.email })
                .collect(),
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
        let state = crate::state::app_state();
        Ok(service::import::confirm(&state.db, domain::Actor::admin(admin.id), request, state.config.sync).await?)
    })
    .await
}
