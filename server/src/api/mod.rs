//! The HTTP API for scripts and school systems, under `/api/v1`: imports (with a dry run and idempotent retries),
//! the import history's entries, the users list and the groups. Every route but the OpenAPI document needs an API token
//! (`Authorization: Bearer bi_...`), checked by one middleware ([`bearer`]) before any handler runs; a session
//! cookie opens nothing here, and a token opens nothing outside. The document is generated from these handlers
//! and their types (utoipa), so it cannot drift from what the routes do.

mod groups;
mod imports;
pub mod params;
pub mod problem;
pub mod schema;
mod users;

use axum::{
    body::Body,
    extract::State,
    http::{header, Request, StatusCode},
    middleware::{self, Next},
    response::{IntoResponse, Response},
    routing::get,
    Json, Router,
};
use utoipa::openapi::security::{HttpAuthScheme, HttpBuilder, SecurityScheme};
use utoipa::{Modify, OpenApi};
use utoipa_axum::{router::OpenApiRouter, routes};

use app::state::AppState;
use service::tokens::{AuthError, Rejection};

use problem::{Challenge, Problem};

/// Where the API lives; the guard of the pages leaves these paths to [`bearer`].
pub const PREFIX: &str = "/api/v1/";

#[derive(OpenApi)]
#[openapi(
    info(
        title = "Bulk user import API",
        version = "1.0.0",
        description = "Import learners from a CSV file, read the import history, the users list and the groups. Every \
                       request but this document needs `Authorization: Bearer <token>`; an admin creates tokens \
                       on the API tokens page (or an operator with `server create-token`). Errors are RFC 9457 \
                       problem details."
    ),
    modifiers(&BearerScheme),
    security(("bearer" = [])),
    tags((name = "imports", description = "Imports and their history"), (name = "users", description = "The users"))
)]
struct ApiDoc;

struct BearerScheme;

impl Modify for BearerScheme {
    fn modify(&self, openapi: &mut utoipa::openapi::OpenApi) {
        let components = openapi.components.get_or_insert_with(Default::default);
        components.add_security_scheme(
            "bearer",
            SecurityScheme::Http(
                HttpBuilder::new()
                    .scheme(HttpAuthScheme::Bearer)
                    .description(Some("An API token: `bi_` and 43 letters, digits, `-` or `_`."))
                    .build(),
            ),
        );
    }
}

/// The routes and the document they make.
fn routes() -> (Router<AppState>, utoipa::openapi::OpenApi) {
    OpenApiRouter::with_openapi(ApiDoc::openapi())
        .routes(routes!(imports::create))
        .routes(routes!(imports::show))
        .routes(routes!(users::list))
        .routes(routes!(groups::list))
        .split_for_parts()
}

/// The OpenAPI 3.1 document, as served at `/api/v1/openapi.json`.
pub fn openapi() -> utoipa::openapi::OpenApi {
    routes().1
}

/// `/api/v1/...`: the routes behind the token check, and the document, which anyone may read.
pub fn router(state: AppState) -> Router<AppState> {
    let (routes, document) = routes();
    let document = std::sync::Arc::new(document);
    let routes = routes.route_layer(middleware::from_fn_with_state(state, bearer));
    Router::new()
        .route("/api/v1/openapi.json", get(move || async move { Json(document.as_ref().clone()) }))
        .merge(routes)
}

/// The one check of the API: the request's token must be live. The actor it acts as (its admin, through it) is
/// put in the request's extensions for the handlers.
async fn bearer(State(state): State<AppState>, mut request: Request<Body>, next: Next) -> Response {
    let authorization = request.headers().get(header::AUTHORIZATION).and_then(|v| v.to_str().ok());
    match service::tokens::authenticate(&state.db, authorization).await {
        Ok(actor) => {
            request.extensions_mut().insert(actor);
            next.run(request).await
        }
        Err(AuthError::Rejected(rejection)) => unauthorized(rejection).into_response(),
        Err(AuthError::Database(err)) => {
            tracing::error!(error = %err, "API token check failed");
            Problem::internal().into_response()
        }
    }
}

/// A 401 that says which of the four things is wrong with the token, and what to do.
fn unauthorized(rejection: Rejection) -> Problem {
    let (kind, title, challenge) = match rejection {
        Rejection::Missing => ("token-missing", "API token missing", Challenge::InvalidRequest),
        Rejection::Wrong => ("token-wrong", "API token not recognised", Challenge::InvalidToken),
        Rejection::Expired => ("token-expired", "API token expired", Challenge::InvalidToken),
        Rejection::Revoked => ("token-revoked", "API token revoked", Challenge::InvalidToken),
    };
    Problem::new(StatusCode::UNAUTHORIZED, kind, title, rejection.to_string()).challenge(challenge)
}

/// The language of the messages: `?lang=` (already read strictly), else the first of ours in `Accept-Language`,
/// else English.
pub(crate) fn language(asked: Option<rules::Lang>, headers: &axum::http::HeaderMap) -> rules::Lang {
    if let Some(lang) = asked {
        return lang;
    }
    headers
        .get(header::ACCEPT_LANGUAGE)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| {
            v.split(',').find_map(|part| {
                let tag = part.split(';').next()?.trim();
                rules::Lang::from_code(&tag.get(..2)?.to_ascii_lowercase())
            })
        })
        .unwrap_or_default()
}

/// `?lang=`: one of the languages' codes, exactly.
pub(crate) fn lang_param(params: &params::Params) -> Result<Option<rules::Lang>, Problem> {
    params.one_of("lang", &rules::Lang::ALL, |l| l.code())
}
