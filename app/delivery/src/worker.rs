//! The delivery worker: claims due invitations from the database, sends each through the mailer, and records
//! the outcome. Several workers (in one server or in several instances on one PostgreSQL) share the queue safely:
//! a claim is exclusive until its lease runs out.
//!
//! Never lost: invitations are queued in the import's own transaction, and one claimed by a worker that dies is
//! taken over when its lease runs out. At most one duplicate: the only window is between the SMTP server's
//! acceptance of the message and the `sent` update right after it (one short UPDATE); a crash exactly there
//! sends that one invitation again after the lease.

use std::sync::Arc;
use std::time::Duration as StdDuration;

use chrono::{Duration, Utc};
use lettre::message::{header::ContentType, Mailbox, MultiPart, SinglePart};
use lettre::Message;
use rand::Rng;
use storage::invitations::{self, Claimed};
use storage::{DatabaseConnection, DbErr};
use tokio::task::JoinSet;

use crate::mailer::{Mailer, SendError};
use crate::templates::{self, Invitation};

/// The worker's settings (see the README's configuration table).
#[derive(Clone, Debug)]
pub struct DeliveryConfig {
    /// The base of the accept links: `{public_url}/invite/{token}`.
    pub public_url: String,
    pub portal_name: String,
    pub from: Mailbox,
    /// How long an accept link works.
    pub token_ttl: Duration,
    /// Temporary failures are retried up to this many attempts in all; then the invitation is failed.
    pub max_attempts: i32,
    /// The first retry's delay; each next one doubles (with jitter), up to an hour.
    pub backoff: Duration,
    /// How many invitations one claim takes, and how many are sent at once.
    pub batch: u64,
    /// How long a claim is exclusive; past it, another worker may take the invitation over.
    pub lease: Duration,
    /// How often an idle worker looks for due invitations.
    pub poll: StdDuration,
}

impl DeliveryConfig {
    pub fn new(public_url: &str, portal_name: &str, from: Mailbox) -> Self {
        DeliveryConfig {
            public_url: public_url.trim_end_matches('/').to_owned(),
            portal_name: portal_name.to_owned(),
            from,
            token_ttl: Duration::days(7),
            max_attempts: 8,
            backoff: Duration::seconds(30),
            batch: 16,
            lease: Duration::minutes(2),
            poll: StdDuration::from_secs(1),
        }
    }
}

#[derive(Clone)]
pub struct Worker {
    db: DatabaseConnection,
    mailer: Mailer,
    config: Arc<DeliveryConfig>,
}

impl Worker {
    pub fn new(db: DatabaseConnection, mailer: Mailer, config: DeliveryConfig) -> Self {
        Worker { db, mailer, config: Arc::new(config) }
    }

    /// Works until `shutdown` completes; an invitation being sent at that moment is finished first.
    pub async fn run(self, shutdown: impl std::future::Future<Output = ()>) {
        tracing::info!(mailer = %self.mailer.describe(), "invitation delivery started");
        tokio::pin!(shutdown);
        loop {
            let idle = match self.run_once().await {
                Ok(0) => true,
                Ok(_) => false,
                Err(e) => {
                    tracing::warn!(error = %e, "invitation delivery: database error, trying again shortly");
                    true
                }
            };
            if idle {
                tokio::select! {
                    _ = &mut shutdown => break,
                    _ = tokio::time::sleep(self.config.poll) => {}
                }
            } else if futures_ready(&mut shutdown).await {
                break;
            }
        }
        tracing::info!("invitation delivery stopped");
    }

    /// Claims one batch of due invitations and delivers it; returns how many were claimed.
    pub async fn run_once(&self) -> Result<usize, DbErr> {
        let claim_token = storage::tokens::new_token();
        let claimed =
            invitations::claim(&self.db, &claim_token, Utc::now(), self.config.lease, self.config.batch).await?;
        let n = claimed.len();
        let mut tasks = JoinSet::new();
        for invitation in claimed {
            let worker = self.clone();
            let claim_token = claim_token.clone();
            tasks.spawn(async move { worker.deliver(invitation, &claim_token).await });
        }
        let mut first_error = None;
        while let Some(done) = tasks.join_next().await {
            match done {
                Ok(Ok(())) => {}
                Ok(Err(e)) => first_error = first_error.or(Some(e)),
                Err(e) => tracing::error!(error = %e, "invitation delivery task failed"),
            }
        }
        first_error.map_or(Ok(n), Err)
    }

