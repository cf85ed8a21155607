//! Signing in and out, and finding the admin behind a session token. The browser holds a random token; the
//! database holds only its SHA-256.

use chrono::{DateTime, Duration, Utc};
use storage::tokens::{hash_token, new_token};
use storage::{DatabaseConnection, DbErr};

use super::email_key;
use crate::password::{self, HashError};
use crate::throttle::{self, ClientAddress, Door};

/// The admin a request was authenticated as.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct CurrentAdmin {
    pub id: i64,
    pub email: String,
}

/// What a sign-in form sends, and where from.
#[derive(Clone, Copy, Debug)]
pub struct SignIn<'a> {
    pub email: &'a str,
    pub password: &'a str,
    pub client: ClientAddress,
    /// The session the browser had, closed by the new one.
    pub old_token: Option<&'a str>,
}

#[derive(Debug, thiserror::Error)]
pub enum SignInError {
    #[error("wrong email or password")]
    InvalidCredentials,
    #[error("too many failed sign-ins; retry in {retry_after_secs} s")]
    TooManyAttempts { retry_after_secs: u64 },
    /// Refused before any work: an email or password longer than any real one.
    #[error("the email or the password is too long")]
    TooLong,
    /// Too many password checks under way on this server.
    #[error("too many sign-ins under way; retry in {retry_after_secs} s")]
    Busy { retry_after_secs: u64 },
    #[error("password hashing failed")]
    Hashing,
    #[error(transparent)]
    Database(#[from] DbErr),
}

impl From<HashError> for SignInError {
    fn from(err: HashError) -> Self {
        match err {
            HashError::Busy => SignInError::Busy { retry_after_secs: password::BUSY_RETRY_AFTER_SECS },
            HashError::Failed => SignInError::Hashing,
        }
    }
}

/// Checks the credentials and opens a new session lasting `session_ttl`, returning its token. The old session
/// (if the browser had one) is closed, so a session id is never reused across a sign-in. Every attempt passes
/// the throttle first ([`crate::throttle`]).
pub async fn sign_in(
    db: &DatabaseConnection,
    session_ttl: Duration,
    request: SignIn<'_>,
    now: DateTime<Utc>,
) -> Result<String, SignInError> {
    if throttle::too_long(request.email, request.password) {
        return Err(SignInError::TooLong);
    }
    let key = email_key(request.email);
    let attempt = match throttle::attempt(db, Door::Admin, &key, request.client, now).await? {
        Ok(attempt) => attempt,
        Err(retry_after_secs) => {
            tracing::info!("admin sign-in throttled");
            return Err(SignInError::TooManyAttempts { retry_after_secs });
        }
    };
    let admin = storage::admins::find_by_email(db, &key).await?;
    // Verified against a real hash even for an unknown email, so the timing does not reveal which emails exist.
    let matches =
        password::verify_async(admin.as_ref().map(|a| a.password_hash.clone()), request.password.to_owned()).await?;
    let Some(admin) = admin.filter(|_| matches) else {
        tracing::info!("failed admin sign-in");
        return Err(SignInError::InvalidCredentials);
    };

    attempt.succeeded(db, now).await?;
    if let Some(old) = request.old_token {
        storage::sessions::delete(db, &hash_token(old)).await?;
    }
    let token = new_token();
    storage::sessions::create(db, &hash_token(&token), admin.id, now + session_ttl).await?;
    storage::sessions::delete_expired(db, now).await?;
    tracing::info!(admin_id = admin.id, "admin signed in");
    Ok(token)
}

/// Lifts every sign-in delay of this admin (the operator's `server unlock-admin EMAIL`); returns how many
/// counters there were, or `None` when no admin has this email.
pub async fn unlock_admin(db: &DatabaseConnection, email: &str) -> Result<Option<u64>, DbErr> {
    let key = email_key(email);
    if storage::admins::find_by_email(db, &key).await?.is_none() {
        return Ok(None);
    }
    Ok(Some(throttle::unlock(db, Door::Admin, &key).await?))
}

/// Ends the session of this token (nothing happens for an unknown one).
pub async fn sign_out(db: &DatabaseConnection, token: &str) -> Result<(), DbErr> {
    storage::sessions::delete(db, &hash_token(token)).await
}

/// The admin whose live session this token is.
pub async fn authenticate(db: &DatabaseConnection, token: &str) -> Result<Option<CurrentAdmin>, DbErr> {
    let admin = storage::sessions::find_admin(db, &hash_token(token), Utc::now()).await?;
    Ok(admin.map(|a| CurrentAdmin { id: a.id, email: a.email }))
}

/// Where to go after signing in: a path of this site as a URL parser reads it (so `//evil.example`,
/// `/\evil.example` or `/<tab>/evil.example`, which browsers take for another host, are refused), re-serialised
/// so that it is always a valid header value; anything else goes to the Users page.
pub fn safe_next(next: Option<&str>) -> String {
    const BASE: &str = "http://this.site/";
    let Some(next) = next.filter(|n| n.starts_with('/')) else { return "/".to_owned() };
    let Ok(base) = url::Url::parse(BASE) else { return "/".to_owned() };
    match base.join(next) {
        Ok(url) if url.origin() == base.origin() && !url.path().starts_with("/sign-in") => {
            let mut target = url.path().to_owned();
            if let Some(query) = url.query() {
                target.push('?');
                target.push_str(query);
            }
            target
        }
        _ => "/".to_owned(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn next_only_goes_to_paths_of_this_site() {
        assert_eq!(safe_next(Some("/?q=a")), "/?q=a");
        assert_eq!(safe_next(Some("/users?page=2")), "/users?page=2");
        assert_eq!(safe_next(Some("//evil.example")), "/");
        assert_eq!(safe_next(Some("https://evil.example")), "/");
        assert_eq!(safe_next(Some("/\\evil.example")), "/");
        assert_eq!(safe_next(Some("/\t/evil.example")), "/");
        assert_eq!(safe_next(Some("/sign-in?next=/")), "/");
        assert_eq!(safe_next(None), "/");
    }

    #[test]
    fn next_is_always_a_valid_header_value() {
        let target = safe_next(Some("/a\u{1}b?c=\u{7f}"));
        assert!(target.bytes().all(|b| b.is_ascii_graphic()), "{target:?}");
    }
}
