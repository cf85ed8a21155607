//! A user's status, and one line of the Users list.

use serde::{Deserialize, Serialize};

use crate::invitations::InvitationState;
#[cfg(feature = "sea-orm")]
use sea_orm::sea_query::StringLen;

/// How many users one page of the list shows.
pub const PAGE_SIZE: u64 = 50;

/// A learner is Pending until they accept their invitation, then Active (the specification's names).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "sea-orm", derive(sea_orm::EnumIter, sea_orm::DeriveActiveEnum))]
#[cfg_attr(feature = "sea-orm", sea_orm(rs_type = "String", db_type = "String(StringLen::N(16))"))]
pub enum UserStatus {
    #[cfg_attr(feature = "sea-orm", sea_orm(string_value = "Pending"))]
    Pending,
    #[cfg_attr(feature = "sea-orm", sea_orm(string_value = "Active"))]
    Active,
}

impl UserStatus {
    /// The name the database stores and the specification uses.
    pub fn as_str(self) -> &'static str {
        match self {
            UserStatus::Pending => "Pending",
            UserStatus::Active => "Active",
        }
    }
}

/// One line of the Users list.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct UserRow {
    pub id: i64,
    pub firstname: String,
    pub lastname: String,
    pub email: String,
    pub identifier: Option<String>,
    pub country: Option<String>,
    pub language: String,
    pub status: UserStatus,
    /// RFC 3339, UTC.
    pub created_at: String,
    /// `None` when no invitation was ever queued (the import's switch was off).
    pub invitation: Option<InvitationCell>,
}

/// Where a user's invitation is.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct InvitationCell {
    pub state: InvitationState,
    /// Why the last attempt failed (the mail server's answer).
    pub error: Option<String>,
}

/// A page of the Users list.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct UserList {
    pub users: Vec<UserRow>,
    /// Pass as `before` to get the next page; `None` on the last page.
    pub next_cursor: Option<i64>,
}