    async fn deliver(&self, claimed: Claimed, claim_token: &str) -> Result<(), DbErr> {
        let id = claimed.invitation.id;
        let token = storage::tokens::new_token();
        let expires = Utc::now() + self.config.token_ttl;
        // The link must work when the email arrives: its hash is stored first.
        if !invitations::set_token(&self.db, id, claim_token, &storage::tokens::hash_token(&token), expires).await? {
            return Ok(()); // The lease ran out and another worker has it now.
        }
        let message = match self.message(&claimed, &token) {
            Ok(message) => message,
            Err(reason) => {
                tracing::warn!(invitation = id, "invitation cannot be built: {reason}");
                return invitations::mark_failed(&self.db, id, claim_token, &reason).await;
            }
        };
        match self.mailer.send(message).await {
            Ok(()) => {
                invitations::mark_sent(&self.db, id, claim_token, Utc::now()).await?;
                tracing::info!(invitation = id, user = claimed.user.id, "invitation sent");
            }
            Err(SendError::Permanent(reason)) => {
                tracing::warn!(invitation = id, %reason, "invitation refused by the mail server");
                invitations::mark_failed(&self.db, id, claim_token, &reason).await?;
            }
            Err(SendError::Temporary(reason)) if claimed.invitation.attempts >= self.config.max_attempts => {
                tracing::warn!(invitation = id, %reason, "invitation failed after every attempt");
                invitations::mark_failed(&self.db, id, claim_token, &reason).await?;
            }
            Err(SendError::Temporary(reason)) => {
                let at = Utc::now() + self.backoff(claimed.invitation.attempts);
                tracing::info!(invitation = id, %reason, retry_at = %at, "invitation will be retried");
                invitations::retry_later(&self.db, id, claim_token, at, &reason).await?;
            }
        }
        Ok(())
    }

    /// Doubling delays from `backoff`, capped at an hour, each between half and one and a half times its value so
    /// that invitations failed together do not all come back at the same second.
    fn backoff(&self, attempts: i32) -> Duration {
        let base = self.config.backoff.num_milliseconds().max(1) as f64;
        let doubled = (base * 2f64.powi(attempts.clamp(1, 20) - 1)).min(3_600_000.0);
        let jitter = rand::thread_rng().gen_range(0.5..1.5);
        Duration::milliseconds((doubled * jitter) as i64)
    }

    fn message(&self, claimed: &Claimed, token: &str) -> Result<Message, String> {
        let user = &claimed.user;
        let accept_url = format!("{}/invite/{token}", self.config.public_url);
        let rendered = templates::render(&Invitation {
            firstname: &user.firstname,
            lastname: &user.lastname,
            language: &user.language,
            portal_name: &self.config.portal_name,
            accept_url: &accept_url,
            valid_days: self.config.token_ttl.num_days().max(1),
        })
        .map_err(|e| format!("the invitation cannot be written: {e}"))?;
        let address = user.email.parse().map_err(|e| format!("the address {} cannot be used: {e}", user.email))?;
        let to = Mailbox::new(Some(format!("{} {}", user.firstname, user.lastname)), address);
        Message::builder()
            .from(self.config.from.clone())
            .to(to)
            .subject(rendered.subject)
            .multipart(
                MultiPart::alternative()
                    .singlepart(SinglePart::builder().header(ContentType::TEXT_PLAIN).body(rendered.text))
                    .singlepart(SinglePart::builder().header(ContentType::TEXT_HTML).body(rendered.html)),
            )
            .map_err(|e| format!("the message cannot be built: {e}"))
    }
}

/// Whether the shutdown future has completed, without waiting for it.
async fn futures_ready(shutdown: &mut std::pin::Pin<&mut impl std::future::Future<Output = ()>>) -> bool {
    tokio::select! {
        biased;
        _ = shutdown.as_mut() => true,
        _ = std::future::ready(()) => false,
    }
}
