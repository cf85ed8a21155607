//! The Users page (the admin home): the portal's users, searched, filtered and sorted, a page at a time with a
//! keyset cursor; the view lives in the address.

pub mod address;
mod page;
pub use page::UsersPage;

use leptos::prelude::*;
use server_fn::codec::Json;

pub use domain::users::PAGE_SIZE;
pub use domain::{InvitationCell, InvitationState, Page, Total, UserList, UserQuery, UserRow, UserSort, UserStatus};

use crate::error::AppError;

/// A page of users for a view of the list (search, filters, sort, page), with the view's total.
#[server(endpoint = "list_users", input = Json)]
pub async fn list_users(query: UserQuery) -> Result<UserList, AppError> {
    crate::respond(async move {
        crate::auth::session::require_admin()?;
        if query.search.len() > 200 {
            return Err(AppError::BadRequest);
        }
        Ok(service::users::list(&crate::state::app_state().db, &query).await?)
    })
    .await
}
