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

/// Where an admin invitation is, as the admins page shows it.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum AdminInvitationState {
    /// Waiting for the delivery worker, being sent, or waiting to retry after a temporary failure.
    Queued,
    /// Sent; the link works until it expires.
    Sent,
    /// Sent, and the link's time is over: invite again to send a new one.
    Expired,
    /// The mail server refused it, or every attempt failed: invite again to try anew.
    Failed,
}

/// One open admin invitation of the admins page.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct AdminInvitationRow {
    pub id: i64,
    pub email: String,
    /// The inviting admin's email (or `#id` when that admin's account is gone).
    pub invited_by: String,
    /// RFC 3339, UTC.
    pub created_at: String,
    /// When the link stops working (RFC 3339, UTC); `None` until the email is sent.
    pub expires_at: Option<String>,
    pub state: AdminInvitationState,
}

/// What an admin invitation's accept link leads to.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum AdminLinkState {
    /// The invitee may choose a password for this email.
    Valid { email: String },
    /// Expired, already used, cancelled, or never issued.
    Unusable,
}
