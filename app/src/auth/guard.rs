//! The one authorisation guard, and the cross-site request refusal.
//!
//! [`admin_guard`] is an axum middleware wrapped around the whole app: every page and every server function is
//! admin-only unless its path is on the short public list ([`is_public`]). Deny by default means a new server
//! function cannot be left open by forgetting a check. The admin it finds is put in the request's extensions,
//! where server functions read it with [`require_admin`].

use axum::{
    body::Body,
    extract::State,
    http::{header, HeaderMap, Method, Request, StatusCode},
    middleware::Next,
    response::{IntoResponse, Redirect, Response},
};
use chrono::Utc;

use super::session;
use crate::error::AppError;
use crate::state::AppState;

/// The admin a request was authenticated as.
#[derive(Clone, Debug)]
pub struct CurrentAdmin {
    pub id: i64,
    pub email: String,
}

/// Paths anyone may reach: the sign-in page and its server function, the built assets, the health check.
pub fn is_public(path: &str) -> bool {
    // The learner's pages and their server functions are public: they prove who is asking by the link's token
    // or answer the same for everyone. Everything else is the admin's.
    const EXACT: &[&str] = &[
        "/sign-in",
        "/api/sign_in",
        "/healthz",
        "/favicon.ico",
        "/favicon.svg",
        "/learn/sign-in",
        "/api/invitation_link",
        "/api/accept_invitation",
        "/api/learner_sign_in",
    ];
    const PREFIXES: &[&str] = &["/pkg/", "/invite/"];
    EXACT.contains(&path) || PREFIXES.iter().any(|p| path.starts_with(p))
}

/// The admin whose live session cookie this request carries.
pub async fn authenticate(state: &AppState, headers: &HeaderMap) -> Result<Option<CurrentAdmin>, storage::DbErr> {
    let Some(token) = session::token_from_headers(headers) else {
        return Ok(None);
    };
    let admin = storage::sessions::find_admin(&state.db, &session::hash_token(&token), Utc::now()).await?;
    Ok(admin.map(|a| CurrentAdmin { id: a.id, email: a.email }))
}

pub async fn admin_guard(State(state): State<AppState>, mut request: Request<Body>, next: Next) -> Response {
    let path = request.uri().path().to_owned();
    if is_public(&path) {
        return next.run(request).await;
    }
    match authenticate(&state, request.headers()).await {
        Ok(Some(admin)) => {
            request.extensions_mut().insert(admin);
            next.run(request).await
        }
        Ok(None) if path.starts_with("/api/") => error_response(StatusCode::UNAUTHORIZED, &AppError::Unauthorized),
        Ok(None) => {
            let target = request.uri().path_and_query().map(|pq| pq.as_str()).unwrap_or("/");
            let location = if target == "/" {
                "/sign-in".to_owned()
            } else {
                format!("/sign-in?next={}", encode_query_value(target))
            };
            Redirect::to(&location).into_response()
        }
        Err(_) => error_response(StatusCode::SERVICE_UNAVAILABLE, &AppError::Internal),
    }
}

/// For server functions: the admin the guard authenticated; refused when there is none (defence in depth, should
/// the function ever be mounted outside the guard).
pub fn require_admin() -> Result<CurrentAdmin, AppError> {
    leptos::prelude::use_context::<axum::http::request::Parts>()
        .and_then(|parts| parts.extensions.get::<CurrentAdmin>().cloned())
        .ok_or(AppError::Unauthorized)
}

/// Refuses a request that would change something (any method but GET, HEAD, OPTIONS) when the browser says it
/// comes from another site: its `Origin` is neither this request's own host nor the configured base URL, or, with
/// no `Origin`, `Sec-Fetch-Site` says `cross-site`. Clients that send neither (scripts, curl) still need a session.
pub async fn same_origin(State(state): State<AppState>, request: Request<Body>, next: Next) -> Response {
    let safe = matches!(*request.method(), Method::GET | Method::HEAD | Method::OPTIONS);
    if safe || is_same_site(request.headers(), state.config.base_origin()) {
        next.run(request).await
    } else {
        tracing::warn!(path = %request.uri().path(), "cross-site request refused");
        error_response(StatusCode::FORBIDDEN, &AppError::CrossSite)
    }
}

