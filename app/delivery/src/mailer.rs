//! Where emails go: an SMTP server (`SMTP_URL`) over a small pool of connections, or, with no SMTP configured,
//! `.eml` files in a folder a developer can open.
//!
//! `smtp://` URLs (plain, or STARTTLS with `?tls=`) use connections this module opens itself and hands to lettre's
//! SMTP client: lettre's own transport leaves Nagle's algorithm on, and it writes a message's final `.` line
//! apart from its body, so every message waited ~40 ms for the server's delayed ACK (lettre PR #1159, not yet in
//! a release); these connections set `TCP_NODELAY`. `smtps://` (implicit TLS) needs the TLS layer before lettre's
//! client starts, which only lettre's transport can set up: it keeps that transport, and the delay.

use std::path::PathBuf;
use std::sync::{Arc, RwLock};
use std::time::{Duration, Instant};

use lettre::transport::smtp::authentication::{Credentials, Mechanism};
use lettre::transport::smtp::client::{AsyncSmtpConnection, TlsParameters};
use lettre::transport::smtp::extension::ClientId;
use lettre::transport::smtp::Error as SmtpError;
use lettre::{AsyncFileTransport, AsyncSmtpTransport, AsyncTransport, Message, Tokio1Executor};

/// How long sending one email may take before it counts as a temporary failure.
pub const DEFAULT_SMTP_TIMEOUT: std::time::Duration = std::time::Duration::from_secs(20);

/// How many SMTP connections the server's mailer keeps (`SMTP_CONNECTIONS`), and so how many invitations it sends
/// at once.
pub const DEFAULT_SMTP_CONNECTIONS: u32 = 4;

/// A pooled connection idle longer than this is checked with a `NOOP` before it carries a message: the server
/// may have closed it meanwhile. One used a moment ago is not, which saves a round trip per message under load.
const CHECK_IF_IDLE_FOR: Duration = Duration::from_secs(2);

#[derive(Clone)]
pub enum Mailer {
    Smtp(Arc<Smtp>),
    Files(AsyncFileTransport<Tokio1Executor>, PathBuf),
}

/// An SMTP server and the connections to it, each send bounded by `timeout` as a whole (lettre bounds only the
/// connection, not the commands that follow).
pub struct Smtp {
    via: Via,
    url: String,
    pool_size: u32,
    timeout: Duration,
}

enum Via {
    /// `smtp://`: connections of our own (see the module's documentation).
    Direct(Direct),
    /// `smtps://`: lettre's pooled transport. A send given up in the middle of a command leaves its pooled
    /// connection mid-conversation, so the whole pool is replaced then and that connection is never used again.
    Lettre(RwLock<AsyncSmtpTransport<Tokio1Executor>>),
}

/// Why an email did not leave: retry later, or stop and tell the admin.
#[derive(Debug, thiserror::Error)]
pub enum SendError {
    #[error("temporary: {0}")]
    Temporary(String),
    #[error("permanent: {0}")]
    Permanent(String),
}

#[derive(Debug, thiserror::Error)]
#[error("SMTP_URL is not valid ({0}); use smtp://user:password@host:587?tls=required, smtps://host, or smtp://host:25 for a local relay")]
pub struct BadSmtpUrl(String);

impl Mailer {
    /// `smtp://` (STARTTLS with `?tls=required` or `?tls=opportunistic`, none otherwise), `smtps://` (implicit TLS),
    /// each SMTP command given [`DEFAULT_SMTP_TIMEOUT`].
    pub fn smtp(url: &str, pool_size: u32) -> Result<Mailer, BadSmtpUrl> {
        Mailer::smtp_with_timeout(url, pool_size, DEFAULT_SMTP_TIMEOUT)
    }

    /// [`Mailer::smtp`] with another limit on each send: past it, the invitation is retried later.
    pub fn smtp_with_timeout(url: &str, pool_size: u32, timeout: Duration) -> Result<Mailer, BadSmtpUrl> {
        let via = match Direct::parse(url, pool_size)? {
            Some(direct) => Via::Direct(direct),
            None => Via::Lettre(RwLock::new(Smtp::build(url, pool_size, timeout)?)),
        };
        Ok(Mailer::Smtp(Arc::new(Smtp { via, url: url.to_owned(), pool_size, timeout })))
    }

