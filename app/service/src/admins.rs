//! The admins: the list, removing one (never the last, never oneself), one's own password and sessions. Each
//! change is in the activity log.

use chrono::{DateTime, SecondsFormat, Utc};
use domain::{check_password, ActivityAction, Actor, AdminRow, SessionRow, WeakPassword};
use storage::tokens::hash_token;
use storage::{DatabaseConnection, DbErr};

use crate::password;

#[derive(Debug, thiserror::Error)]
pub enum AdminError {
    #[error("no admin has this id")]
    NotFound,
    #[error("the last admin cannot be removed")]
    LastAdmin,
    /// Another admin removes you: a portal is never left without someone who can sign in by mistake.
    #[error("an admin cannot remove themselves")]
    Yourself,
    #[error("the current password is wrong")]
    WrongPassword,
    #[error(transparent)]
    WeakPassword(#[from] WeakPassword),
    #[error(transparent)]
    Hashing(#[from] password::HashError),
    #[error(transparent)]
    Database(#[from] DbErr),
}

fn rfc3339(at: DateTime<Utc>) -> String {
    at.to_rfc3339_opts(SecondsFormat::Secs, true)
}

/// The admins who can sign in, oldest first.
pub async fn list(db: &DatabaseConnection, you: i64) -> Result<Vec<AdminRow>, DbErr> {
    Ok(storage::admins::all(db)
        .await?
        .into_iter()
        .filter(|a| a.removed_at.is_none())
        .map(|a| AdminRow { id: a.id, you: a.id == you, email: a.email, created_at: rfc3339(a.created_at) })
        .collect())
}

/// Removes another admin: they can no longer sign in, their sessions end; the history keeps their name.
pub async fn remove(db: &DatabaseConnection, actor: Actor, id: i64) -> Result<(), AdminError> {
    if id == actor.admin_id {
        return Err(AdminError::Yourself);
    }
    let txn = storage::begin_write(db).await?;
    let target = storage::admins::find_by_id(&txn, id).await?.filter(|a| a.removed_at.is_none());
    if target.is_none() {
        return Err(AdminError::NotFound);
    }
    // Counted inside the write transaction: two admins removing each other cannot both succeed.
    if storage::admins::count(&txn).await? <= 1 {
        return Err(AdminError::LastAdmin);
    }
    let now = Utc::now();
    storage::admins::mark_removed(&txn, id, now).await?;
    storage::sessions::delete_all_of_admin(&txn, id, None).await?;
    storage::activity::record(&txn, actor, ActivityAction::AdminRemove, Some(id), &[], now).await?;
    txn.commit().await?;
    tracing::info!(admin_id = id, by = actor.admin_id, "admin removed");
    Ok(())
}

/// Changes one's own password (the current one required); every other session of this admin ends.
pub async fn change_password(
    db: &DatabaseConnection,
    actor: Actor,
    current_token: &str,
    current: String,
    new: String,
) -> Result<(), AdminError> {
    check_password(&new)?;
    let admin = storage::admins::find_by_id(db, actor.admin_id).await?.ok_or(AdminError::NotFound)?;
    if !password::verify_async(Some(admin.password_hash), current).await? {
        return Err(AdminError::WrongPassword);
    }
    let phc = password::hash_async(new).await?;
    let txn = storage::begin_write(db).await?;
    storage::admins::set_password(&txn, admin.id, &phc).await?;
    let ended = storage::sessions::delete_all_of_admin(&txn, admin.id, Some(&hash_token(current_token))).await?;
    let details = [("sessions_ended", ended as i64)];
    storage::activity::record(&txn, actor, ActivityAction::PasswordChange, Some(admin.id), &details, Utc::now())
        .await?;
    txn.commit().await?;
    Ok(())
}

/// One's own live sessions, newest first, this browser's marked.
pub async fn sessions(db: &DatabaseConnection, admin_id: i64, current_token: &str) -> Result<Vec<SessionRow>, DbErr> {
    let current = hash_token(current_token);
    Ok(storage::sessions::of_admin(db, admin_id, Utc::now())
        .await?
        .into_iter()
        .map(|s| SessionRow {
            current: s.token_hash == current,
            id: s.token_hash,
            created_at: rfc3339(s.created_at),
            expires_at: rfc3339(s.expires_at),
        })
        .collect())
}

/// Ends one of one's own sessions (another admin's cannot be named).
pub async fn end_session(db: &DatabaseConnection, admin_id: i64, id: &str) -> Result<(), AdminError> {
    if storage::sessions::delete_of_admin(db, admin_id, id).await? {
        Ok(())
    } else {
        Err(AdminError::NotFound)
    }
}
