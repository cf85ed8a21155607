//! The Users page (the admin home): the portal's users, searchable, paginated with a keyset cursor.

mod page;
pub use page::UsersPage;

use leptos::prelude::*;
use serde::{Deserialize, Serialize};

use crate::error::AppError;

/// How many users one page of the list shows.
pub const PAGE_SIZE: u64 = 50;

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
    /// `Pending` or `Active`, the specification's names.
    pub status: String,
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

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum InvitationState {
    Queued,
    Sent,
    Failed,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct UserList {
    pub users: Vec<UserRow>,
    /// Pass as `before` to get the next page; `None` on the last page.
    pub next_cursor: Option<i64>,
}

/// A page of users, newest first, whose email, first name, last name or identifier starts with `search`.
#[server(endpoint = "list_users")]
pub async fn list_users(search: String, before: Option<i64>) -> Result<UserList, AppError> {
    use crate::{auth::guard, state::AppState};
    guard::require_admin()?;
    let state = expect_context::<AppState>();
    let term = crate::auth::service::email_key(&search);
    let page =
        storage::users::list(&state.db, Some(term.as_str()).filter(|t| !t.is_empty()), before, PAGE_SIZE).await?;
    let ids: Vec<i64> = page.users.iter().map(|u| u.id).collect();
    let mut invitations = storage::invitations::of_users(&state.db, &ids).await?;
    Ok(UserList {
        users: page
            .users
            .into_iter()
            .map(|u| UserRow {
                id: u.id,
                firstname: u.firstname,
                lastname: u.lastname,
                email: u.email,
                identifier: u.identifier,
                country: u.country,
                language: u.language,
                status: match u.status {
                    storage::entity::users::Status::Pending => "Pending".into(),
                    storage::entity::users::Status::Active => "Active".into(),
                },
                created_at: u.created_at.to_rfc3339_opts(chrono::SecondsFormat::Secs, true),
                invitation: invitations.remove(&u.id).map(|i| {
                    use storage::entity::invitations::State;
                    let state = match i.state {
                        State::Queued | State::Sending => InvitationState::Queued,
                        State::Sent => InvitationState::Sent,
                        State::Failed => InvitationState::Failed,
                    };
                    // A queued invitation's last error says why it is being retried.
                    InvitationCell { state, error: i.last_error }
                }),
            })
            .collect(),
        next_cursor: page.next_cursor,
    })
}
