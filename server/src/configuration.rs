//! The server's settings, read once from environment variables at start-up into one typed struct.
//! Every variable has a default, so `server` runs with no configuration at all (see the README's table).

use std::net::SocketAddr;

use app::state::AppConfig;

#[derive(Clone, Debug)]
pub struct Config {
    /// `DATABASE_URL`: `sqlite://data/portal.db` (default) or `postgres://user:pass@host/db`.
    pub database_url: String,
    /// Whether `DATABASE_URL` was set: `server check` consults the database only when it was, or when the
    /// default SQLite file already exists (checking a file never creates a database).
    pub database_url_set: bool,
    /// `LEPTOS_SITE_ADDR`: where to listen (default `127.0.0.1:3000`).
    pub site_addr: SocketAddr,
    /// `LEPTOS_SITE_ROOT`: the built site (JS, wasm, CSS), default `target/site`.
    pub site_root: String,
    /// `PUBLIC_URL`: the address admins use, default `http://<site_addr>`.
    pub public_url: String,
    /// `ADMIN_EMAIL`: the first admin's email, created on first start (default `admin@example.com`).
    pub first_admin_email: String,
    /// `SESSION_TTL_HOURS`: how long an admin stays signed in (default 12).
    pub session_ttl_hours: i64,
}

#[derive(Debug, thiserror::Error)]
pub enum ConfigError {
    #[error("{name} is not valid: {value:?} ({reason})")]
    Invalid { name: &'static str, value: String, reason: String },
}

pub const DEFAULT_DATABASE_URL: &str = "sqlite://data/portal.db";

impl Config {
    pub fn from_env() -> Result<Self, ConfigError> {
        Self::from_lookup(|name| std::env::var(name).ok())
    }

    /// Reads the settings through `lookup`, so tests can pass their own environment.
    pub fn from_lookup(lookup: impl Fn(&str) -> Option<String>) -> Result<Self, ConfigError> {
        let get = |name: &str| lookup(name).filter(|v| !v.trim().is_empty());
        let site_addr_raw = get("LEPTOS_SITE_ADDR").unwrap_or_else(|| "127.0.0.1:3000".into());
        let site_addr = site_addr_raw.parse().map_err(|e: std::net::AddrParseError| ConfigError::Invalid {
            name: "LEPTOS_SITE_ADDR",
            value: site_addr_raw.clone(),
            reason: e.to_string(),
        })?;
        let public_url =
            get("PUBLIC_URL").unwrap_or_else(|| format!("http://{site_addr}")).trim_end_matches('/').to_owned();
        if !(public_url.starts_with("http://") || public_url.starts_with("https://")) {
            return Err(ConfigError::Invalid {
                name: "PUBLIC_URL",
                value: public_url,
                reason: "it must start with http:// or https://".into(),
            });
        }
        let database_url_set = get("DATABASE_URL").is_some();
        let database_url = get("DATABASE_URL").unwrap_or_else(|| DEFAULT_DATABASE_URL.into());
        if !(database_url.starts_with("sqlite:")
            || database_url.starts_with("postgres://")
            || database_url.starts_with("postgresql://"))
        {
            return Err(ConfigError::Invalid {
                name: "DATABASE_URL",
                value: redact(&database_url),
                reason: "use sqlite://path/to/file.db or postgres://user:password@host/database".into(),
            });
        }
        let ttl_raw = get("SESSION_TTL_HOURS").unwrap_or_else(|| "12".into());
        let session_ttl_hours = ttl_raw.parse().ok().filter(|h| *h > 0).ok_or_else(|| ConfigError::Invalid {
            name: "SESSION_TTL_HOURS",
            value: ttl_raw.clone(),
            reason: "a whole number of hours, at least 1".into(),
        })?;
        Ok(Config {
            database_url,
            database_url_set,
            site_addr,
            site_root: get("LEPTOS_SITE_ROOT").unwrap_or_else(|| "target/site".into()),
            public_url,
            first_admin_email: get("ADMIN_EMAIL").unwrap_or_else(|| "admin@example.com".into()),
            session_ttl_hours,
        })
    }

    pub fn app_config(&self) -> AppConfig {
        AppConfig { base_url: self.public_url.clone(), session_ttl: chrono::Duration::hours(self.session_ttl_hours) }
    }

    /// The database URL with any password hidden, for logs.
    pub fn database_url_redacted(&self) -> String {
        redact(&self.database_url)
    }
}

/// Hides the password of a `scheme://user:password@host/...` URL.
pub fn redact(url: &str) -> String {
    let Some((scheme, rest)) = url.split_once("://") else {
        return url.to_owned();
    };
    match rest.split_once('@') {
        Some((credentials, host)) => {
            let user = credentials.split(':').next().unwrap_or_default();
            format!("{scheme}://{user}:***@{host}")
        }
        None => url.to_owned(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::HashMap;

    fn config(pairs: &[(&str, &str)]) -> Result<Config, ConfigError> {
        let env: HashMap<String, String> = pairs.iter().map(|(k, v)| (k.to_string(), v.to_string())).collect();
        Config::from_lookup(|name| env.get(name).cloned())
    }

    #[test]
    fn defaults_need_no_configuration() {
        let c = config(&[]).unwrap();
        assert_eq!(c.database_url, DEFAULT_DATABASE_URL);
        assert_eq!(c.site_addr.to_string(), "127.0.0.1:3000");
        assert_eq!(c.public_url, "http://127.0.0.1:3000");
    }

    #[test]
    fn bad_values_are_named() {
        let err = config(&[("DATABASE_URL", "mysql://x")]).unwrap_err().to_string();
        assert!(err.contains("DATABASE_URL"));
        assert!(config(&[("LEPTOS_SITE_ADDR", "nowhere")]).is_err());
        assert!(config(&[("SESSION_TTL_HOURS", "0")]).is_err());
    }

    #[test]
    fn passwords_are_hidden_in_logged_urls() {
        assert_eq!(redact("postgres://app:s3cret@db/portal"), "postgres://app:***@db/portal");
        assert_eq!(redact("sqlite://data/portal.db"), "sqlite://data/portal.db");
    }
}
