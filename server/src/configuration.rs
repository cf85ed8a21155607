//! The server's settings, read once from environment variables at start-up into one typed struct.
//! Every variable has a default, so `server` runs with no configuration at all (see the README's table).

use std::net::SocketAddr;

use app::state::AppConfig;
use secrecy::{ExposeSecret, SecretString};

#[derive(Clone, Debug)]
pub struct Config {
    /// `DATABASE_URL`: `sqlite://data/portal.db` (default) or `postgres://user:pass@host/db`.
    pub database_url: SecretString,
    /// Whether `DATABASE_URL` was set: `server check` consults the database only when it was, or when the
    /// default SQLite file already exists (checking a file never creates a database).
    pub database_url_set: bool,
    /// `LEPTOS_SITE_ADDR`: where to listen (default `127.0.0.1:3000`).
    pub site_addr: SocketAddr,
    /// `LEPTOS_SITE_ROOT`: the built site (JS, wasm, CSS), default `target/site`.
    pub site_root: String,
    /// `PUBLIC_URL`: the address admins and learners use, default `http://<site_addr>` (see [`Config::public_url`]).
    pub base_url: url::Url,
    /// `ADMIN_EMAIL`: the first admin's email, created on first start (default `admin@example.com`).
    pub first_admin_email: String,
    /// `SESSION_TTL_HOURS`: how long an admin stays signed in (default 12).
    pub session_ttl_hours: i64,
    /// `SMTP_URL`: where invitations are sent (`smtp://user:pass@host:587?tls=required`, `smtps://host`,
    /// `smtp://host:25`); unset, they are written as `.eml` files under `MAIL_DIR`.
    pub smtp_url: Option<SecretString>,
    /// `MAIL_DIR`: the `.eml` folder when there is no SMTP server (default `data/mail`).
    pub mail_dir: String,
    /// `MAIL_FROM`: the sender, `Name <address>` (default `Learners portal <no-reply@localhost>`).
    pub mail_from: lettre::message::Mailbox,
    /// `PORTAL_NAME`: how the emails name the portal (default `Learners portal`).
    pub portal_name: String,
    /// `INVITATION_TTL_HOURS`: how long an accept link works (default 168, seven days).
    pub invitation_ttl_hours: i64,
    /// `UNDO_WINDOW_HOURS`: how long after an import it can be undone (default 24).
    pub undo_window_hours: i64,
    /// `SYNC_MAX_REMOVALS_PERCENT`: past this share of a group's members (and more than 5 learners), a sync needs
    /// the admin's explicit leave to remove or suspend them (default 20).
    pub sync_max_removals_percent: i64,
    /// `INVITATION_LEASE_SECONDS`: how long a claimed invitation stays its worker's (default 120); after a crash,
    /// another worker sends it once this has passed.
    pub invitation_lease_seconds: i64,
    /// `SMTP_TIMEOUT_SECONDS`: how long sending one email may take (connection included) before it is retried later
    /// (default 20).
    pub smtp_timeout_seconds: i64,
    /// `SMTP_CONNECTIONS`: how many SMTP connections the worker keeps open, and so how many invitations it sends
    /// at once (default [`delivery::DEFAULT_SMTP_CONNECTIONS`]).
    pub smtp_connections: i64,
    /// `INVITATION_BATCH`: how many invitations of each queue the worker claims at a time (default
    /// [`delivery::DEFAULT_BATCH`]).
    pub invitation_batch: i64,
    /// `ALLOWED_HOSTS`: more `host[:port]` values the server answers to, comma-separated, besides `PUBLIC_URL`'s
    /// and `LEPTOS_SITE_ADDR`'s (see [`Config::allowed_hosts`]).
    pub extra_hosts: Vec<String>,
    /// `CLIENT_IP_HEADER`: behind a reverse proxy, the header it puts the client's address in (for example
    /// `X-Forwarded-For`); unset, the client is the connection's peer.
    pub client_ip_header: Option<axum::http::HeaderName>,
    /// `METRICS_TOKEN`: the bearer token Prometheus sends to read `/metrics` (at least 24 characters); unset,
    /// `/metrics` does not exist.
    pub metrics_token: Option<SecretString>,
}

