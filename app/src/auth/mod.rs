//! Admin sign-in and sign-out: the sign-in page and the server functions behind it. Checking credentials and
//! sessions is `service::auth`'s job; the guard every admin request passes is the server's.

mod page;
pub use page::SignInPage;

#[cfg(feature = "ssr")]
pub mod session;

use leptos::prelude::*;

use crate::error::AppError;

/// Signs an admin in: on success the answer carries a fresh session cookie and redirects to `next` (a path of
/// this site) or to the Users page. Public: the guard lets it through.
#[server(endpoint = "sign_in")]
pub async fn sign_in(email: String, password: String, next: Option<String>) -> Result<(), AppError> {
    crate::respond(async move {
        let state = crate::state::app_state();
        let old_token = session::request_token();
        let request = service::auth::SignIn {
            email: &email,
            password: &password,
            client: session::client_address(),
            old_token: old_token.as_deref(),
        };
        let token = service::auth::sign_in(&state.db, state.config.session_ttl, request, chrono::Utc::now()).await?;
        session::set_cookie(&state.config, &token);
        leptos_axum::redirect(&service::auth::safe_next(next.as_deref()));
        Ok(())
    })
    .await
}

/// Ends the admin's session and goes back to the sign-in page. Public: a session that has already expired (or
/// was ended elsewhere) still gets its cookie removed, and ending an unknown token changes nothing.
#[server(endpoint = "sign_out")]
pub async fn sign_out() -> Result<(), AppError> {
    crate::respond(async move {
        let state = crate::state::app_state();
        if let Some(token) = session::request_token() {
            service::auth::sign_out(&state.db, &token).await?;
        }
        session::clear_cookie(&state.config);
        leptos_axum::redirect("/sign-in");
        Ok(())
    })
    .await
}

/// The signed-in admin's email, for the page header.
#[server(endpoint = "current_admin")]
pub async fn current_admin() -> Result<String, AppError> {
    crate::respond(async move { Ok(session::require_admin()?.email) }).await
}
