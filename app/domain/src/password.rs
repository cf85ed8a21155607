//! The one password policy, for admins and learners alike (the browser's hint shows the same number).

use serde::{Deserialize, Serialize};

/// The shortest password anyone may choose. Length is what makes a password strong; a short sentence is fine.
pub const MIN_PASSWORD_CHARS: usize = 12;

/// A password shorter than [`MIN_PASSWORD_CHARS`] characters.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize, thiserror::Error)]
#[error("the password must have at least {min_chars} characters")]
pub struct WeakPassword {
    pub min_chars: usize,
}

/// Whether `password` is long enough, counted in characters (not bytes: `é` is one).
pub fn check_password(password: &str) -> Result<(), WeakPassword> {
    if password.chars().count() < MIN_PASSWORD_CHARS {
        return Err(WeakPassword { min_chars: MIN_PASSWORD_CHARS });
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_password_needs_twelve_characters_not_bytes() {
        assert_eq!(check_password("short"), Err(WeakPassword { min_chars: 12 }));
        assert!(check_password("éééééééééééé").is_ok());
        assert!(check_password("ééééééééééé").is_err());
        assert!(check_password("correct horse battery").is_ok());
    }
}