#[derive(Debug, thiserror::Error)]
pub enum ConfigError {
    #[error("{name} is not valid: {value:?} ({reason})")]
    Invalid { name: &'static str, value: String, reason: String },
}

/// A metrics token shorter than this could be guessed.
pub const MIN_METRICS_TOKEN_CHARS: usize = 24;

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
        let base_url = match url::Url::parse(&public_url) {
            Ok(url) if matches!(url.scheme(), "http" | "https") && url.has_host() => url,
            _ => {
                return Err(ConfigError::Invalid {
                    name: "PUBLIC_URL",
                    value: public_url,
                    reason: "it must be an address starting with http:// or https://".into(),
                })
            }
        };
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
        let session_ttl_hours = positive(&get, "SESSION_TTL_HOURS", 12, "hours")?;
        let from_raw = get("MAIL_FROM").unwrap_or_else(|| "Learners portal <no-reply@localhost>".into());
        let mail_from = from_raw.parse().map_err(|e: lettre::address::AddressError| ConfigError::Invalid {
            name: "MAIL_FROM",
            value: from_raw.clone(),
            reason: format!("{e}; write it as Name <address@example.com>"),
        })?;
        let invitation_ttl_hours = positive(&get, "INVITATION_TTL_HOURS", 168, "hours")?;
        let invitation_lease_seconds = positive(&get, "INVITATION_LEASE_SECONDS", 120, "seconds")?;
        let undo_window_hours = positive(&get, "UNDO_WINDOW_HOURS", 24, "hours")?;
        let sync_max_removals_percent = positive(&get, "SYNC_MAX_REMOVALS_PERCENT", 20, "percent")?.min(100);
        let smtp_timeout_seconds = positive(&get, "SMTP_TIMEOUT_SECONDS", 20, "seconds")?;
        let smtp_connections =
            positive(&get, "SMTP_CONNECTIONS", delivery::DEFAULT_SMTP_CONNECTIONS.into(), "connections")?;
        let invitation_batch = positive(&get, "INVITATION_BATCH", delivery::DEFAULT_BATCH as i64, "invitations")?;
        let client_ip_header = match get("CLIENT_IP_HEADER") {
            None => None,
            Some(raw) => Some(raw.trim().parse::<axum::http::HeaderName>().map_err(|_| ConfigError::Invalid {
                name: "CLIENT_IP_HEADER",
                value: raw.clone(),
                reason: "a header name, such as X-Forwarded-For".into(),
            })?),
        };
        let extra_hosts = get("ALLOWED_HOSTS")
            .map(|raw| raw.split(',').map(|h| h.trim().to_ascii_lowercase()).filter(|h| !h.is_empty()).collect())
            .unwrap_or_default();
        let metrics_token = match get("METRICS_TOKEN") {
            Some(token) if token.trim().chars().count() < MIN_METRICS_TOKEN_CHARS => {
                return Err(ConfigError::Invalid {
                    name: "METRICS_TOKEN",
                    value: "(hidden)".into(),
                    reason: format!("at least {MIN_METRICS_TOKEN_CHARS} characters; `openssl rand -hex 24` makes one"),
                })
            }
            token => token.map(|t| SecretString::from(t.trim().to_owned())),
        };
        Ok(Config {
            metrics_token,
            invitation_lease_seconds,
            undo_window_hours,
            sync_max_removals_percent,
            smtp_timeout_seconds,
            smtp_connections,
            invitation_batch,
            extra_hosts,
            client_ip_header,
            smtp_url: get("SMTP_URL").map(SecretString::from),
            mail_dir: get("MAIL_DIR").unwrap_or_else(|| "data/mail".into()),
            mail_from,
            portal_name: get("PORTAL_NAME").unwrap_or_else(|| "Learners portal".into()),
            invitation_ttl_hours,
            database_url: SecretString::from(database_url),
            database_url_set,
            site_addr,
            site_root: get("LEPTOS_SITE_ROOT").unwrap_or_else(|| "target/site".into()),
            base_url,
            first_admin_email: get("ADMIN_EMAIL").unwrap_or_else(|| "admin@example.com".into()),
            session_ttl_hours,
        })
    }

    pub fn app_config(&self) -> AppConfig {
        AppConfig {
            base_url: self.base_url.clone(),
            session_ttl: chrono::Duration::hours(self.session_ttl_hours),
            undo_window: self.undo_window(),
            sync: self.sync_policy(),
        }
    }

    /// A sync's safety threshold.
    pub fn sync_policy(&self) -> service::roster::SyncPolicy {
        service::roster::SyncPolicy {
            max_removals_percent: u32::try_from(self.sync_max_removals_percent).unwrap_or(100),
        }
    }

    /// How long after an import it can be undone.
    pub fn undo_window(&self) -> chrono::Duration {
        chrono::Duration::hours(self.undo_window_hours)
    }

    /// The delivery worker's settings.
    pub fn delivery_config(&self) -> delivery::DeliveryConfig {
        let mut config = delivery::DeliveryConfig::new(self.public_url(), &self.portal_name, self.mail_from.clone());
        config.token_ttl = chrono::Duration::hours(self.invitation_ttl_hours);
        config.lease = chrono::Duration::seconds(self.invitation_lease_seconds);
        config.batch = self.invitation_batch as u64;
        config
    }

    /// The mailer: SMTP when `SMTP_URL` is set, `.eml` files otherwise.
    pub fn mailer(&self) -> Result<delivery::Mailer, String> {
        match &self.smtp_url {
            Some(url) => {
                let timeout = std::time::Duration::from_secs(self.smtp_timeout_seconds as u64);
                // Checked positive when read; a pool beyond u32 connections is no configuration anyone means.
                let connections = u32::try_from(self.smtp_connections).unwrap_or(u32::MAX);
                delivery::Mailer::smtp_with_timeout(url.expose_secret(), connections, timeout)
                    .map_err(|e| e.to_string())
            }
            None => delivery::Mailer::files(self.mail_dir.clone().into())
                .map_err(|e| format!("cannot create the mail folder {}: {e}", self.mail_dir)),
        }
    }

    /// `PUBLIC_URL` as written in links and on the console, without a trailing `/`.
    pub fn public_url(&self) -> &str {
        self.base_url.as_str().trim_end_matches('/')
    }

    /// Every `Host` value the server answers to: `PUBLIC_URL`'s host (with its port when it has one),
    /// `LEPTOS_SITE_ADDR` as it is written, and `ALLOWED_HOSTS`.
    pub fn allowed_hosts(&self) -> Vec<String> {
        let mut hosts = self.extra_hosts.clone();
        if let Some(host) = self.base_url.host_str() {
            hosts.push(match self.base_url.port() {
                Some(port) => format!("{host}:{port}"),
                None => host.to_owned(),
            });
        }
        hosts.push(self.site_addr.to_string());
        if self.site_addr.ip().is_loopback() {
            hosts.push(format!("localhost:{}", self.site_addr.port()));
        }
        hosts.iter().map(|h| h.to_ascii_lowercase()).collect()
    }

    /// The database URL, password included: only for connecting.
    pub fn database_url(&self) -> &str {
        self.database_url.expose_secret()
    }

    /// The database URL with any password hidden, for logs.
    pub fn database_url_redacted(&self) -> String {
        redact(self.database_url.expose_secret())
    }
}

