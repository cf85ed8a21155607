//! Admin sign-in and sign-out, the sign-in page, and (server side) the one authorisation guard every admin page
//! and server function goes through.

mod page;
pub use page::SignInPage;

#[cfg(feature = "ssr")]
pub mod guard;
#[cfg(feature = "ssr")]
pub mod password;
#[cfg(feature = "ssr")]
pub mod service;
#[cfg(feature = "ssr")]
pub mod session;
#[cfg(feature = "ssr")]
pub mod throttle;

use leptos::prelude::*;

use crate::error::AppError;

/// Signs an admin in: on success the answer carries a fresh session cookie and redirects to `next` (a path of
/// this site) or to the Users page. Public: the guard lets it through.
#[server(endpoint = "sign_in")]
pub async fn sign_in(email: String, password: String, next: Option<String>) -> Result<(), AppError> {
    use crate::state::AppState;
    let state = expect_context::<AppState>();
    let headers = session::request_headers();
    let old_token = session::token_from_headers(&headers);
    let token = service::sign_in(&state, &email, &password, old_token.as_deref()).await?;
    session::set_cookie(&state.config, &token);
    leptos_axum::redirect(&service::safe_next(next.as_deref()));
    Ok(())
}

/// Ends the admin's session and goes back to the sign-in page.
#[server(endpoint = "sign_out")]
pub async fn sign_out() -> Result<(), AppError> {
    use crate::state::AppState;
    let state = expect_context::<AppState>();
    guard::require_admin()?;
    if let Some(token) = session::token_from_headers(&session::request_headers()) {
        storage::sessions::delete(&state.db, &session::hash_token(&token)).await?;
    }
    session::clear_cookie(&state.config);
    leptos_axum::redirect("/sign-in");
    Ok(())
}

/// The signed-in admin's email, for the page header.
#[server(endpoint = "current_admin")]
pub async fn current_admin() -> Result<String, AppError> {
    Ok(guard::require_admin()?.email)
}
