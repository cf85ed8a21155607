//! API tokens as the settings page shows them, and the one-time answer that carries a new token's secret.

use serde::{Deserialize, Serialize};

/// The longest token name: enough for "SIS nightly import (Lycée Victor Hugo)".
pub const MAX_TOKEN_NAME_CHARS: usize = 100;

/// The longest lifetime a token can be given, in days: a token that should outlive this is better recreated.
pub const MAX_TOKEN_EXPIRY_DAYS: u32 = 3650;

/// One token of the settings page. Never holds the secret: that is shown once, in [`NewToken`].
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct TokenRow {
    pub id: i64,
    pub name: String,
    /// The email of the admin the token acts as.
    pub admin: String,
    /// RFC 3339, UTC, like every date below.
    pub created_at: String,
    pub expires_at: Option<String>,
    pub revoked_at: Option<String>,
    /// To the minute: a use is recorded at most once a minute.
    pub last_used_at: Option<String>,
    /// Usable now: neither revoked nor expired.
    pub live: bool,
}

/// A token just created: its row, and the secret to copy now (it is never shown again).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct NewToken {
    pub token: TokenRow,
    pub secret: String,
}
