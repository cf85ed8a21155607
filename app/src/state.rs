//! What every server function can reach on the server: the database and the settings, put in Leptos's context by
//! the server binary.

use axum::extract::FromRef;
use leptos::prelude::LeptosOptions;
use std::sync::Arc;

use service::DatabaseConnection;

/// The settings the app itself needs, read once at start-up by the server binary.
#[derive(Clone, Debug)]
pub struct AppConfig {
    /// The public base URL, e.g. `https://learn.example.com`: its scheme decides the `Secure` cookie flag and its
    /// origin is accepted for mutating requests.
    pub base_url: url::Url,
    /// How long an admin session lasts.
    pub session_ttl: chrono::Duration,
    /// How long after an import it can be undone.
    pub undo_window: chrono::Duration,
    /// The share of a group a sync may remove without the admin's leave (`SYNC_MAX_REMOVALS_PERCENT`).
    pub sync: service::roster::SyncPolicy,
}

impl AppConfig {
    pub fn secure_cookies(&self) -> bool {
        self.base_url.scheme() == "https"
    }

    /// `scheme://host[:port]` of the base URL.
    pub fn base_origin(&self) -> String {
        self.base_url.origin().ascii_serialization()
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

/// The app's state, for a server function.
pub fn app_state() -> AppState {
    leptos::prelude::expect_context::<AppState>()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn base_origin_drops_the_path() {
        let config = AppConfig {
            base_url: url::Url::parse("https://learn.example.com/admin/").unwrap(),
            session_ttl: chrono::Duration::hours(1),
            undo_window: chrono::Duration::hours(24),
            sync: Default::default(),
        };
        assert_eq!(config.base_origin(), "https://learn.example.com");
        assert!(config.secure_cookies());
    }
}
