//! What every request meets before the app: the host check, the client's address, and the limits on size, time
//! and number that keep one client from exhausting the server (tower-http and tower do the limiting).

use std::net::{IpAddr, SocketAddr};
use std::sync::Arc;
use std::time::Duration;

use axum::{
    body::Body,
    extract::{ConnectInfo, State},
    http::{header, HeaderName, Request, StatusCode},
    middleware::Next,
    response::{IntoResponse, Response},
};
use service::auth::ClientAddress;

use app::error::AppError;

/// The confirm carries up to 250 rows of six cells of at most 254 characters, JSON-escaped: well under this. The
/// API's import takes the file itself, far smaller than that.
pub const CONFIRM_BODY_LIMIT: usize = 4 * 1024 * 1024;
/// Every other request: a sign-in form, an id, a list of at most `domain::MAX_KEYS` emails.
pub const BODY_LIMIT: usize = 256 * 1024;
/// A whole request, body and answer, gets this long (a 250-row confirm takes milliseconds).
pub const REQUEST_TIMEOUT: Duration = Duration::from_secs(30);
/// A body that stops arriving for this long is dropped (a slow-body attack holds a connection for nothing).
pub const BODY_IDLE_TIMEOUT: Duration = Duration::from_secs(10);
/// Requests handled at once by one server process; more wait their turn.
pub const CONCURRENT_REQUESTS: usize = 256;

/// Which `Host` values this server answers to, and where the client's address comes from.
#[derive(Clone, Debug)]
pub struct EdgePolicy {
    /// Lower-case `host` or `host:port` values.
    pub hosts: Arc<Vec<String>>,
    /// A header set by a trusted reverse proxy (`X-Forwarded-For`); its last address is the client's.
    pub client_ip_header: Option<HeaderName>,
}

/// Refuses a request for a host this server is not configured for: a DNS-rebinding page reaches the server
/// under its own name, and would otherwise pass the same-origin check with it. The health check and the metrics
/// answer any host (load balancers and Prometheus reach each process by its address; the metrics need a token no
/// page can have).
pub async fn known_host(State(policy): State<EdgePolicy>, request: Request<Body>, next: Next) -> Response {
    let host = request
        .headers()
        .get(header::HOST)
        .and_then(|h| h.to_str().ok())
        .or_else(|| request.uri().authority().map(|a| a.as_str()))
        .map(str::to_ascii_lowercase);
    let known = host.as_ref().is_some_and(|host| policy.hosts.iter().any(|h| h == host));
    if known || matches!(request.uri().path(), "/healthz" | crate::monitoring::PATH) {
        return next.run(request).await;
    }
    tracing::warn!(host = ?host.as_deref().map(|h| h.escape_debug().to_string()), "request for an unknown host refused");
    error_response(StatusCode::MISDIRECTED_REQUEST, &AppError::BadRequest)
}

/// Puts the client's address in the request's extensions, for the sign-in throttle: the proxy's header when one
/// is configured (its last entry, the one the proxy itself added), else the connection's peer.
pub async fn client_address(State(policy): State<EdgePolicy>, mut request: Request<Body>, next: Next) -> Response {
    let from_proxy = policy.client_ip_header.as_ref().and_then(|name| {
        let value = request.headers().get_all(name).iter().next_back()?.to_str().ok()?;
        value.rsplit(',').next()?.trim().parse::<IpAddr>().ok()
    });
    let peer = request.extensions().get::<ConnectInfo<SocketAddr>>().map(|info| info.0.ip());
    let address = from_proxy.or(peer).map(ClientAddress::new).unwrap_or_else(ClientAddress::unknown);
    request.extensions_mut().insert(address);
    next.run(request).await
}

/// The body limit of a path: the confirm's (and the roster preview's, which carries the same rows) is larger
/// than the rest.
fn body_limit(path: &str) -> usize {
    if path == "/api/confirm_import" || path == "/api/roster_preview" || path == "/api/v1/imports" {
        CONFIRM_BODY_LIMIT
    } else {
        BODY_LIMIT
    }
}

/// Answers 413 at once when the declared length is over the path's limit, and otherwise caps what will be read
/// (a body without a length, or lying about it, fails when it crosses the limit).
pub async fn body_limits(request: Request<Body>, next: Next) -> Response {
    let limit = body_limit(request.uri().path());
    let declared =
        request.headers().get(header::CONTENT_LENGTH).and_then(|v| v.to_str().ok()).and_then(|v| v.parse::<u64>().ok());
    if declared.is_some_and(|length| length > limit as u64) {
        // The API answers in its own format (problem details); the app's pages and functions in theirs.
        if request.uri().path().starts_with(crate::api::PREFIX) {
            return crate::api::problem::Problem::too_large().into_response();
        }
        return error_response(StatusCode::PAYLOAD_TOO_LARGE, &AppError::TooLarge);
    }
    let (parts, body) = request.into_parts();
    let body = Body::new(http_body_util::Limited::new(body, limit));
    next.run(Request::from_parts(parts, body)).await
}

pub fn error_response(status: StatusCode, error: &AppError) -> Response {
    let body = serde_json::to_string(error).unwrap_or_else(|_| "\"Internal\"".to_owned());
    (status, [(header::CONTENT_TYPE, "application/json")], body).into_response()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_the_confirm_takes_a_large_body() {
        assert_eq!(body_limit("/api/confirm_import"), CONFIRM_BODY_LIMIT);
        assert_eq!(body_limit("/api/roster_preview"), CONFIRM_BODY_LIMIT);
        assert_eq!(body_limit("/api/sign_in"), BODY_LIMIT);
        assert_eq!(body_limit("/"), BODY_LIMIT);
    }
}