    pub fn files(dir: PathBuf) -> std::io::Result<Mailer> {
        std::fs::create_dir_all(&dir)?;
        Ok(Mailer::Files(AsyncFileTransport::new(&dir), dir))
    }

    pub fn describe(&self) -> String {
        match self {
            Mailer::Smtp(_) => "SMTP".to_owned(),
            Mailer::Files(_, dir) => format!(".eml files in {}", dir.display()),
        }
    }

    /// How many emails may be sent at once: the SMTP pool's size (the pool keeps at most that many connections
    /// open between sends; more sends at once would open connections only to close them after one message).
    /// The `.eml` folder takes a few at once too.
    pub fn connections(&self) -> usize {
        match self {
            Mailer::Smtp(smtp) => smtp.pool_size as usize,
            Mailer::Files(..) => 4,
        }
    }

    pub async fn send(&self, message: Message) -> Result<(), SendError> {
        match self {
            Mailer::Smtp(smtp) => smtp.send(message).await,
            Mailer::Files(transport, _) => {
                transport.send(message).await.map(|_| ()).map_err(|e| SendError::Temporary(e.to_string()))
            }
        }
    }
}

impl Smtp {
    fn build(url: &str, pool_size: u32, timeout: Duration) -> Result<AsyncSmtpTransport<Tokio1Executor>, BadSmtpUrl> {
        let builder = AsyncSmtpTransport::<Tokio1Executor>::from_url(url).map_err(|e| BadSmtpUrl(e.to_string()))?;
        let pool = lettre::transport::smtp::PoolConfig::new().max_size(pool_size);
        Ok(builder.pool_config(pool).timeout(Some(timeout)).build())
    }

    async fn send(&self, message: Message) -> Result<(), SendError> {
        let late =
            || SendError::Temporary(format!("the SMTP server did not answer within {} s", self.timeout.as_secs()));
        match &self.via {
            // A send given up drops its connection with it: a connection mid-command never returns to the pool.
            Via::Direct(direct) => {
                tokio::time::timeout(self.timeout, direct.send(message)).await.map_err(|_| late())?
            }
            Via::Lettre(lock) => {
                // A clone shares the pool; taken out of the lock so that no lock is held across the send.
                let transport = lock.read().map(|t| t.clone()).map_err(|_| poisoned())?;
                match tokio::time::timeout(self.timeout, transport.send(message)).await {
                    Ok(sent) => sent.map(|_| ()).map_err(classify),
                    Err(_) => {
                        if let (Ok(fresh), Ok(mut current)) =
                            (Smtp::build(&self.url, self.pool_size, self.timeout), lock.write())
                        {
                            *current = fresh;
                        }
                        Err(late())
                    }
                }
            }
        }
    }
}

/// Connections of our own to an `smtp://` server: at most `pool_size` kept idle, opened on demand.
struct Direct {
    host: String,
    port: u16,
    tls: Option<StartTls>,
    credentials: Option<Credentials>,
    hello: ClientId,
    pool_size: usize,
    idle: tokio::sync::Mutex<Vec<(AsyncSmtpConnection, Instant)>>,
}

enum StartTls {
    Required(TlsParameters),
    Opportunistic(TlsParameters),
}

impl Direct {
    /// `None` for an `smtps://` URL (lettre's transport takes it); the URL is read as lettre reads it.
    fn parse(url: &str, pool_size: u32) -> Result<Option<Direct>, BadSmtpUrl> {
        let bad = |e: &dyn std::fmt::Display| BadSmtpUrl(e.to_string());
        let parsed = url::Url::parse(url).map_err(|e| bad(&e))?;
        if parsed.scheme() != "smtp" {
            return Ok(None);
        }
        let host = parsed.host_str().ok_or_else(|| bad(&"no host"))?.to_owned();
        let tls_parameters = || TlsParameters::new(host.clone()).map_err(|e| bad(&e));
        let tls = parsed.query_pairs().find(|(k, _)| k == "tls").map(|(_, v)| v.into_owned());
        let (tls, default_port) = match tls.as_deref() {
            None => (None, 25),
            Some("required") => (Some(StartTls::Required(tls_parameters()?)), 587),
            Some("opportunistic") => (Some(StartTls::Opportunistic(tls_parameters()?)), 587),
            Some(other) => return Err(bad(&format!("unknown tls={other}"))),
        };
        let hello = match parsed.path().trim_matches('/') {
            "" => ClientId::default(),
            name => ClientId::Domain(name.to_owned()),
        };
        let decode = |s: &str| {
            percent_encoding::percent_decode_str(s).decode_utf8().map(|s| s.into_owned()).map_err(|e| bad(&e))
        };
        let credentials = match parsed.password() {
            Some(password) => Some(Credentials::new(decode(parsed.username())?, decode(password)?)),
            None => None,
        };
        Ok(Some(Direct {
            port: parsed.port().unwrap_or(default_port),
            host,
            tls,
            credentials,
            hello,
            pool_size: pool_size.max(1) as usize,
            idle: tokio::sync::Mutex::new(Vec::new()),
        }))
    }

