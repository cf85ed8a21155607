//! The API tokens page: the tokens scripts and school systems call `/api/v1` with, one created (its secret shown
//! once) and one revoked at a time. Thin server functions over `service::tokens`.

mod create;
mod page;
pub mod texts;

use leptos::prelude::*;

pub use domain::{NewToken, TokenRow};
pub use page::TokensPage;

use crate::error::AppError;

/// Longer than any valid name in any encoding: refused before any work (the service checks the real bound).
#[cfg(feature = "ssr")]
const NAME_BYTES_LIMIT: usize = 1_000;

#[server(endpoint = "list_tokens")]
pub async fn list_tokens() -> Result<Vec<TokenRow>, AppError> {
    crate::respond(async move {
        crate::auth::session::require_admin()?;
        Ok(service::tokens::list(&crate::state::app_state().db).await?)
    })
    .await
}

/// Creates a token acting as the signed-in admin; the answer carries the secret, the only time it is sent.
#[server(endpoint = "create_token")]
pub async fn create_token(name: String, expires_in_days: Option<u32>) -> Result<NewToken, AppError> {
    crate::respond(async move {
        let admin = crate::auth::session::require_admin()?;
        if name.len() > NAME_BYTES_LIMIT {
            return Err(AppError::TokenName { max_chars: domain::MAX_TOKEN_NAME_CHARS });
        }
        let db = &crate::state::app_state().db;
        Ok(service::tokens::create(db, domain::Actor::admin(admin.id), &name, expires_in_days).await?)
    })
    .await
}

#[server(endpoint = "revoke_token")]
pub async fn revoke_token(id: i64) -> Result<(), AppError> {
    crate::respond(async move {
        let admin = crate::auth::session::require_admin()?;
        Ok(service::tokens::revoke(&crate::state::app_state().db, domain::Actor::admin(admin.id), id).await?)
    })
    .await
}
