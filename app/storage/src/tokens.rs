//! Secret tokens (session cookies, invitation accept links): random, URL-safe, and stored only as their SHA-256,
//! so a copy of the database opens no session and accepts no invitation.

use base64::Engine;
use rand::RngCore;
use sha2::{Digest, Sha256};

/// 32 random bytes from the OS, base64url without padding (43 characters).
pub fn new_token() -> String {
    let mut bytes = [0u8; 32];
    rand::rngs::OsRng.fill_bytes(&mut bytes);
    base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(bytes)
}

/// What the database keeps of a token: its SHA-256, hex.
pub fn hash_token(token: &str) -> String {
    hex::encode(Sha256::digest(token.as_bytes()))
}
