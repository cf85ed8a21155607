//! The activity log page: every import, undo, user change and deletion, newest first, with who did it; filtered by
//! action or admin. Read-only: there is no server function that changes the log.

mod page;
pub mod texts;

use leptos::prelude::*;

pub use domain::{ActivityAction, ActivityEntry, ActivityPage};
pub use page::ActivityLogPage;

use crate::error::AppError;

/// A page of the log, newest first; `action` is an action's name, `before` the previous page's cursor.
#[server(endpoint = "activity_log")]
pub async fn activity_log(
    action: Option<String>,
    admin: Option<i64>,
    before: Option<i64>,
) -> Result<ActivityPage, AppError> {
    crate::respond(async move {
        crate::auth::session::require_admin()?;
        let action = match action.filter(|a| !a.is_empty()) {
            Some(name) => Some(ActivityAction::parse(&name).ok_or(AppError::BadRequest)?),
            None => None,
        };
        Ok(service::activity::page(&crate::state::app_state().db, action, admin, before).await?)
    })
    .await
}

/// The admins, for the page's filter: (id, email).
#[server(endpoint = "activity_admins")]
pub async fn activity_admins() -> Result<Vec<(i64, String)>, AppError> {
    crate::respond(async move {
        crate::auth::session::require_admin()?;
        Ok(service::activity::admins(&crate::state::app_state().db).await?)
    })
    .await
}
