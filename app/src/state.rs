//! What every request handler and server function can reach: the database and the configuration.

use axum::extract::FromRef;
use leptos::prelude::LeptosOptions;
use std::sync::Arc;

use storage::DatabaseConnection;

/// The settings the app itself needs, read once at start-up by the server binary.
#[derive(Clone, Debug)]
pub struct AppConfig {
    /// The public base URL, e.g. `https://learn.example.com`: its scheme decides the `Secure` cookie flag and its
    /// origin is accepted for mutating requests.
    pub base_url: String,
    /// How long an admin session lasts.
    pub session_ttl: chrono::Duration,
}

impl AppConfig {
    pub fn secure_cookies(&self) -> bool {
        self.base_url.starts_with("https://")
    }

    /// `scheme://host[:port]` of the base URL.
    pub fn base_origin(&self) -> &str {
        let url = self.base_url.as_str();
        let after_scheme = url.find("://").map(|i| i + 3).unwrap_or(0);
        match url[after_scheme..].find('/') {
            Some(i) => &url[..after_scheme + i],
            None => url,
        }
    }
}

#[derive(Clone)]
pub struct AppState {
    pub leptos_options: LeptosOptions,
    pub db: DatabaseConnection,
    pub config: Arc<AppConfig>,
}

impl FromRef<AppState> for LeptosOptions {
    fn from_ref(state: &AppState) -> Self {
        state.leptos_options.clone()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn base_origin_drops_the_path() {
        let config =
            AppConfig { base_url: "https://learn.example.com/admin/".into(), session_ttl: chrono::Duration::hours(1) };
        assert_eq!(config.base_origin(), "https://learn.example.com");
        assert!(config.secure_cookies());
    }
}
