//! Invitations seen from the web: the learner's accept page and first sign-in (public), and the admin's Resend
//! (behind the guard). Delivery itself is the `delivery` crate's worker; these functions only read and change the
//! queue in the database.

mod page;
mod texts;

pub use page::{AcceptPage, LearnerSignInPage};

use leptos::prelude::*;

pub use domain::{LearnerAnswer, LinkState, MIN_PASSWORD_CHARS};

use crate::error::AppError;

/// What the accept link with this token leads to.
#[server(endpoint = "invitation_link")]
pub async fn invitation_link(token: String) -> Result<LinkState, AppError> {
    crate::respond(async move { Ok(service::invitations::link_state(&crate::state::app_state().db, &token).await?) })
        .await
}

/// Sets the learner's password and makes them Active; the link stops working.
#[server(endpoint = "accept_invitation")]
pub async fn accept_invitation(token: String, password: String) -> Result<(), AppError> {
    crate::respond(
        async move { Ok(service::invitations::accept(&crate::state::app_state().db, &token, password).await?) },
    )
    .await
}

/// A learner's sign-in. A Pending learner (never invited, or whose link expired) is sent an invitation, at most
/// one per 15 minutes; the answer is the same whether the email is known or not.
#[server(endpoint = "learner_sign_in")]
pub async fn learner_sign_in(email: String, password: String) -> Result<LearnerAnswer, AppError> {
    crate::respond(async move {
        let client = crate::auth::session::client_address();
        let db = &crate::state::app_state().db;
        Ok(service::invitations::learner_sign_in(db, &email, password, client, chrono::Utc::now()).await?)
    })
    .await
}

/// The admin's Resend for one user.
#[server(endpoint = "resend_invitation")]
pub async fn resend_invitation(user_id: i64) -> Result<bool, AppError> {
    crate::respond(async move {
        crate::auth::session::require_admin()?;
        Ok(service::invitations::resend(&crate::state::app_state().db, &[user_id]).await? == 1)
    })
    .await
}

/// The admin's Resend for every failed invitation; returns how many were queued again.
#[server(endpoint = "resend_failed_invitations")]
pub async fn resend_failed_invitations() -> Result<u32, AppError> {
    crate::respond(async move {
        crate::auth::session::require_admin()?;
        Ok(service::invitations::resend_failed(&crate::state::app_state().db).await?)
    })
    .await
}
