//! The Groups page (`/groups`): every group with its member count, rename and delete (members are kept), each
//! group linking to the Users list filtered by it. Thin server functions over `service::groups`; the Users list's
//! group filter reads the same list.

mod page;
pub mod texts;

use leptos::prelude::*;

pub use domain::GroupRow;
pub use page::GroupsPage;

use crate::error::AppError;

/// Longer than any valid name in any encoding: refused before any work (the service checks the real bound).
#[cfg(feature = "ssr")]
const NAME_BYTES_LIMIT: usize = 1_000;

/// Every group with its member count, by name.
#[server(endpoint = "list_groups")]
pub async fn list_groups() -> Result<Vec<GroupRow>, AppError> {
    crate::respond(async move {
        crate::auth::session::require_admin()?;
        Ok(service::groups::list(&crate::state::app_state().db).await?)
    })
    .await
}

/// Renames a group; another group's name (ignoring case and accents) is [`AppError::GroupNameTaken`].
#[server(endpoint = "rename_group")]
pub async fn rename_group(id: i64, name: String) -> Result<(), AppError> {
    crate::respond(async move {
        let admin = crate::auth::session::require_admin()?;
        if name.len() > NAME_BYTES_LIMIT {
            return Err(AppError::GroupName { max_chars: rules::MAX_GROUP_CHARS });
        }
        let db = &crate::state::app_state().db;
        Ok(service::groups::rename(db, domain::Actor::admin(admin.id), id, &name).await?)
    })
    .await
}

/// Deletes a group (its members stay learners); answers how many members it had.
#[server(endpoint = "delete_group")]
pub async fn delete_group(id: i64) -> Result<u64, AppError> {
    crate::respond(async move {
        let admin = crate::auth::session::require_admin()?;
        Ok(service::groups::delete(&crate::state::app_state().db, domain::Actor::admin(admin.id), id).await?)
    })
    .await
}
