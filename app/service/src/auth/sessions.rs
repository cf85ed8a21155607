//! Signing in and out, and finding the admin behind a session token. The browser holds a random token; the
//! database holds only its SHA-256.

use chrono::{Duration, Utc};
use storage::tokens::{hash_token, new_token};
use storage::{DatabaseConnection, DbErr};

use super::{email_key, throttle};
use crate::password;

/// The admin a request was authenticated as.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct CurrentAdmin {
    pub id: i64,
    pub email: String,
}

#[derive(Debug, thiserror::Error)]
pub enum SignInError {
    #[error("wrong email or password")]
    InvalidCredentials,
    #[error("too many failed sign-ins; retry in {retry_after_secs} s")]
    TooManyAttempts { retry_after_secs: u64 },
    #[error(transparent)]
    Database(#[from] DbErr),
}

/// Checks the credentials and opens a new session lasting `session_ttl`, returning its token. The old session
/// (if the browser had one) is closed, so a session id is never reused across a sign-in.
pub async fn sign_in(
    db: &DatabaseConnection,
    session_ttl: Duration,
    email: &str,
    password: &str,
    old_token: Option<&str>,
) -> Result<String, SignInError> {
    let key = email_key(email);
    if let Some(retry_after_secs) = throttle::blocked_for(db, &key).await? {
        return Err(SignInError::TooManyAttempts { retry_after_secs });
    }
    let admin = storage::admins::find_by_email(db, &key).await?;
    // Verified against a real hash even for an unknown email, so the timing does not reveal which emails exist.
    let matches = password::verify_async(admin.as_ref().map(|a| a.password_hash.clone()), password.to_owned()).await;
    let Some(admin) = admin.filter(|_| matches) else {
        throttle::record_failure(db, &key).await?;
        tracing::info!("failed admin sign-in");
        return Err(SignInError::InvalidCredentials);
    };

    throttle::clear(db, &key).await?;
    if let Some(old) = old_token {
        storage::sessions::delete(db, &hash_token(old)).await?;
    }
    let token = new_token();
    let now = Utc::now();
    storage::sessions::create(db, &hash_token(&token), admin.id, now + session_ttl).await?;
    storage::sessions::delete_expired(db, now).await?;
    tracing::info!(admin_id = admin.id, "admin signed in");
    Ok(token)
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
