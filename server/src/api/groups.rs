//! `GET /api/v1/groups`: every group with its id, name and member count (the names `GET /api/v1/users?group=`
//! takes, the ids of the Users page's `?group=`).

use axum::{
    extract::{RawQuery, State},
    response::{IntoResponse, Response},
    Json,
};

use app::state::AppState;

use super::params::Params;
use super::problem::Problem;
use super::schema::{GroupList, GroupListParams};

/// Every group, by name, with how many learners are members.
#[utoipa::path(
    get,
    path = "/api/v1/groups",
    tag = "users",
    params(GroupListParams),
    responses(
        (status = 200, description = "Every group, by name.", body = GroupList),
        (status = 400, description = "A parameter: this route takes none; `detail` names it.", body = Problem, content_type = "application/problem+json"),
        (status = 401, description = "No token, or a wrong, expired or revoked one.", body = Problem, content_type = "application/problem+json"),
    )
)]
pub async fn list(State(state): State<AppState>, RawQuery(query): RawQuery) -> Response {
    if let Err(problem) = Params::read::<GroupListParams>(query.as_deref()) {
        return problem.into_response();
    }
    match service::groups::list(&state.db).await {
        Ok(groups) => Json(GroupList::of(groups)).into_response(),
        Err(err) => {
            tracing::error!(error = %err, "API groups list failed");
            Problem::internal().into_response()
        }
    }
}
