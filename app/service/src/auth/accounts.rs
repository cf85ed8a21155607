//! Admin accounts: creating one (the command line, the first start).

use domain::{check_password, WeakPassword};
use storage::{DatabaseConnection, DbErr};

use super::email_key;
use crate::password;

#[derive(Debug, thiserror::Error)]
pub enum CreateAdminError {
    #[error("an admin with the email {0} already exists")]
    AlreadyExists(String),
    #[error("{0} is not a valid email address")]
    InvalidEmail(String),
    #[error(transparent)]
    WeakPassword(#[from] WeakPassword),
    #[error("database error: {0}")]
    Database(#[from] DbErr),
    #[error(transparent)]
    Hashing(#[from] password::HashError),
}

/// Creates an admin account with the given password. The email must pass the same check as a learner's.
pub async fn create_admin(db: &DatabaseConnection, email: &str, password: &str) -> Result<(), CreateAdminError> {
    let Some(email) = rules::valid_email(email) else {
        return Err(CreateAdminError::InvalidEmail(email.trim().to_owned()));
    };
    check_password(password)?;
    let phc = password::hash_async(password.to_owned()).await?;
    match storage::admins::create(db, &email, &email_key(&email), &phc).await {
        Ok(_) => Ok(()),
        Err(e) if storage::is_unique_violation(&e) => Err(CreateAdminError::AlreadyExists(email)),
        Err(e) => Err(e.into()),
    }
}

/// A random password for a new admin account, to be shown once.
pub fn random_password() -> String {
    password::random_password()
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
