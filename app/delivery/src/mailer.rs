//! Where emails go: an SMTP server through lettre's pooled async transport (`SMTP_URL`), or, with no SMTP
//! configured, `.eml` files in a folder a developer can open.

use std::path::PathBuf;

use lettre::transport::smtp::Error as SmtpError;
use lettre::{AsyncFileTransport, AsyncSmtpTransport, AsyncTransport, Message, Tokio1Executor};

#[derive(Clone)]
pub enum Mailer {
    Smtp(AsyncSmtpTransport<Tokio1Executor>),
    Files(AsyncFileTransport<Tokio1Executor>, PathBuf),
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
    /// `smtp://` (STARTTLS with `?tls=required` or `?tls=opportunistic`, none otherwise), `smtps://` (implicit TLS).
    pub fn smtp(url: &str, pool_size: u32) -> Result<Mailer, BadSmtpUrl> {
        let builder = AsyncSmtpTransport::<Tokio1Executor>::from_url(url).map_err(|e| BadSmtpUrl(e.to_string()))?;
        let pool = lettre::transport::smtp::PoolConfig::new().max_size(pool_size);
        Ok(Mailer::Smtp(builder.pool_config(pool).timeout(Some(std::time::Duration::from_secs(20))).build()))
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
            Mailer::Smtp(transport) => transport.send(message).await.map(|_| ()).map_err(classify),
            Mailer::Files(transport, _) => {
                transport.send(message).await.map(|_| ()).map_err(|e| SendError::Temporary(e.to_string()))
            }
        }
    }
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
