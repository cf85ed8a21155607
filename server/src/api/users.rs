//! `GET /api/v1/users`: the Users list, with the page's own filters, sorts and cursors.

use axum::{
    extract::State,
    http::Uri,
    response::{IntoResponse, Response},
    Json,
};

use app::state::AppState;

use super::problem::Problem;
use super::schema::{UserListParams, UserPage};

/// A page of users (50 at most), filtered, searched and sorted.
///
/// The parameters are those of the Users page's address, so a view bookmarked in the browser reads the same here.
/// Follow `next` (as `after`) for the next page; an unknown or malformed parameter is ignored.
#[utoipa::path(
    get,
    path = "/api/v1/users",
    tag = "users",
    params(UserListParams),
    responses(
        (status = 200, description = "A page of users.", body = UserPage),
        (status = 401, description = "No token, or a wrong, expired or revoked one.", body = Problem, content_type = "application/problem+json"),
    )
)]
pub async fn list(State(state): State<AppState>, uri: Uri) -> Response {
    let query = app::users::address::from_query(uri.query().unwrap_or(""));
    match service::users::list(&state.db, &query).await {
        Ok(list) => Json(UserPage::of(list)).into_response(),
        Err(err) => {
            tracing::error!(error = %err, "API users list failed");
            Problem::internal().into_response()
        }
    }
}
