//! Where emails go: an SMTP server through lettre's pooled async transport (`SMTP_URL`), or, with no SMTP
//! configured, `.eml` files in a folder a developer can open.

use std::path::PathBuf;
use std::sync::{Arc, RwLock};
use std::time::Duration;

use lettre::transport::smtp::Error as SmtpError;
use lettre::{AsyncFileTransport, AsyncSmtpTransport, AsyncTransport, Message, Tokio1Executor};

/// How long sending one email may take before it counts as a temporary failure.
pub const DEFAULT_SMTP_TIMEOUT: std::time::Duration = std::time::Duration::from_secs(20);

#[derive(Clone)]
pub enum Mailer {
    Smtp(Arc<Smtp>),
    Files(AsyncFileTransport<Tokio1Executor>, PathBuf),
}

/// The SMTP transport and what it takes to build a fresh one. lettre bounds only the connection with its
/// timeout, not the commands that follow, so each send is bounded here; a send given up in the middle of a
/// command leaves its pooled connection mid-conversation, so the whole pool is replaced then and that
/// connection is never used again.
pub struct Smtp {
    transport: RwLock<AsyncSmtpTransport<Tokio1Executor>>,
    url: String,
    pool_size: u32,
    timeout: Duration,
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
        let transport = RwLock::new(Smtp::build(url, pool_size, timeout)?);
        Ok(Mailer::Smtp(Arc::new(Smtp { transport, url: url.to_owned(), pool_size, timeout })))
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
        // A clone shares the pool; taken out of the lock so that no lock is held across the send.
        let transport = self.transport.read().map(|t| t.clone()).map_err(|_| poisoned())?;
        match tokio::time::timeout(self.timeout, transport.send(message)).await {
            Ok(sent) => sent.map(|_| ()).map_err(classify),
            Err(_) => {
                if let (Ok(fresh), Ok(mut current)) =
                    (Smtp::build(&self.url, self.pool_size, self.timeout), self.transport.write())
                {
                    *current = fresh;
                }
                Err(SendError::Temporary(format!("the SMTP server did not answer within {} s", self.timeout.as_secs())))
            }
        }
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
