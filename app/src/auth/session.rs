//! Session tokens and the session cookie. The cookie holds a random token; the database holds only its SHA-256.

use axum::http::{header, HeaderMap, HeaderValue};

use crate::state::AppConfig;

pub const SESSION_COOKIE: &str = "session";

pub use storage::tokens::{hash_token, new_token};

/// The session token in a request's `Cookie` headers, if any.
pub fn token_from_headers(headers: &HeaderMap) -> Option<String> {
    headers
        .get_all(header::COOKIE)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(|v| v.split(';'))
        .filter_map(|pair| pair.trim().split_once('='))
        .find(|(name, value)| *name == SESSION_COOKIE && !value.is_empty())
        .map(|(_, value)| value.to_owned())
}

/// The headers of the request a server function is answering.
pub fn request_headers() -> HeaderMap {
    leptos::prelude::use_context::<axum::http::request::Parts>().map(|parts| parts.headers).unwrap_or_default()
}

pub fn cookie_value(config: &AppConfig, token: &str, max_age_secs: i64) -> String {
    let secure = if config.secure_cookies() { "; Secure" } else { "" };
    format!("{SESSION_COOKIE}={token}; Path=/; HttpOnly; SameSite=Lax; Max-Age={max_age_secs}{secure}")
}

fn add_set_cookie(value: String) {
    if let (Some(response), Ok(value)) =
        (leptos::prelude::use_context::<leptos_axum::ResponseOptions>(), HeaderValue::from_str(&value))
    {
        response.append_header(header::SET_COOKIE, value);
    }
}

/// Sets the session cookie on the server function's answer.
pub fn set_cookie(config: &AppConfig, token: &str) {
    add_set_cookie(cookie_value(config, token, config.session_ttl.num_seconds()));
}

/// Removes the session cookie from the browser.
pub fn clear_cookie(config: &AppConfig) {
    add_set_cookie(cookie_value(config, "", 0));
}

#[cfg(test)]
mod tests {
    use super::*;

    fn config(base_url: &str) -> AppConfig {
        AppConfig { base_url: base_url.into(), session_ttl: chrono::Duration::hours(12) }
    }

    #[test]
    fn cookie_is_http_only_and_lax_and_secure_only_over_https() {
        let plain = cookie_value(&config("http://127.0.0.1:3000"), "t", 60);
        assert!(plain.contains("HttpOnly") && plain.contains("SameSite=Lax"));
        assert!(!plain.contains("Secure"));
        let https = cookie_value(&config("https://learn.example.com"), "t", 60);
        assert!(https.ends_with("; Secure"));
    }

    #[test]
    fn tokens_are_random_and_hashed() {
        let (a, b) = (new_token(), new_token());
        assert_ne!(a, b);
        assert_eq!(hash_token(&a).len(), 64);
        assert_ne!(hash_token(&a), a);
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
