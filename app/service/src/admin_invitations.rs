//! Inviting an admin by email: the invitation (never a password in an email), the open invitations and cancelling
//! one, and the invitee's accept link, which creates the admin account and signs it in. The email itself is the
//! `delivery` crate's worker's, from the `admin_invitations` queue. Inviting, cancelling and joining are in the
//! activity log.

use chrono::{DateTime, Duration, SecondsFormat, Utc};
use domain::{
    check_password, ActivityAction, Actor, AdminInvitationRow, AdminInvitationState, AdminLinkState, InvitationState,
    WeakPassword,
};
use rules::Lang;
use storage::admin_invitations::{AdminInvitation, NewInvitation};
use storage::tokens::{hash_token, new_token};
use storage::{DatabaseConnection, DbErr};

use crate::auth::email_key;
use crate::password;

#[derive(Debug, thiserror::Error)]
pub enum InviteError {
    #[error("not a valid email address")]
    InvalidEmail,
    #[error("this email is already an admin's")]
    AlreadyAdmin,
    #[error("this email is already invited and the invitation is still open")]
    AlreadyInvited,
    #[error("no open invitation has this id")]
    NotFound,
    #[error(transparent)]
    Database(#[from] DbErr),
}

#[derive(Debug, thiserror::Error)]
pub enum AcceptError {
    #[error(transparent)]
    WeakPassword(#[from] WeakPassword),
    /// Expired, used, cancelled, or never issued.
    #[error("this invitation link no longer works")]
    UnusableLink,
    #[error(transparent)]
    Hashing(#[from] password::HashError),
    #[error(transparent)]
    Database(#[from] DbErr),
}

fn rfc3339(at: DateTime<Utc>) -> String {
    at.to_rfc3339_opts(SecondsFormat::Secs, true)
}

/// How the admins page sees an open invitation at `now`.
fn state_at(invitation: &AdminInvitation, now: DateTime<Utc>) -> AdminInvitationState {
    match invitation.state {
        InvitationState::Queued | InvitationState::Sending => AdminInvitationState::Queued,
        InvitationState::Failed => AdminInvitationState::Failed,
        InvitationState::Sent if invitation.token_expires_at.is_some_and(|at| at > now) => AdminInvitationState::Sent,
        InvitationState::Sent => AdminInvitationState::Expired,
    }
}

/// Invites `email` to be an admin, the email written in `lang` (the inviting admin's). Refused for an admin's
/// email and for one whose invitation is still on its way or its link still works; an expired or failed
/// invitation of the same email is replaced by the new one. Returns the invitation's id.
pub async fn invite(db: &DatabaseConnection, actor: Actor, email: &str, lang: Lang) -> Result<i64, InviteError> {
    let email = rules::valid_email(email).ok_or(InviteError::InvalidEmail)?;
    let key = email_key(&email);
    let now = Utc::now();
    let txn = storage::begin_write(db).await?;
    if storage::admins::find_by_email(&txn, &key).await?.is_some() {
        return Err(InviteError::AlreadyAdmin);
    }
    let mut replaced = 0;
    if let Some(open) = storage::admin_invitations::open_for_email(&txn, &key).await? {
        if matches!(state_at(&open, now), AdminInvitationState::Queued | AdminInvitationState::Sent) {
            return Err(InviteError::AlreadyInvited);
        }
        storage::admin_invitations::delete_open(&txn, open.id).await?;
        replaced = 1;
    }
    let new =
        NewInvitation { email: &email, email_normalized: &key, language: lang.code(), invited_by: actor.admin_id };
    let invitation = match storage::admin_invitations::insert(&txn, new, now).await {
        Ok(invitation) => invitation,
        // Another admin invited the same email at the same moment (PostgreSQL; SQLite's write lock serialises).
        Err(e) if storage::is_unique_violation(&e) => return Err(InviteError::AlreadyInvited),
        Err(e) => return Err(e.into()),
    };
    let details = [("replaced", replaced)];
    storage::activity::record(&txn, actor, ActivityAction::AdminInvite, Some(invitation.id), &details, now).await?;
    txn.commit().await?;
    tracing::info!(invitation = invitation.id, by = actor.admin_id, "admin invited");
    Ok(invitation.id)
}

/// The open invitations, newest first, with who sent each.
pub async fn list(db: &DatabaseConnection) -> Result<Vec<AdminInvitationRow>, DbErr> {
    let open = storage::admin_invitations::open(db).await?;
    let inviters: Vec<i64> = open.iter().map(|i| i.invited_by).collect();
    let emails = storage::admins::emails(db, &inviters).await?;
    let now = Utc::now();
    Ok(open
        .into_iter()
        .map(|i| AdminInvitationRow {
            id: i.id,
            state: state_at(&i, now),
            invited_by: emails.get(&i.invited_by).cloned().unwrap_or_else(|| format!("#{}", i.invited_by)),
            created_at: rfc3339(i.created_at),
            expires_at: i.token_expires_at.map(rfc3339),
            email: i.email,
        })
        .collect())
}

/// Cancels an open invitation: its link stops working at once.
pub async fn cancel(db: &DatabaseConnection, actor: Actor, id: i64) -> Result<(), InviteError> {
    let txn = storage::begin_write(db).await?;
    if !storage::admin_invitations::delete_open(&txn, id).await? {
        return Err(InviteError::NotFound);
    }
    storage::activity::record(&txn, actor, ActivityAction::AdminInviteCancel, Some(id), &[], Utc::now()).await?;
    txn.commit().await?;
    tracing::info!(invitation = id, by = actor.admin_id, "admin invitation cancelled");
    Ok(())
}

/// The open invitation of a link that still works.
async fn usable(db: &DatabaseConnection, token: &str) -> Result<Option<AdminInvitation>, DbErr> {
    if token.is_empty() || token.len() > 100 {
        return Ok(None);
    }
    let found = storage::admin_invitations::find_by_token_hash(db, &hash_token(token)).await?;
    Ok(found.filter(|i| i.token_expires_at.is_some_and(|at| at > Utc::now())))
}

/// What the accept link with this token leads to. An unusable link says nothing of why, nor whose it was.
pub async fn link_state(db: &DatabaseConnection, token: &str) -> Result<AdminLinkState, DbErr> {
    Ok(match usable(db, token).await? {
        Some(invitation) => AdminLinkState::Valid { email: invitation.email },
        None => AdminLinkState::Unusable,
    })
}

/// The invitee chooses a password: the admin account is created (or, for an admin removed earlier, given back),
/// the link is used up, and a session lasting `session_ttl` is opened, whose token is returned (the browser's old
/// session, if any, is closed). Of several accepts of one link exactly one succeeds; the others get
/// [`AcceptError::UnusableLink`].
pub async fn accept(
    db: &DatabaseConnection,
    token: &str,
    new_password: String,
    old_session: Option<&str>,
    session_ttl: Duration,
) -> Result<String, AcceptError> {
    check_password(&new_password)?;
    let Some(invitation) = usable(db, token).await? else {
        return Err(AcceptError::UnusableLink);
    };
    // Hashed before the transaction, so the write lock is not held through the slow part.
    let phc = password::hash_async(new_password).await?;
    let now = Utc::now();
    let txn = storage::begin_write(db).await?;
    // The check above was a read: a parallel accept may have used the link since. The conditional update decides.
    if !storage::admin_invitations::consume_token(&txn, invitation.id, &hash_token(token), now).await? {
        txn.rollback().await?;
        return Err(AcceptError::UnusableLink);
    }
    let admin_id = match storage::admins::find_any_by_email(&txn, &invitation.email_normalized).await? {
        // Removed earlier: the same account comes back, so the history keeps naming one admin.
        Some(admin) if admin.removed_at.is_some() => {
            storage::admins::restore(&txn, admin.id, &phc).await?;
            admin.id
        }
        // Made an admin another way since the invitation (the command line): the link is used up, nothing changes.
        Some(_) => {
            txn.commit().await?;
            return Err(AcceptError::UnusableLink);
        }
        None => storage::admins::create(&txn, &invitation.email, &invitation.email_normalized, &phc).await?.id,
    };
    storage::admin_invitations::set_admin(&txn, invitation.id, admin_id).await?;
    if let Some(old) = old_session {
        storage::sessions::delete(&txn, &hash_token(old)).await?;
    }
    let session = new_token();
    storage::sessions::create(&txn, &hash_token(&session), admin_id, now + session_ttl).await?;
    let details = [("invitation", invitation.id), ("invited_by", invitation.invited_by)];
    storage::activity::record(&txn, Actor::admin(admin_id), ActivityAction::AdminJoin, Some(admin_id), &details, now)
        .await?;
    txn.commit().await?;
    tracing::info!(invitation = invitation.id, admin_id, "admin invitation accepted");
    Ok(session)
}
