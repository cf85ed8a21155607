//! The import history: every import with its counts and invitations, one import's rows and error report, and
//! its undo; also the panel's "this file was already imported". Thin server functions over
//! `service::history`.

mod detail;
mod list;
pub mod texts;

use leptos::prelude::*;
use server_fn::codec::Json;

pub use detail::ImportDetailPage;
pub use domain::{EarlierImport, ImportDetail, ImportPage, ImportSummary, UndoAnswer, UndoPreview, UndoState};
pub use list::HistoryPage;

use crate::error::AppError;

/// A page of the history, newest first; `before` is the previous page's cursor.
#[server(endpoint = "import_history")]
pub async fn import_history(before: Option<i64>) -> Result<ImportPage, AppError> {
    crate::respond(async move {
        crate::auth::session::require_admin()?;
        let state = crate::state::app_state();
        Ok(service::history::page(&state.db, before, chrono::Utc::now(), state.config.undo_window).await?)
    })
    .await
}

/// One import and each of its rows.
#[server(endpoint = "load_import")]
pub async fn load_import(id: i64) -> Result<ImportDetail, AppError> {
    crate::respond(async move {
        crate::auth::session::require_admin()?;
        let state = crate::state::app_state();
        service::history::detail(&state.db, id, chrono::Utc::now(), state.config.undo_window)
            .await?
            .ok_or(AppError::NotFound)
    })
    .await
}

/// What undoing an import would do now (the dialog shows it before the admin confirms).
#[server(endpoint = "preview_undo")]
pub async fn preview_undo(id: i64) -> Result<UndoPreview, AppError> {
    crate::respond(async move {
        crate::auth::session::require_admin()?;
        let state = crate::state::app_state();
        Ok(service::history::undo_preview(&state.db, id, chrono::Utc::now(), state.config.undo_window).await?)
    })
    .await
}

/// Undoes an import: its users still Pending and unchanged are removed with their invitations.
#[server(endpoint = "undo_import")]
pub async fn undo_import(id: i64) -> Result<UndoAnswer, AppError> {
    crate::respond(async move {
        let admin = crate::auth::session::require_admin()?;
        let state = crate::state::app_state();
        Ok(service::history::undo(&state.db, id, admin.id, chrono::Utc::now(), state.config.undo_window).await?)
    })
    .await
}

/// The earlier import of a file with this content (SHA-256, hex), if one was imported and not undone.
#[server(endpoint = "find_earlier_import", input = Json)]
pub async fn find_earlier_import(file_sha256: String) -> Result<Option<EarlierImport>, AppError> {
    crate::respond(async move {
        crate::auth::session::require_admin()?;
        if file_sha256.len() != 64 || !file_sha256.bytes().all(|b| b.is_ascii_hexdigit()) {
            return Err(AppError::BadRequest);
        }
        Ok(service::history::earlier_import(&crate::state::app_state().db, &file_sha256).await?)
    })
    .await
}

/// An RFC 3339 time (UTC) as the admin reads it: `2026-11-30 14:05 UTC`.
pub fn when(rfc3339: &str) -> String {
    match (rfc3339.get(..10), rfc3339.get(11..16)) {
        (Some(date), Some(time)) => format!("{date} {time} UTC"),
        _ => rfc3339.to_owned(),
    }
}

/// The address of an import's page.
pub fn import_href(id: i64) -> String {
    format!("/imports/{id}")
}

/// The address of an import's error report (served by the server binary, in the admin's language).
pub fn report_href(id: i64) -> String {
    format!("/imports/{id}/report.csv")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn times_read_as_date_hour_and_minute() {
        assert_eq!(when("2026-11-30T14:05:09Z"), "2026-11-30 14:05 UTC");
        assert_eq!(when("soon"), "soon");
    }
}
