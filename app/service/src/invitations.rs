//! Invitations seen from the web: what an accept link leads to, accepting it, a learner's first sign-in, and the
//! admin's Resend. Delivery itself is the `delivery` crate's worker; these only read and change the queue.

use chrono::{DateTime, Duration, Utc};
use domain::{check_password, LearnerAnswer, LinkState, UserStatus, WeakPassword};
use storage::invitations::Invitation;
use storage::users::User;
use storage::{DatabaseConnection, DbErr};

use crate::auth::SignInError;
use crate::password;
use crate::throttle::{self, ClientAddress, Door};

/// A learner asking again gets at most one invitation per this long.
const LEARNER_GAP_MINUTES: i64 = 15;
/// An admin's Resend is not repeated by a double click.
const ADMIN_GAP_MINUTES: i64 = 1;
/// "Resend all failed" requeues at most this many invitations per statement.
pub const RESEND_BATCH: u64 = 500;

#[derive(Debug, thiserror::Error)]
pub enum AcceptError {
    #[error(transparent)]
    WeakPassword(#[from] WeakPassword),
    /// Expired, used, replaced, or never issued.
    #[error("this invitation link no longer works")]
    UnusableLink,
    #[error(transparent)]
    Hashing(#[from] password::HashError),
    #[error(transparent)]
    Database(#[from] DbErr),
}

/// The invitation and Pending user of a link that still works.
async fn usable(db: &DatabaseConnection, token: &str) -> Result<Option<(Invitation, User)>, DbErr> {
    if token.is_empty() || token.len() > 100 {
        return Ok(None);
    }
    let found = storage::invitations::find_by_token_hash(db, &storage::tokens::hash_token(token)).await?;
    Ok(found.filter(|(invitation, user)| {
        user.status == UserStatus::Pending && invitation.token_expires_at.is_some_and(|at| at > Utc::now())
    }))
}

/// What the accept link with this token leads to.
pub async fn link_state(db: &DatabaseConnection, token: &str) -> Result<LinkState, DbErr> {
    if let Some((_, user)) = usable(db, token).await? {
        return Ok(LinkState::Valid { firstname: user.firstname, email: user.email });
    }
    // A live link whose learner was suspended: say so rather than "ask for a new one", which would not come.
    if token.is_empty() || token.len() > 100 {
        return Ok(LinkState::Unusable);
    }
    let found = storage::invitations::find_by_token_hash(db, &storage::tokens::hash_token(token)).await?;
    let suspended = found.is_some_and(|(invitation, user)| {
        user.status == UserStatus::Suspended && invitation.token_expires_at.is_some_and(|at| at > Utc::now())
    });
    Ok(if suspended { LinkState::Suspended } else { LinkState::Unusable })
}

/// Sets the learner's password and makes them Active; the link stops working. Of several accepts of one link
/// (a double submit, two tabs, an attacker racing the learner), exactly one succeeds; the others get
/// [`AcceptError::UnusableLink`], and the password stored is the winner's.
pub async fn accept(db: &DatabaseConnection, token: &str, new_password: String) -> Result<(), AcceptError> {
    check_password(&new_password)?;
    let Some((invitation, user)) = usable(db, token).await? else {
        return Err(AcceptError::UnusableLink);
    };
    // Hashed before the transaction, so the write lock is not held through the slow part.
    let phc = password::hash_async(new_password).await?;
    let token_hash = storage::tokens::hash_token(token);
    let txn = storage::begin_write(db).await?;
    // The check above was a read: a parallel accept may have used the link since. The conditional update decides.
    let consumed = storage::invitations::consume_token(&txn, invitation.id, &token_hash, Utc::now()).await?;
    if !consumed || !storage::users::activate(&txn, user.id, &phc).await? {
        txn.rollback().await?;
        return Err(AcceptError::UnusableLink);
    }
    txn.commit().await?;
    tracing::info!(user = user.id, "invitation accepted");
    Ok(())
}

/// A learner's sign-in. A Pending learner (never invited, or whose link expired) is sent an invitation, at most
/// one per 15 minutes; the answer is the same whether the email is known or not. It passes the same throttle as
/// the admin's sign-in ([`crate::throttle`]), with its own counters. A Suspended learner is refused with
/// [`LearnerAnswer::Suspended`] only after the throttle and only for the right password (which counts as a right
/// password does, for the throttle); a wrong one, or a learner suspended before they ever chose a password, gets
/// the usual [`LearnerAnswer::CheckYourInbox`] and no invitation.
pub async fn learner_sign_in(
    db: &DatabaseConnection,
    email: &str,
    given_password: String,
    client: ClientAddress,
    now: DateTime<Utc>,
) -> Result<LearnerAnswer, SignInError> {
    if throttle::too_long(email, &given_password) {
        return Err(SignInError::TooLong);
    }
    let key = rules::normalize_email(email);
    let attempt = match throttle::attempt(db, Door::Learner, &key, client, now).await? {
        Ok(attempt) => attempt,
        Err(retry_after_secs) => return Err(SignInError::TooManyAttempts { retry_after_secs }),
    };
    let user = storage::users::find_by_email(db, &key).await?;
    // Every branch checks one password: an Active (or Suspended) learner's against their hash, a Pending learner
    // (who has no password yet) and an unknown email against the dummy one. So the time of the answer tells
    // nothing.
    let signs_in_with_password = |u: &&User| matches!(u.status, UserStatus::Active | UserStatus::Suspended);
    let hash = user.as_ref().filter(signs_in_with_password).and_then(|u| u.password_hash.clone());
    let matches = password::verify_async(hash, given_password).await?;
    match user {
        Some(user) if matches && user.status == UserStatus::Suspended => {
            attempt.succeeded(db, now).await?;
            tracing::info!(user = user.id, "suspended learner refused");
            return Ok(LearnerAnswer::Suspended);
        }
        Some(user) if matches => {
            attempt.succeeded(db, now).await?;
            return Ok(LearnerAnswer::Welcome { firstname: user.firstname });
        }
        Some(user) if user.status == UserStatus::Pending => {
            let queued = storage::invitations::requeue(db, user.id, Duration::minutes(LEARNER_GAP_MINUTES)).await?;
            tracing::info!(user = user.id, queued, "pending learner asked to sign in");
        }
        _ => {}
    }
    Ok(LearnerAnswer::CheckYourInbox)
}

/// Queues a new invitation for each of these users that is still Pending; returns how many were queued.
pub async fn resend(db: &DatabaseConnection, user_ids: &[i64]) -> Result<u32, DbErr> {
    let mut queued = 0;
    for &user_id in user_ids {
        let pending = storage::users::find_by_id(db, user_id).await?.is_some_and(|u| u.status == UserStatus::Pending);
        if pending && storage::invitations::requeue(db, user_id, Duration::minutes(ADMIN_GAP_MINUTES)).await? {
            queued += 1;
        }
    }
    Ok(queued)
}

/// Queues again every invitation that failed (of users still Pending); returns how many were queued. Walks the
/// failures [`RESEND_BATCH`] at a time: a constant number of statements per batch, never one per invitation.
pub async fn resend_failed(db: &DatabaseConnection) -> Result<u32, DbErr> {
    let mut queued: u64 = 0;
    let mut after_id = 0;
    loop {
        let batch =
            storage::invitations::requeue_failed(db, after_id, RESEND_BATCH, Duration::minutes(ADMIN_GAP_MINUTES))
                .await?;
        queued += batch.queued;
        match batch.next_after_id {
            Some(next) => after_id = next,
            None => return Ok(u32::try_from(queued).unwrap_or(u32::MAX)),
        }
    }
}
