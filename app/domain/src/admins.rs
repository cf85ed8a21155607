//! The admins page's values: the admins, and one's own sessions.

use serde::{Deserialize, Serialize};

/// One admin of the list.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct AdminRow {
    pub id: i64,
    pub email: String,
    /// RFC 3339, UTC.
    pub created_at: String,
    /// The admin looking at the page.
    pub you: bool,
}

/// One of the admin's own live sessions.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct SessionRow {
    /// The session's key as stored (a hash of its cookie's token, which cannot be turned back into a cookie).
    pub id: String,
    /// RFC 3339, UTC.
    pub created_at: String,
    pub expires_at: String,
    /// The session of this browser.
    pub current: bool,
}