/// A whole, positive setting (`default` when unset), named in the error when it is not one.
fn positive(
    get: &impl Fn(&str) -> Option<String>,
    name: &'static str,
    default: i64,
    unit: &str,
) -> Result<i64, ConfigError> {
    let raw = get(name).unwrap_or_else(|| default.to_string());
    raw.trim().parse().ok().filter(|n: &i64| *n > 0).ok_or_else(|| ConfigError::Invalid {
        name,
        value: raw.clone(),
        reason: format!("a whole number of {unit}, at least 1"),
    })
}

/// Hides the password of a `scheme://user:password@host/...` URL.
pub fn redact(url: &str) -> String {
    let Some((scheme, rest)) = url.split_once("://") else {
        return url.to_owned();
    };
    // The last `@` ends the credentials: a password may hold an unencoded `@` itself.
    match rest.rsplit_once('@') {
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
        assert_eq!(c.database_url.expose_secret(), DEFAULT_DATABASE_URL);
        assert_eq!(c.site_addr.to_string(), "127.0.0.1:3000");
        assert_eq!(c.public_url(), "http://127.0.0.1:3000");
    }

    #[test]
    fn mail_settings_have_defaults_and_are_checked() {
        let c = config(&[]).unwrap();
        assert!(c.smtp_url.is_none());
        assert_eq!(c.mail_dir, "data/mail");
        assert_eq!(c.mail_from.email.to_string(), "no-reply@localhost");
        assert_eq!(c.invitation_ttl_hours, 168);
        assert!(config(&[("MAIL_FROM", "not an address")]).unwrap_err().to_string().contains("MAIL_FROM"));
        assert!(config(&[("INVITATION_TTL_HOURS", "-1")]).is_err());
    }

    #[test]
    fn delivery_pool_and_batch_have_defaults_reach_the_worker_and_are_checked() {
        let c = config(&[]).unwrap();
        assert_eq!(c.smtp_connections, i64::from(delivery::DEFAULT_SMTP_CONNECTIONS));
        assert_eq!(c.delivery_config().batch, delivery::DEFAULT_BATCH);
        let c = config(&[("SMTP_CONNECTIONS", "2"), ("INVITATION_BATCH", "10"), ("SMTP_URL", "smtp://127.0.0.1:25")])
            .unwrap();
        assert_eq!(c.delivery_config().batch, 10);
        assert_eq!(c.mailer().unwrap().connections(), 2);
        assert!(config(&[("SMTP_CONNECTIONS", "0")]).unwrap_err().to_string().contains("SMTP_CONNECTIONS"));
        assert!(config(&[("INVITATION_BATCH", "many")]).unwrap_err().to_string().contains("INVITATION_BATCH"));
    }

    #[test]
    fn bad_values_are_named() {
        let err = config(&[("DATABASE_URL", "mysql://x")]).unwrap_err().to_string();
        assert!(err.contains("DATABASE_URL"));
        assert!(config(&[("LEPTOS_SITE_ADDR", "nowhere")]).is_err());
        assert!(config(&[("SESSION_TTL_HOURS", "0")]).is_err());
    }

    #[test]
    fn a_short_metrics_token_is_refused_without_being_echoed() {
        assert!(config(&[]).unwrap().metrics_token.is_none());
        let err = config(&[("METRICS_TOKEN", "short-secret")]).unwrap_err().to_string();
        assert!(err.contains("METRICS_TOKEN") && !err.contains("short-secret"), "{err}");
        let token = "0123456789abcdef01234567";
        assert_eq!(config(&[("METRICS_TOKEN", token)]).unwrap().metrics_token.unwrap().expose_secret(), token);
    }

    #[test]
    fn passwords_are_hidden_in_logged_urls() {
        assert_eq!(redact("postgres://app:s3cret@db/portal"), "postgres://app:***@db/portal");
        assert_eq!(redact("sqlite://data/portal.db"), "sqlite://data/portal.db");
        assert_eq!(redact("postgres://app:p@ss@word@db/portal"), "postgres://app:***@db/portal");
    }

    #[test]
    fn the_server_answers_to_its_public_and_listening_hosts_only() {
        let c = config(&[("PUBLIC_URL", "https://Learn.Example.com"), ("ALLOWED_HOSTS", "intra.school, ")]).unwrap();
        let hosts = c.allowed_hosts();
        assert!(hosts.contains(&"learn.example.com".to_owned()), "{hosts:?}");
        assert!(hosts.contains(&"127.0.0.1:3000".to_owned()) && hosts.contains(&"intra.school".to_owned()));
        assert!(!hosts.iter().any(|h| h.is_empty() || h.contains("evil")));
        assert!(config(&[("CLIENT_IP_HEADER", "not a header")]).is_err());
    }
}
