//! A user's status, and one line of the Users list.

use serde::{Deserialize, Serialize};

use crate::invitations::InvitationState;
#[cfg(feature = "sea-orm")]
use sea_orm::sea_query::StringLen;

/// How many users one page of the list shows.
pub const PAGE_SIZE: u64 = 50;

/// A learner is Pending until they accept their invitation, then Active (the specification's names). An admin (or
/// a file's `status` column, or a sync) can make them Suspended: no sign-in, no invitation; reactivated, they get
/// back the state they had.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "sea-orm", derive(sea_orm::EnumIter, sea_orm::DeriveActiveEnum))]
#[cfg_attr(feature = "sea-orm", sea_orm(rs_type = "String", db_type = "String(StringLen::N(16))"))]
pub enum UserStatus {
    #[cfg_attr(feature = "sea-orm", sea_orm(string_value = "Pending"))]
    Pending,
    #[cfg_attr(feature = "sea-orm", sea_orm(string_value = "Active"))]
    Active,
    #[cfg_attr(feature = "sea-orm", sea_orm(string_value = "Suspended"))]
    Suspended,
}

impl UserStatus {
    pub const ALL: [UserStatus; 3] = [UserStatus::Pending, UserStatus::Active, UserStatus::Suspended];

    /// The name the database stores and the specification uses.
    pub fn as_str(self) -> &'static str {
        match self {
            UserStatus::Pending => "Pending",
            UserStatus::Active => "Active",
            UserStatus::Suspended => "Suspended",
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
    /// The names of the learner's groups, in name order.
    pub groups: Vec<String>,
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
    /// The next page is [`Page::After`] this cursor; `None` on the last page.
    pub next: Option<String>,
    /// The previous page is [`Page::Before`] this cursor; `None` on the first page.
    pub previous: Option<String>,
    /// How many users the filter finds.
    pub total: Total,
}

/// How many users a filter finds: counted up to [`COUNT_LIMIT`], beyond which counting would cost more than the
/// list itself.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum Total {
    Exact(u64),
    MoreThan(u64),
}

/// Counts stop here: "more than 10,000".
pub const COUNT_LIMIT: u64 = 10_000;

/// What the Users list orders by. Every sort ends with the id, so the order is total and a page boundary (the
/// keyset cursor) is exact.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum UserSort {
    /// When the user was added (the id's order).
    #[default]
    Created,
    /// Last name, then first name, accents aside.
    Name,
    Email,
    Status,
}

impl UserSort {
    pub const ALL: [UserSort; 4] = [UserSort::Created, UserSort::Name, UserSort::Email, UserSort::Status];

    /// Its name in the address (`sort=name`).
    pub fn as_str(self) -> &'static str {
        match self {
            UserSort::Created => "created",
            UserSort::Name => "name",
            UserSort::Email => "email",
            UserSort::Status => "status",
        }
    }

    pub fn parse(text: &str) -> Option<UserSort> {
        UserSort::ALL.into_iter().find(|s| s.as_str() == text)
    }
}

/// Which page of the list: the first, or the one after or before a cursor (see [`UserList`]).
#[derive(Clone, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Page {
    #[default]
    First,
    After(String),
    Before(String),
}

/// The Users list's view: search, filters, sort and page. It lives in the address (`app/src/users/address.rs`), so a
/// view can be bookmarked and the back button works.
#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct UserQuery {
    /// A part of a first name, last name, email or identifier, anywhere in it, accents and case aside.
    pub search: String,
    pub status: Option<UserStatus>,
    /// Queued (or being sent), sent or failed.
    pub invitation: Option<InvitationState>,
    /// ISO 639-1, as stored.
    pub language: Option<String>,
    /// ISO 3166-1 alpha-2, as stored.
    pub country: Option<String>,
    /// Only the users this import created.
    pub import: Option<i64>,
    /// Only the members of this group (its id).
    pub group: Option<i64>,
    pub sort: UserSort,
    pub descending: bool,
    pub page: Page,
}

impl Default for UserQuery {
    /// Everyone, newest first.
    fn default() -> Self {
        UserQuery {
            search: String::new(),
            status: None,
            invitation: None,
            language: None,
            country: None,
            import: None,
            group: None,
            sort: UserSort::Created,
            descending: true,
            page: Page::First,
        }
    }
}

impl UserQuery {
    /// The same view from its first page (a new filter, search or sort starts there).
    pub fn first_page(mut self) -> Self {
        self.page = Page::First;
        self
    }
}

impl UserStatus {
    pub fn parse(text: &str) -> Option<UserStatus> {
        UserStatus::ALL.into_iter().find(|s| s.as_str().eq_ignore_ascii_case(text))
    }
}

/// What saving one user (added or edited from the form) answered: saved, or the rules' problems with its values,
/// the same codes and messages as an import row's (`email.exists` included).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub enum SaveAnswer {
    Saved { id: i64 },
    Invalid { problems: Vec<rules::Problem> },
}

/// Which users a bulk action applies to: the ones ticked in the list, or every user the view finds.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum BulkTarget {
    Selection(Vec<i64>),
    Filter(UserQuery),
}

/// The most users one selection may name (a page is 50): a whole filter is sent as [`BulkTarget::Filter`].
pub const MAX_SELECTION: usize = 1_000;

/// What a bulk action does.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum BulkAction {
    Delete,
    /// Queue the invitation again for the Pending ones among them.
    Resend,
    /// ISO 639-1.
    Language(String),
    /// Suspend them (those not Suspended yet): no sign-in, and their waiting invitations are cancelled.
    Suspend,
    /// Give the Suspended ones back the state they had (Pending or Active).
    Reactivate,
    /// Make them members of the group of this name (checked as a `groups` cell's name), created when missing.
    AddToGroup(String),
    /// Take them out of the group of this id.
    RemoveFromGroup(i64),
}

/// One line of the Groups page: a group and how many members it has.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct GroupRow {
    pub id: i64,
    pub name: String,
    pub members: u64,
}
