//! Throttling of failed sign-ins, per email, stored in the database so every server instance sees the same
//! count: after [`MAX_FAILURES`] failures within [`WINDOW_MINUTES`], the email is blocked until the oldest failure
//! leaves the window.

use chrono::{Duration, Utc};
use storage::{DatabaseConnection, DbErr};

const MAX_FAILURES: u64 = 5;
const WINDOW_MINUTES: i64 = 15;

/// How many seconds this email must wait before trying again, if it has had too many recent failures.
pub(super) async fn blocked_for(db: &DatabaseConnection, email_key: &str) -> Result<Option<u64>, DbErr> {
    let now = Utc::now();
    let window = Duration::minutes(WINDOW_MINUTES);
    let (count, oldest) = storage::sign_in_failures::recent(db, email_key, now - window).await?;
    if count < MAX_FAILURES {
        return Ok(None);
    }
    Ok(Some(oldest.map(|oldest| (oldest + window - now).num_seconds().max(1) as u64).unwrap_or(60)))
}

pub(super) async fn record_failure(db: &DatabaseConnection, email_key: &str) -> Result<(), DbErr> {
    storage::sign_in_failures::record(db, email_key, Utc::now()).await
}

/// After a successful sign-in: forgets this email's failures, and old failures of every email.
pub(super) async fn clear(db: &DatabaseConnection, email_key: &str) -> Result<(), DbErr> {
    storage::sign_in_failures::clear(db, email_key, Utc::now() - Duration::minutes(WINDOW_MINUTES)).await
}
