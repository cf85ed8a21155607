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

use chrono::{DateTime, Duration, Utc};
use lettre::message::{header::ContentType, Mailbox, MultiPart, SinglePart};
use lettre::Message;
use rand::Rng;
use storage::invitations::{self, Claimed};
use storage::{DatabaseConnection, DbErr};
use tokio::task::JoinSet;
use tokio_util::sync::CancellationToken;

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
    /// Where the worker reads the time (claims, leases, retry dates, link expiry): the system clock, or a test's.
    pub clock: Clock,
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
            clock: Clock::system(),
        }
    }
}

/// The time as the worker sees it: `Utc::now` in the server; tests hand it a clock they move themselves
/// (`testing::TestClock`), so retry delays and leases are proven without waiting for them.
#[derive(Clone)]
pub struct Clock(Arc<dyn Fn() -> DateTime<Utc> + Send + Sync>);

impl Clock {
    pub fn system() -> Clock {
        Clock(Arc::new(Utc::now))
    }

    pub fn new(now: impl Fn() -> DateTime<Utc> + Send + Sync + 'static) -> Clock {
        Clock(Arc::new(now))
    }

    pub fn now(&self) -> DateTime<Utc> {
        (self.0)()
    }
}

impl std::fmt::Debug for Clock {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "Clock({})", self.now())
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

    /// Works until `stop` is cancelled; the invitations being sent at that moment are finished first.
    pub async fn run(self, stop: CancellationToken) {
        tracing::info!(mailer = %self.mailer.describe(), "invitation delivery started");
        while !stop.is_cancelled() {
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
                    _ = stop.cancelled() => {}
                    _ = tokio::time::sleep(self.config.poll) => {}
                }
            }
        }
        tracing::info!("invitation delivery stopped");
    }

    /// Claims one batch of due invitations and delivers it; returns how many were claimed.
    pub async fn run_once(&self) -> Result<usize, DbErr> {
        let claim_token = storage::tokens::new_token();
        let now = self.config.clock.now();
        let claimed = invitations::claim(&self.db, &claim_token, now, self.config.lease, self.config.batch).await?;
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
        let expires = self.config.clock.now() + self.config.token_ttl;
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
                invitations::mark_sent(&self.db, id, claim_token, self.config.clock.now()).await?;
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
                let at = self.config.clock.now() + retry_delay(self.config.backoff, claimed.invitation.attempts);
                tracing::info!(invitation = id, %reason, retry_at = %at, "invitation will be retried");
                invitations::retry_later(&self.db, id, claim_token, at, &reason).await?;
            }
        }
        Ok(())
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

/// The wait before the next attempt after `attempts` failed ones: `backoff` doubling at each attempt, capped at an
/// hour, times a random factor between 0.5 and 1.5 so that invitations failed together do not all come back at the
/// same second.
fn retry_delay(backoff: Duration, attempts: i32) -> Duration {
    let base = backoff.num_milliseconds().max(1) as f64;
    let doubled = (base * 2f64.powi(attempts.clamp(1, 20) - 1)).min(3_600_000.0);
    let jitter = rand::thread_rng().gen_range(0.5..1.5);
    Duration::milliseconds((doubled * jitter) as i64)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn retry_delays_double_from_the_backoff_with_jitter_and_stop_at_an_hour() {
        let backoff = Duration::seconds(30);
        for (attempts, base) in [(1, 30), (2, 60), (3, 120), (7, 1_920), (8, 3_600), (1_000, 3_600)] {
            for _ in 0..200 {
                let delay = retry_delay(backoff, attempts);
                let base = Duration::seconds(base);
                assert!(delay >= base / 2 && delay < base * 3 / 2, "attempt {attempts}: {delay}");
            }
        }
    }
}
