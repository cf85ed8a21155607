//! The sign-in domain: checking credentials under the throttle, opening sessions, creating admin accounts.

use chrono::Utc;

use super::{password, session, throttle};
use crate::error::AppError;
use crate::state::AppState;
use storage::DatabaseConnection;

/// The key an admin email is stored and compared under (case-insensitive, NFC), the same as for learners.
pub fn email_key(email: &str) -> String {
    rules::normalize_email(email)
}

/// Checks the credentials and opens a new session, returning its token. The old session (if the browser had
/// one) is closed, so a session id is never reused across a sign-in.
pub async fn sign_in(
    state: &AppState,
    email: &str,
    password: &str,
    old_token: Option<&str>,
) -> Result<String, AppError> {
    let key = email_key(email);
    throttle::check(&state.db, &key).await?;

    let admin = storage::admins::find_by_email(&state.db, &key).await?;
    // Verify against a real hash even for an unknown email, so the answer's timing does not reveal which
    // emails have an account.
    let phc = admin.as_ref().map(|a| a.password_hash.clone()).unwrap_or_else(|| DUMMY_HASH.to_owned());
    let matches = password::verify_async(phc, password.to_owned()).await;
    let Some(admin) = admin.filter(|_| matches) else {
        throttle::record_failure(&state.db, &key).await?;
        tracing::info!("failed admin sign-in");
        return Err(AppError::InvalidCredentials);
    };

    throttle::clear(&state.db, &key).await?;
    if let Some(old) = old_token {
        storage::sessions::delete(&state.db, &session::hash_token(old)).await?;
    }
    let token = session::new_token();
    let expires_at = Utc::now() + state.config.session_ttl;
    storage::sessions::create(&state.db, &session::hash_token(&token), admin.id, expires_at).await?;
    storage::sessions::delete_expired(&state.db, Utc::now()).await?;
    tracing::info!(admin_id = admin.id, "admin signed in");
    Ok(token)
}

/// A well-formed Argon2id hash of a random string nobody knows.
pub(crate) const DUMMY_HASH: &str =
    "$argon2id$v=19$m=19456,t=2,p=1$c29tZXNhbHRzb21lc2FsdA$0n6R3cM5cZ0mXl8yQOgk0Qh3o2r9Nw8x1D3oJmQmPxg";

/// Where to go after signing in: only a path of this site, never another site (`//evil.example`).
pub fn safe_next(next: Option<&str>) -> String {
    match next {
        Some(path)
            if path.starts_with('/')
                && !path.starts_with("//")
                && !path.contains('\\')
                && !path.starts_with("/sign-in") =>
        {
            path.to_owned()
        }
        _ => "/".to_owned(),
    }
}

#[derive(Debug, thiserror::Error)]
pub enum CreateAdminError {
    #[error("an admin with the email {0} already exists")]
    AlreadyExists(String),
    #[error("{0} is not a valid email address")]
    InvalidEmail(String),
    #[error("the password must have at least 12 characters")]
    WeakPassword,
    #[error("database error: {0}")]
    Database(#[from] storage::DbErr),
    #[error("password hashing failed")]
    Hashing,
}

/// Creates an admin account with the given password.
pub async fn create_admin(db: &DatabaseConnection, email: &str, password: &str) -> Result<(), CreateAdminError> {
    let email = email.trim();
    if !email.contains('@') || email.starts_with('@') || email.ends_with('@') {
        return Err(CreateAdminError::InvalidEmail(email.to_owned()));
    }
    if password.chars().count() < 12 {
        return Err(CreateAdminError::WeakPassword);
    }
    let phc = password::hash_async(password.to_owned()).await.map_err(|_| CreateAdminError::Hashing)?;
    match storage::admins::create(db, email, &email_key(email), &phc).await {
        Ok(_) => Ok(()),
        Err(e) if storage::is_unique_violation(&e) => Err(CreateAdminError::AlreadyExists(email.to_owned())),
        Err(e) => Err(e.into()),
    }
}

/// On first start (no admin at all), creates one with a random password and returns that password, to be shown
/// once on the console.
pub async fn ensure_first_admin(db: &DatabaseConnection, email: &str) -> Result<Option<String>, CreateAdminError> {
    if storage::admins::count(db).await? > 0 {
        return Ok(None);
    }
    let password = password::random_password();
    match create_admin(db, email, &password).await {
        Ok(()) => Ok(Some(password)),
        // Another instance created it at the same moment.
        Err(CreateAdminError::AlreadyExists(_)) => Ok(None),
        Err(e) => Err(e),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn next_only_goes_to_paths_of_this_site() {
        assert_eq!(safe_next(Some("/?q=a")), "/?q=a");
        assert_eq!(safe_next(Some("//evil.example")), "/");
        assert_eq!(safe_next(Some("https://evil.example")), "/");
        assert_eq!(safe_next(Some("/\\evil.example")), "/");
        assert_eq!(safe_next(None), "/");
    }

    #[test]
    fn dummy_hash_is_well_formed() {
        assert!(argon2::PasswordHash::new(DUMMY_HASH).is_ok());
    }
}
