//! The server functions behind Match columns: the admin's remembered matching for a file's header row, and
//! remembering the one the admin confirms (`service::matching`). The panel's side is `panel/matching.rs`.

use leptos::prelude::*;
use rules::ColumnMatching;
use server_fn::codec::Json;

use crate::error::AppError;

/// The admin's last matching for this header row, if one was remembered.
#[server(endpoint = "remembered_matching", input = Json)]
pub async fn remembered_matching(headers: Vec<String>) -> Result<Option<ColumnMatching>, AppError> {
    crate::respond(async move {
        let admin = crate::auth::session::require_admin()?;
        Ok(service::matching::remembered(&crate::state::app_state().db, admin.id, &headers).await?)
    })
    .await
}

/// Remembers the matching the admin confirmed for this header row.
#[server(endpoint = "remember_matching", input = Json)]
pub async fn remember_matching(headers: Vec<String>, matching: ColumnMatching) -> Result<(), AppError> {
    crate::respond(async move {
        let admin = crate::auth::session::require_admin()?;
        Ok(service::matching::remember(&crate::state::app_state().db, admin.id, &headers, &matching).await?)
    })
    .await
}
