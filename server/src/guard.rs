//! The one authorisation guard, and the cross-site request refusal.
//!
//! [`admin_guard`] is an axum middleware wrapped around the whole app: every page and every server function is
//! admin-only unless its path is on the short public list ([`is_public`]). Deny by default means a new server
//! function cannot be left open by forgetting a check. The admin it finds is put in the request's extensions,
//! where server functions read it with `app::auth::session::require_admin`.

use axum::{
    body::Body,
    extract::State,
    http::{HeaderMap, Method, Request, StatusCode},
    middleware::Next,
    response::{IntoResponse, Redirect, Response},
};

use app::auth::session;
use app::error::AppError;
use app::state::AppState;

use crate::edge::error_response;

/// Paths anyone may reach: the sign-in page and its server function, the built assets, the health check.
pub fn is_public(path: &str) -> bool {
    // The learner's pages, the invited admin's accept page, and their server functions are public: they prove who
    // is asking by the link's token or answer the same for everyone. Everything else is the admin's.
    const EXACT: &[&str] = &[
        "/sign-in",
        "/api/sign_in",
        // Signing out needs no live session: an expired one must still be able to clear its cookie.
        "/api/sign_out",
        "/healthz",
        // Its own bearer token (`crate::monitoring`): Prometheus has no session.
        crate::monitoring::PATH,
        "/favicon.ico",
        "/favicon.svg",
        "/learn/sign-in",
        "/api/invitation_link",
        "/api/accept_invitation",
        "/api/learner_sign_in",
        "/api/admin_invitation_link",
        "/api/accept_admin_invitation",
    ];
    // The HTTP API checks its own tokens (`crate::api`), every route but its document: a session cookie opens
    // nothing there, and a token nothing here.
    const PREFIXES: &[&str] = &["/pkg/", "/invite/", "/admin-invite/", crate::api::PREFIX];
    EXACT.contains(&path) || PREFIXES.iter().any(|p| path.starts_with(p))
}

pub async fn admin_guard(State(state): State<AppState>, mut request: Request<Body>, next: Next) -> Response {
    let path = request.uri().path().to_owned();
    if is_public(&path) {
        return next.run(request).await;
    }
    let admin = match session::token_from_headers(request.headers()) {
        Some(token) => service::auth::authenticate(&state.db, &token).await,
        None => Ok(None),
    };
    match admin {
        Ok(Some(admin)) => {
            request.extensions_mut().insert(admin);
            next.run(request).await
        }
        Ok(None) if path.starts_with("/api/") => error_response(StatusCode::UNAUTHORIZED, &AppError::Unauthorized),
        Ok(None) => {
            let target = request.uri().path_and_query().map(|pq| pq.as_str()).unwrap_or("/");
            let location = if target == "/" { "/sign-in".to_owned() } else { sign_in_with_next(target) };
            Redirect::to(&location).into_response()
        }
        Err(_) => error_response(StatusCode::SERVICE_UNAVAILABLE, &AppError::Internal),
    }
}

/// Refuses a request that would change something (any method but GET, HEAD, OPTIONS) when the browser says it
/// comes from another site: its `Origin` is neither this request's own host nor the configured base URL, or, with
/// no `Origin`, `Sec-Fetch-Site` says `cross-site`. Clients that send neither (scripts, curl) still need a session.
pub async fn same_origin(State(state): State<AppState>, request: Request<Body>, next: Next) -> Response {
    let safe = matches!(*request.method(), Method::GET | Method::HEAD | Method::OPTIONS);
    if safe || is_same_site(request.headers(), &state.config.base_origin()) {
        next.run(request).await
    } else {
        tracing::warn!(path = %request.uri().path(), "cross-site request refused");
        error_response(StatusCode::FORBIDDEN, &AppError::CrossSite)
    }
}

fn is_same_site(headers: &HeaderMap, base_origin: &str) -> bool {
    let header_str = |name: &str| headers.get(name).and_then(|v| v.to_str().ok());
    match header_str("origin") {
        // `null` and anything else that is not a URL is another site.
        Some(origin) => url::Url::parse(origin).is_ok_and(|url| {
            let host = url.host_str().map(|host| match url.port() {
                Some(port) => format!("{host}:{port}"),
                None => host.to_owned(),
            });
            url.origin().ascii_serialization() == base_origin
                || (host.is_some() && host.as_deref() == header_str("host"))
        }),
        None => header_str("sec-fetch-site") != Some("cross-site"),
    }
}

/// `/sign-in?next=<target>`, the target percent-encoded as a query value.
fn sign_in_with_next(target: &str) -> String {
    let query: String = url::form_urlencoded::Serializer::new(String::new()).append_pair("next", target).finish();
    format!("/sign-in?{query}")
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
        assert!(!is_public("/") && !is_public("/api/list_users") && !is_public("/api/confirm_import"));
        assert!(is_public("/admin-invite/abc") && is_public("/api/accept_admin_invitation"));
        assert!(!is_public("/api/invite_admin") && !is_public("/api/cancel_admin_invitation"));
        assert!(!is_public("/api/list_admin_invitations") && !is_public("/users/export.xlsx"));
    }

    #[test]
    fn next_is_percent_encoded() {
        assert_eq!(sign_in_with_next("/?q=a b&c"), "/sign-in?next=%2F%3Fq%3Da+b%26c");
    }
}
