//! The Users page (the admin home): the portal's users, searched, filtered and sorted, a page at a time with a
//! keyset cursor; the view lives in the address.

pub mod address;
mod page;
pub mod texts;
pub use page::UsersPage;

use leptos::prelude::*;
use server_fn::codec::Json;

pub use domain::users::PAGE_SIZE;
pub use domain::{
    BulkAction, BulkTarget, InvitationCell, InvitationState, Page, SaveAnswer, Total, UserList, UserQuery, UserRow,
    UserSort, UserStatus,
};
pub use rules::UserValues;

use crate::error::AppError;
#[cfg(feature = "ssr")]
use domain::Actor;

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

/// Adds one learner from the form (checked by the import rules on the server again), and queues their invitation
/// when `invite` is set.
#[server(endpoint = "add_user", input = Json)]
pub async fn add_user(values: UserValues, invite: bool) -> Result<SaveAnswer, AppError> {
    crate::respond(async move {
        let admin = crate::auth::session::require_admin()?;
        let values = bounded(values)?;
        Ok(service::users::add(&crate::state::app_state().db, Actor::admin(admin.id), values, invite).await?)
    })
    .await
}

/// Changes a learner's values (an Active learner's email stays).
#[server(endpoint = "edit_user", input = Json)]
pub async fn edit_user(id: i64, values: UserValues) -> Result<SaveAnswer, AppError> {
    crate::respond(async move {
        let admin = crate::auth::session::require_admin()?;
        let values = bounded(values)?;
        Ok(service::users::edit(&crate::state::app_state().db, Actor::admin(admin.id), id, values).await?)
    })
    .await
}

/// Removes a learner and their invitation.
#[server(endpoint = "delete_user")]
pub async fn delete_user(id: i64) -> Result<(), AppError> {
    crate::respond(async move {
        let admin = crate::auth::session::require_admin()?;
        Ok(service::users::delete(&crate::state::app_state().db, Actor::admin(admin.id), id).await?)
    })
    .await
}

/// Suspends a learner (`suspend`), or gives a Suspended one back the state they had; answers whether anything
/// changed.
#[server(endpoint = "set_user_suspended")]
pub async fn set_user_suspended(id: i64, suspend: bool) -> Result<bool, AppError> {
    crate::respond(async move {
        let admin = crate::auth::session::require_admin()?;
        let db = &crate::state::app_state().db;
        Ok(service::users::set_suspended(db, Actor::admin(admin.id), id, suspend).await?)
    })
    .await
}

/// The values, none longer than a cell may be.
#[cfg(feature = "ssr")]
fn bounded(values: UserValues) -> Result<UserValues, AppError> {
    if values.iter().any(|(_, v)| v.len() > 1_000) {
        return Err(AppError::BadRequest);
    }
    Ok(values)
}

/// How many users a bulk action would apply to (stated before it runs).
#[server(endpoint = "bulk_count", input = Json)]
pub async fn bulk_count(target: BulkTarget) -> Result<u64, AppError> {
    crate::respond(async move {
        crate::auth::session::require_admin()?;
        Ok(service::bulk::count(&crate::state::app_state().db, &target).await?)
    })
    .await
}

/// Runs a bulk action; answers how many users it changed.
#[server(endpoint = "bulk_apply", input = Json)]
pub async fn bulk_apply(target: BulkTarget, action: BulkAction) -> Result<u64, AppError> {
    crate::respond(async move {
        let admin = crate::auth::session::require_admin()?;
        if matches!(&action, BulkAction::AddToGroup(name) if name.len() > 1_000) {
            return Err(AppError::GroupName { max_chars: rules::MAX_GROUP_CHARS });
        }
        Ok(service::bulk::apply(&crate::state::app_state().db, Actor::admin(admin.id), &target, &action).await?)
    })
    .await
}
