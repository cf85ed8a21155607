//! Invitations seen from the web: the learner's accept page and first sign-in (public), and the admin's Resend
//! (behind the guard). Delivery itself is the `delivery` crate's worker; these functions only read and change the
//! queue in the database.

mod page;
mod texts;

pub use page::{AcceptPage, LearnerSignInPage};

use leptos::prelude::*;
use serde::{Deserialize, Serialize};

use crate::error::AppError;

/// The shortest password a learner may choose.
pub const MIN_PASSWORD_CHARS: usize = 12;

/// What an accept link leads to.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum LinkState {
    /// The learner may choose a password.
    Valid { firstname: String, email: String },
    /// Expired, already used, or replaced by a newer invitation: a fresh one can be asked for by email.
    Unusable,
}

#[server(endpoint = "invitation_link")]
pub async fn invitation_link(token: String) -> Result<LinkState, AppError> {
    use crate::state::AppState;
    let state = expect_context::<AppState>();
    Ok(match service::usable(&state.db, &token).await? {
        Some((_, user)) => LinkState::Valid { firstname: user.firstname, email: user.email },
        None => LinkState::Unusable,
    })
}

/// Sets the learner's password and makes them Active; the link stops working.
#[server(endpoint = "accept_invitation")]
pub async fn accept_invitation(token: String, password: String) -> Result<(), AppError> {
    use crate::state::AppState;
    let state = expect_context::<AppState>();
    service::accept(&state.db, &token, password).await
}

/// A learner's sign-in. A Pending learner (never invited, or whose link expired) is sent an invitation, at most
/// one per 15 minutes; the answer is the same whether the email is known or not.
#[server(endpoint = "learner_sign_in")]
pub async fn learner_sign_in(email: String, password: String) -> Result<LearnerAnswer, AppError> {
    use crate::state::AppState;
    let state = expect_context::<AppState>();
    service::learner_sign_in(&state.db, &email, password).await
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum LearnerAnswer {
    /// Active learner, right password.
    Welcome { firstname: String },
    /// Everything else: unknown email, Pending learner (an invitation may be on its way), wrong password.
    CheckYourInbox,
}

/// The admin's Resend for one user.
#[server(endpoint = "resend_invitation")]
pub async fn resend_invitation(user_id: i64) -> Result<bool, AppError> {
    use crate::auth::guard;
    use crate::state::AppState;
    guard::require_admin()?;
    let state = expect_context::<AppState>();
    Ok(service::resend(&state.db, &[user_id]).await? == 1)
}

/// The admin's Resend for every failed invitation; returns how many were queued again.
#[server(endpoint = "resend_failed_invitations")]
pub async fn resend_failed_invitations() -> Result<u32, AppError> {
    use crate::auth::guard;
    use crate::state::AppState;
    guard::require_admin()?;
    let state = expect_context::<AppState>();
    let failed = storage::invitations::failed_user_ids(&state.db).await?;
    service::resend(&state.db, &failed).await
}

#[cfg(feature = "ssr")]
pub mod service {
    //! The invitation rules on the server: usable links, accepting, first sign-in, resending.

    use chrono::{Duration, Utc};
    use storage::entity::users::Status;
    use storage::invitations::Invitation;
    use storage::users::User;
    use storage::{DatabaseConnection, DbErr, TransactionTrait};

    use super::{LearnerAnswer, MIN_PASSWORD_CHARS};
    use crate::auth::password;
    use crate::error::AppError;

    /// A learner asking again gets at most one invitation per this long.
    const LEARNER_GAP_MINUTES: i64 = 15;
    /// An admin's Resend is not repeated by a double click.
    const ADMIN_GAP_MINUTES: i64 = 1;

    /// The invitation and Pending user of a link that still works.
    pub async fn usable(db: &DatabaseConnection, token: &str) -> Result<Option<(Invitation, User)>, DbErr> {
        if token.is_empty() || token.len() > 100 {
            return Ok(None);
        }
        let found = storage::invitations::find_by_token_hash(db, &storage::tokens::hash_token(token)).await?;
        Ok(found.filter(|(invitation, user)| {
            user.status == Status::Pending && invitation.token_expires_at.is_some_and(|at| at > Utc::now())
        }))
    }

    pub async fn accept(db: &DatabaseConnection, token: &str, new_password: String) -> Result<(), AppError> {
        if new_password.chars().count() < MIN_PASSWORD_CHARS {
            return Err(AppError::WeakPassword { min_chars: MIN_PASSWORD_CHARS });
        }
        let Some((invitation, user)) = usable(db, token).await? else {
            return Err(AppError::BadRequest);
        };
        let phc = password::hash_async(new_password).await?;
        let txn = db.begin().await?;
        storage::users::activate(&txn, user.id, &phc).await?;
        storage::invitations::consume_token(&txn, invitation.id).await?;
        txn.commit().await?;
        tracing::info!(user = user.id, "invitation accepted");
        Ok(())
    }

    pub async fn learner_sign_in(
        db: &DatabaseConnection,
        email: &str,
        given_password: String,
    ) -> Result<LearnerAnswer, AppError> {
        let user = storage::users::find_by_email(db, &rules::normalize_email(email)).await?;
        match user {
            Some(user) if user.status == Status::Active => {
                let phc = user.password_hash.clone().unwrap_or_else(|| crate::auth::service::DUMMY_HASH.to_owned());
                if password::verify_async(phc, given_password).await {
                    return Ok(LearnerAnswer::Welcome { firstname: user.firstname });
                }
            }
            Some(user) => {
                let queued = storage::invitations::requeue(db, user.id, Duration::minutes(LEARNER_GAP_MINUTES)).await?;
                tracing::info!(user = user.id, queued, "pending learner asked to sign in");
            }
            // Same work as for a known email, so timing does not tell which emails are learners.
            None => {
                let _ = password::verify_async(crate::auth::service::DUMMY_HASH.to_owned(), given_password).await;
            }
        }
        Ok(LearnerAnswer::CheckYourInbox)
    }

    /// Queues a new invitation for each of these users that is still Pending; returns how many were queued.
    pub async fn resend(db: &DatabaseConnection, user_ids: &[i64]) -> Result<u32, AppError> {
        let mut queued = 0;
        for &user_id in user_ids {
            let pending = storage::users::find_by_id(db, user_id).await?.is_some_and(|u| u.status == Status::Pending);
            if pending && storage::invitations::requeue(db, user_id, Duration::minutes(ADMIN_GAP_MINUTES)).await? {
                queued += 1;
            }
        }
        Ok(queued)
    }
}
