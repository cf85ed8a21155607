//! Throttling of failed sign-ins, per email, stored in the database so every server instance sees the same
//! count: after [`MAX_FAILURES`] failures within [`WINDOW_MINUTES`], the email is locked until the oldest failure
//! leaves the window.

use chrono::{Duration, Utc};

use crate::error::AppError;
use storage::DatabaseConnection;

pub const MAX_FAILURES: u64 = 5;
pub const WINDOW_MINUTES: i64 = 15;

/// Refuses when this email has had too many recent failures.
pub async fn check(db: &DatabaseConnection, email_key: &str) -> Result<(), AppError> {
    let now = Utc::now();
    let window = Duration::minutes(WINDOW_MINUTES);
    let (count, oldest) = storage::sign_in_failures::recent(db, email_key, now - window).await?;
    if count >= MAX_FAILURES {
        let retry_after_secs = oldest.map(|oldest| (oldest + window - now).num_seconds().max(1) as u64).unwrap_or(60);
        return Err(AppError::TooManyAttempts { retry_after_secs });
    }
    Ok(())
}

pub async fn record_failure(db: &DatabaseConnection, email_key: &str) -> Result<(), AppError> {
    storage::sign_in_failures::record(db, email_key, Utc::now()).await?;
    Ok(())
}

/// After a successful sign-in: forgets this email's failures, and old failures of every email.
pub async fn clear(db: &DatabaseConnection, email_key: &str) -> Result<(), AppError> {
    storage::sign_in_failures::clear(db, email_key, Utc::now() - Duration::minutes(WINDOW_MINUTES)).await?;
    Ok(())
}
