//! The session cookie, and the admin a server function runs for. The cookie holds a random token; the database
//! holds only its SHA-256 (see `service::auth`).

use axum::http::{header, HeaderMap, HeaderValue};
use cookie::{Cookie, SameSite};
use leptos::prelude::use_context;
use service::auth::{ClientAddress, CurrentAdmin};

use crate::error::AppError;
use crate::state::AppConfig;

pub const SESSION_COOKIE: &str = "session";

/// The session token in a request's `Cookie` headers, if any.
pub fn token_from_headers(headers: &HeaderMap) -> Option<String> {
    headers
        .get_all(header::COOKIE)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(Cookie::split_parse)
        .filter_map(Result::ok)
        .find(|c| c.name() == SESSION_COOKIE && !c.value().is_empty())
        .map(|c| c.value().to_owned())
}

/// The session token of the request a server function is answering.
pub fn request_token() -> Option<String> {
    use_context::<axum::http::request::Parts>().and_then(|parts| token_from_headers(&parts.headers))
}

/// Where the request a server function is answering comes from, as the server put it in the request's
/// extensions (the peer, or the configured proxy's header); unknown when it did not.
pub fn client_address() -> ClientAddress {
    use_context::<axum::http::request::Parts>()
        .and_then(|parts| parts.extensions.get::<ClientAddress>().copied())
        .unwrap_or_else(ClientAddress::unknown)
}

/// For server functions: the admin the server's guard authenticated; refused when there is none (defence in
/// depth, should the function ever be mounted outside the guard).
pub fn require_admin() -> Result<CurrentAdmin, AppError> {
    use_context::<axum::http::request::Parts>()
        .and_then(|parts| parts.extensions.get::<CurrentAdmin>().cloned())
        .ok_or(AppError::Unauthorized)
}

fn session_cookie(config: &AppConfig, token: &str, max_age_secs: i64) -> Cookie<'static> {
    Cookie::build((SESSION_COOKIE, token.to_owned()))
        .path("/")
        .http_only(true)
        .same_site(SameSite::Lax)
        .secure(config.secure_cookies())
        .max_age(cookie::time::Duration::seconds(max_age_secs))
        .build()
}

fn add_set_cookie(cookie: Cookie<'static>) {
    if let (Some(response), Ok(value)) =
        (use_context::<leptos_axum::ResponseOptions>(), HeaderValue::from_str(&cookie.to_string()))
    {
        response.append_header(header::SET_COOKIE, value);
    }
}

/// Sets the session cookie on the server function's answer.
pub fn set_cookie(config: &AppConfig, token: &str) {
    add_set_cookie(session_cookie(config, token, config.session_ttl.num_seconds()));
}

/// Removes the session cookie from the browser.
pub fn clear_cookie(config: &AppConfig) {
    add_set_cookie(session_cookie(config, "", 0));
}

#[cfg(test)]
mod tests {
    use super::*;

    fn config(base_url: &str) -> AppConfig {
        AppConfig {
            base_url: url::Url::parse(base_url).unwrap(),
            session_ttl: chrono::Duration::hours(12),
            undo_window: chrono::Duration::hours(24),
            sync: Default::default(),
        }
    }

    #[test]
    fn cookie_is_http_only_and_lax_and_secure_only_over_https() {
        let plain = session_cookie(&config("http://127.0.0.1:3000"), "t", 60).to_string();
        assert!(plain.contains("HttpOnly") && plain.contains("SameSite=Lax") && plain.contains("Max-Age=60"));
        assert!(!plain.contains("Secure"));
        let https = session_cookie(&config("https://learn.example.com"), "t", 60).to_string();
        assert!(https.contains("Secure"));
    }

    #[test]
    fn token_is_read_among_other_cookies() {
        let mut headers = HeaderMap::new();
        headers.insert(header::COOKIE, HeaderValue::from_static("lang=fr; session=abc; x=1"));
        assert_eq!(token_from_headers(&headers).as_deref(), Some("abc"));
        headers.insert(header::COOKIE, HeaderValue::from_static("session="));
        assert_eq!(token_from_headers(&headers), None);
    }
}
