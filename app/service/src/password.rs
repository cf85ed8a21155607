//! Argon2id password hashing, shared by admins and learners. Hashing is deliberately slow, so it runs on tokio's
//! blocking pool.

use argon2::password_hash::{rand_core::OsRng, PasswordHash, PasswordHasher, PasswordVerifier, SaltString};
use argon2::Argon2;
use rand::Rng;

/// A well-formed Argon2id hash of a random string nobody knows: verifying against it costs what a real check
/// costs, so an unknown email answers as slowly as a known one.
pub(crate) const DUMMY_HASH: &str =
    "$argon2id$v=19$m=19456,t=2,p=1$c29tZXNhbHRzb21lc2FsdA$0n6R3cM5cZ0mXl8yQOgk0Qh3o2r9Nw8x1D3oJmQmPxg";

/// Hashing failed (the blocking pool is gone, or the library refused): details are in the log.
#[derive(Debug, thiserror::Error)]
#[error("password hashing failed")]
pub struct HashError;

/// The PHC string (`$argon2id$v=19$...`) of a password.
fn hash(password: &str) -> Result<String, argon2::password_hash::Error> {
    let salt = SaltString::generate(&mut OsRng);
    Ok(Argon2::default().hash_password(password.as_bytes(), &salt)?.to_string())
}

/// Whether `password` matches the stored PHC string. A malformed hash never matches.
fn verify(phc: &str, password: &str) -> bool {
    PasswordHash::new(phc)
        .map(|parsed| Argon2::default().verify_password(password.as_bytes(), &parsed).is_ok())
        .unwrap_or(false)
}

pub(crate) async fn hash_async(password: String) -> Result<String, HashError> {
    match tokio::task::spawn_blocking(move || hash(&password)).await {
        Ok(Ok(phc)) => Ok(phc),
        Ok(Err(e)) => {
            tracing::error!(error = %e, "password hashing failed");
            Err(HashError)
        }
        Err(_) => Err(HashError),
    }
}

/// Verifies against `phc`, or against [`DUMMY_HASH`] when there is no account, so both cost the same.
pub(crate) async fn verify_async(phc: Option<String>, password: String) -> bool {
    let known = phc.is_some();
    let phc = phc.unwrap_or_else(|| DUMMY_HASH.to_owned());
    tokio::task::spawn_blocking(move || verify(&phc, &password)).await.unwrap_or(false) && known
}

/// A random password for a new admin account (20 letters and digits, about 119 bits).
pub(crate) fn random_password() -> String {
    const ALPHABET: &[u8] = b"ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz23456789";
    let mut rng = rand::rngs::OsRng;
    (0..20).map(|_| ALPHABET[rng.gen_range(0..ALPHABET.len())] as char).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_hash_verifies_its_password_only() {
        let phc = hash("correct horse").unwrap();
        assert!(phc.starts_with("$argon2id$"));
        assert!(verify(&phc, "correct horse"));
        assert!(!verify(&phc, "wrong horse"));
        assert!(!verify("not a hash", "correct horse"));
    }

    #[test]
    fn random_passwords_differ() {
        assert_ne!(random_password(), random_password());
        assert_eq!(random_password().len(), 20);
    }

    #[test]
    fn dummy_hash_is_well_formed() {
        assert!(PasswordHash::new(DUMMY_HASH).is_ok());
    }

    #[tokio::test]
    async fn no_account_never_matches_even_the_dummy() {
        assert!(!verify_async(None, "anything".into()).await);
    }
}
