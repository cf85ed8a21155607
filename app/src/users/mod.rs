//! The Users page (the admin home): the portal's users, searchable, paginated with a keyset cursor.

mod page;
pub use page::UsersPage;

use leptos::prelude::*;

pub use domain::users::PAGE_SIZE;
pub use domain::{InvitationCell, InvitationState, UserList, UserRow, UserStatus};

use crate::error::AppError;

/// A page of users, newest first, whose email, first name, last name or identifier starts with `search` (and
/// created by the import `import`, when given).
#[server(endpoint = "list_users")]
pub async fn list_users(search: String, import: Option<i64>, before: Option<i64>) -> Result<UserList, AppError> {
    crate::respond(async move {
        crate::auth::session::require_admin()?;
        Ok(service::users::list(&crate::state::app_state().db, &search, import, before).await?)
    })
    .await
}