    async fn send(&self, message: Message) -> Result<(), SendError> {
        let mut conn = self.connection().await?;
        let sent = conn.send(message.envelope(), &message.formatted()).await;
        if !conn.has_broken() {
            let mut idle = self.idle.lock().await;
            if idle.len() < self.pool_size {
                idle.push((conn, Instant::now()));
            }
        }
        sent.map(|_| ()).map_err(classify)
    }

    /// A pooled connection still open, or a new one.
    async fn connection(&self) -> Result<AsyncSmtpConnection, SendError> {
        loop {
            let Some((mut conn, since)) = self.idle.lock().await.pop() else { break };
            if since.elapsed() < CHECK_IF_IDLE_FOR || conn.test_connected().await {
                return Ok(conn);
            }
            conn.abort().await;
        }
        let unreachable = |e: std::io::Error| {
            SendError::Temporary(format!("cannot connect to the SMTP server {}:{}: {e}", self.host, self.port))
        };
        let tcp = tokio::net::TcpStream::connect((self.host.as_str(), self.port)).await.map_err(unreachable)?;
        // The point of these connections: each write leaves at once (see the module's documentation).
        tcp.set_nodelay(true).map_err(unreachable)?;
        let mut conn =
            AsyncSmtpConnection::connect_with_transport(Box::new(tcp), &self.hello).await.map_err(classify)?;
        match &self.tls {
            Some(StartTls::Required(tls)) => conn.starttls(tls.clone(), &self.hello).await.map_err(classify)?,
            Some(StartTls::Opportunistic(tls)) if conn.can_starttls() => {
                conn.starttls(tls.clone(), &self.hello).await.map_err(classify)?
            }
            _ => {}
        }
        if let Some(credentials) = &self.credentials {
            conn.auth(&[Mechanism::Plain, Mechanism::Login], credentials).await.map_err(classify)?;
        }
        Ok(conn)
    }
}

fn poisoned() -> SendError {
    SendError::Temporary("the SMTP transport is unusable after a panic".to_owned())
}

/// A 5xx answer is permanent (the address or the message is refused); everything else (4xx, timeouts, refused or
/// dropped connections, TLS trouble) may pass later.
fn classify(err: SmtpError) -> SendError {
    let text = err.to_string();
    if err.is_permanent() {
        SendError::Permanent(text)
    } else {
        SendError::Temporary(text)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn smtp_urls_are_read_as_lettre_reads_them_and_smtps_is_left_to_lettre() {
        let plain = Direct::parse("smtp://relay.example.org", 4).unwrap().unwrap();
        assert_eq!(
            (plain.host.as_str(), plain.port, plain.tls.is_none(), plain.credentials.is_none()),
            ("relay.example.org", 25, true, true)
        );
        let submission =
            Direct::parse("smtp://me%40example.org:p%40ss@mail.example.org?tls=required", 2).unwrap().unwrap();
        assert_eq!(submission.port, 587);
        assert!(matches!(submission.tls, Some(StartTls::Required(_))));
        assert_eq!(submission.credentials, Some(Credentials::new("me@example.org".into(), "p@ss".into())));
        let opportunistic = Direct::parse("smtp://mail.example.org:2525/client.example.org?tls=opportunistic", 2);
        let opportunistic = opportunistic.unwrap().unwrap();
        assert_eq!(opportunistic.port, 2525);
        assert!(matches!(opportunistic.tls, Some(StartTls::Opportunistic(_))));
        assert_eq!(opportunistic.hello, ClientId::Domain("client.example.org".into()));
        assert!(Direct::parse("smtps://mail.example.org", 2).unwrap().is_none());
        assert!(Direct::parse("smtp://mail.example.org?tls=sometimes", 2).is_err());
        assert!(Mailer::smtp("not a url", 2).is_err());
    }
}
