//! Admins: signing in under a throttle, the sessions that follow, the accounts themselves.

mod accounts;
mod sessions;

pub use crate::throttle::{ClientAddress, MAX_EMAIL_CHARS, MAX_PASSWORD_CHARS};
pub use accounts::{create_admin, ensure_first_admin, random_password, CreateAdminError};
pub use sessions::{authenticate, safe_next, sign_in, sign_out, unlock_admin, CurrentAdmin, SignIn, SignInError};

/// The key an admin email is stored and compared under: the rules' email key (case-insensitive, NFC), the same
/// as for learners.
pub fn email_key(email: &str) -> String {
    rules::normalize_email(email)
}
