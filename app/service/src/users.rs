//! The Users list: a page of users with their invitation's state.

use domain::users::PAGE_SIZE;
use domain::{InvitationCell, UserList, UserRow};
use storage::users::UserFilter;
use storage::{DatabaseConnection, DbErr};

/// A page of users, newest first, whose email, first name, last name or identifier starts with `search`, and
/// created by the import `import_id` when one is given; `before` is the previous page's cursor.
pub async fn list(
    db: &DatabaseConnection,
    search: &str,
    import_id: Option<i64>,
    before: Option<i64>,
) -> Result<UserList, DbErr> {
    let term = rules::normalize_email(search);
    let filter = UserFilter { search: Some(term).filter(|t| !t.is_empty()), import_id };
    let page = storage::users::list(db, &filter, before, PAGE_SIZE).await?;
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
    Ok(UserList { users, next_cursor: page.next_cursor })
}