fn is_same_site(headers: &HeaderMap, base_origin: &str) -> bool {
    let header_str = |name: &str| headers.get(name).and_then(|v| v.to_str().ok());
    match header_str("origin") {
        Some(origin) => {
            let host_part = origin.split_once("://").map(|(_, rest)| rest);
            origin == base_origin || (host_part.is_some() && host_part == header_str("host"))
        }
        None => header_str("sec-fetch-site") != Some("cross-site"),
    }
}

fn error_response(status: StatusCode, error: &AppError) -> Response {
    let body = serde_json::to_string(error).unwrap_or_else(|_| "\"Internal\"".to_owned());
    (status, [(header::CONTENT_TYPE, "application/json")], body).into_response()
}

fn encode_query_value(value: &str) -> String {
    value
        .bytes()
        .map(|b| match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'_' | b'.' | b'~' | b'/' => (b as char).to_string(),
            _ => format!("%{b:02X}"),
        })
        .collect()
}

/// Server functions answer every error with status 500; this gives each its own (401, 400, 422, 429...), read from
/// the typed error in the body, so logs, proxies and scripts see a client mistake as one.
pub async fn error_status(request: Request<Body>, next: Next) -> Response {
    let is_api = request.uri().path().starts_with("/api/");
    let response = next.run(request).await;
    if !is_api || response.status() != StatusCode::INTERNAL_SERVER_ERROR {
        return response;
    }
    let (mut parts, body) = response.into_parts();
    let Ok(bytes) = axum::body::to_bytes(body, 64 * 1024).await else {
        return error_response(StatusCode::INTERNAL_SERVER_ERROR, &AppError::Internal);
    };
    if let Some(status) =
        serde_json::from_slice::<AppError>(&bytes).ok().and_then(|e| StatusCode::from_u16(e.http_status()).ok())
    {
        parts.status = status;
    }
    Response::from_parts(parts, Body::from(bytes))
}

#[cfg(test)]
mod tests {
    use super::*;
    use axum::http::HeaderValue;

    fn headers(pairs: &[(&'static str, &'static str)]) -> HeaderMap {
        let mut map = HeaderMap::new();
        for (name, value) in pairs {
            map.insert(*name, HeaderValue::from_static(value));
        }
        map
    }

    #[test]
    fn same_host_and_base_url_origins_are_same_site() {
        let base = "https://learn.example.com";
        assert!(is_same_site(&headers(&[("origin", "http://127.0.0.1:3000"), ("host", "127.0.0.1:3000")]), base));
        assert!(is_same_site(&headers(&[("origin", "https://learn.example.com"), ("host", "10.0.0.1")]), base));
        assert!(is_same_site(&headers(&[]), base));
    }

    #[test]
    fn other_origins_are_cross_site() {
        let base = "http://127.0.0.1:3000";
        assert!(!is_same_site(&headers(&[("origin", "https://evil.example"), ("host", "127.0.0.1:3000")]), base));
        assert!(!is_same_site(&headers(&[("origin", "null"), ("host", "127.0.0.1:3000")]), base));
        assert!(!is_same_site(&headers(&[("sec-fetch-site", "cross-site")]), base));
    }

    #[test]
    fn public_paths_are_few() {
        assert!(is_public("/sign-in") && is_public("/api/sign_in") && is_public("/pkg/app.wasm"));
        assert!(!is_public("/") && !is_public("/api/list_users") && !is_public("/api/sign_out"));
    }

    #[test]
    fn next_is_percent_encoded() {
        assert_eq!(encode_query_value("/?q=a b&c"), "/%3Fq%3Da%20b%26c");
    }
}
