//! The admins page: the admins (remove one, never the last), one's own password and sessions. Thin server
//! functions over `service::admins`.

mod page;
pub mod texts;

use leptos::prelude::*;

pub use domain::{AdminRow, SessionRow};
pub use page::AdminsPage;

use crate::error::AppError;

/// The session token of this request's cookie (the admin's current session).
#[cfg(feature = "ssr")]
fn current_token() -> Result<String, AppError> {
    use_context::<axum::http::request::Parts>()
        .and_then(|parts| crate::auth::session::token_from_headers(&parts.headers))
        .ok_or(AppError::Unauthorized)
}

#[server(endpoint = "list_admins")]
pub async fn list_admins() -> Result<Vec<AdminRow>, AppError> {
    crate::respond(async move {
        let admin = crate::auth::session::require_admin()?;
        Ok(service::admins::list(&crate::state::app_state().db, admin.id).await?)
    })
    .await
}

#[server(endpoint = "remove_admin")]
pub async fn remove_admin(id: i64) -> Result<(), AppError> {
    crate::respond(async move {
        let admin = crate::auth::session::require_admin()?;
        Ok(service::admins::remove(&crate::state::app_state().db, domain::Actor::admin(admin.id), id).await?)
    })
    .await
}

#[server(endpoint = "change_password")]
pub async fn change_password(current: String, new: String) -> Result<(), AppError> {
    crate::respond(async move {
        let admin = crate::auth::session::require_admin()?;
        if current.len() > 1_000 || new.len() > 1_000 {
            return Err(AppError::TooLong);
        }
        let token = current_token()?;
        let db = &crate::state::app_state().db;
        Ok(service::admins::change_password(db, domain::Actor::admin(admin.id), &token, current, new).await?)
    })
    .await
}

#[server(endpoint = "my_sessions")]
pub async fn my_sessions() -> Result<Vec<SessionRow>, AppError> {
    crate::respond(async move {
        let admin = crate::auth::session::require_admin()?;
        let token = current_token()?;
        Ok(service::admins::sessions(&crate::state::app_state().db, admin.id, &token).await?)
    })
    .await
}

#[server(endpoint = "end_session")]
pub async fn end_session(id: String) -> Result<(), AppError> {
    crate::respond(async move {
        let admin = crate::auth::session::require_admin()?;
        Ok(service::admins::end_session(&crate::state::app_state().db, admin.id, &id).await?)
    })
    .await
}
