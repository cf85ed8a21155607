//! The admins page: the admins (remove one, never the last), inviting a new admin by email and the open
//! invitations, one's own password and sessions; and the invitee's accept page (`/admin-invite/{token}`, public).
//! Thin server functions over `service::admins` and `service::admin_invitations`.

mod accept;
mod page;
pub mod texts;

use leptos::prelude::*;

pub use accept::AdminAcceptPage;
pub use domain::{AdminInvitationRow, AdminInvitationState, AdminLinkState, AdminRow, SessionRow};
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

/// The open admin invitations, newest first.
#[server(endpoint = "list_admin_invitations")]
pub async fn list_admin_invitations() -> Result<Vec<AdminInvitationRow>, AppError> {
    crate::respond(async move {
        crate::auth::session::require_admin()?;
        Ok(service::admin_invitations::list(&crate::state::app_state().db).await?)
    })
    .await
}

/// Invites `email` to be an admin; the email goes out in this admin's interface language. Answers the address as
/// it was stored (trimmed).
#[server(endpoint = "invite_admin")]
pub async fn invite_admin(email: String) -> Result<String, AppError> {
    crate::respond(async move {
        let admin = crate::auth::session::require_admin()?;
        if email.len() > 1_000 {
            return Err(AppError::TooLong);
        }
        let lang = crate::i18n::lang_from_request();
        let db = &crate::state::app_state().db;
        service::admin_invitations::invite(db, domain::Actor::admin(admin.id), &email, lang).await?;
        Ok(rules::valid_email(&email).unwrap_or(email))
    })
    .await
}

/// Cancels an open admin invitation: its link stops working.
#[server(endpoint = "cancel_admin_invitation")]
pub async fn cancel_admin_invitation(id: i64) -> Result<(), AppError> {
    crate::respond(async move {
        let admin = crate::auth::session::require_admin()?;
        let db = &crate::state::app_state().db;
        Ok(service::admin_invitations::cancel(db, domain::Actor::admin(admin.id), id).await?)
    })
    .await
}

/// What an admin invitation's accept link leads to. Public: the link's token is the proof.
#[server(endpoint = "admin_invitation_link")]
pub async fn admin_invitation_link(token: String) -> Result<AdminLinkState, AppError> {
    crate::respond(
        async move { Ok(service::admin_invitations::link_state(&crate::state::app_state().db, &token).await?) },
    )
    .await
}

/// The invitee chooses a password: the admin account is made, the link used up, and the answer carries a session
/// cookie and a redirect to the Users page. Public: the link's token is the proof.
#[server(endpoint = "accept_admin_invitation")]
pub async fn accept_admin_invitation(token: String, password: String) -> Result<(), AppError> {
    crate::respond(async move {
        if password.len() > 1_000 {
            return Err(AppError::TooLong);
        }
        let state = crate::state::app_state();
        let old = crate::auth::session::request_token();
        let session =
            service::admin_invitations::accept(&state.db, &token, password, old.as_deref(), state.config.session_ttl)
                .await?;
        crate::auth::session::set_cookie(&state.config, &session);
        leptos_axum::redirect("/");
        Ok(())
    })
    .await
}
