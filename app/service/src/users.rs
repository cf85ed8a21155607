//! The Users list: a page of users for a view (search, filters, sort, page) with their invitation's state, and
//! how many users the view finds.

use domain::users::PAGE_SIZE;
use domain::{InvitationCell, UserList, UserQuery, UserRow, COUNT_LIMIT};
use storage::{DatabaseConnection, DbErr};

/// A page of users for this view, and the view's total (counted up to [`COUNT_LIMIT`]).
pub async fn list(db: &DatabaseConnection, query: &UserQuery) -> Result<UserList, DbErr> {
    let page = storage::users::list(db, query, PAGE_SIZE).await?;
    let total = storage::users::count(db, query, COUNT_LIMIT).await?;
    let ids: Vec<i64> = page.users.iter().map(|u| u.id).collect();
    let mut invitations = storage::invitations::of_users(db, &ids).await?;
    let users = page
        .users
        .into_iter()
        .map(|u| UserRow {
            invitation: invitations.remove(&u.id).map(|i| InvitationCell {
                state: i.state.as_seen_by_admin(),
                // A queued invitation's last error says why it is being retried.
                error: i.last_error,
            }),
            id: u.id,
            firstname: u.firstname,
            lastname: u.lastname,
            email: u.email,
            identifier: u.identifier,
            country: u.country,
            language: u.language,
            status: u.status,
            created_at: u.created_at.to_rfc3339_opts(chrono::SecondsFormat::Secs, true),
        })
        .collect();
    Ok(UserList { users, next: page.next, previous: page.previous, total })
}
