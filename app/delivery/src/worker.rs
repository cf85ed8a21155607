//! The delivery worker: claims due invitations from the database (the learners' queue and the admins' queue, the
//! same steps on each), sends each through the mailer, and records the outcome. Several workers (in one server or
//! in several instances on one PostgreSQL) share the queues safely: a claim is exclusive until its lease runs out.
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
use storage::admin_invitations::{self, AdminInvitation};
use storage::invitations;
use storage::{DatabaseConnection, DbErr};
use tokio::task::JoinSet;
use tokio_util::sync::CancellationToken;

use crate::mailer::{Mailer, SendError};
use crate::templates::{self, Invitation};

/// The worker's settings (see the README's configuration table).
#[derive(Clone, Debug)]
pub struct DeliveryConfig {
    /// The base of the accept links: `{public_url}/invite/{token}`, `{public_url}/admin-invite/{token}`.
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

    /// Claims one batch of due invitations of each queue (learners', admins') and delivers them; returns how
    /// many were claimed.
    pub async fn run_once(&self) -> Result<usize, DbErr> {
        let claim_token = storage::tokens::new_token();
        let now = self.config.clock.now();
        let (lease, batch) = (self.config.lease, self.config.batch);
        let mut claimed: Vec<Claimed> = invitations::claim(&self.db, &claim_token, now, lease, batch)
            .await?
            .into_iter()
            .map(Claimed::Learner)
            .collect();
        let admins = admin_invitations::claim(&self.db, &claim_token, now, lease, batch).await?;
        if !admins.is_empty() {
            let inviters: Vec<i64> = admins.iter().map(|a| a.invited_by).collect();
            let emails = storage::admins::emails(&self.db, &inviters).await?;
            claimed.extend(admins.into_iter().map(|invitation| {
                let inviter = emails.get(&invitation.invited_by).cloned().unwrap_or_default();
                Claimed::Admin { invitation, inviter }
            }));
        }
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
        let (queue, id, attempts) = claimed.key();
        let token = storage::tokens::new_token();
        let expires = self.config.clock.now() + self.config.token_ttl;
        // The link must work when the email arrives: its hash is stored first.
        let hash = storage::tokens::hash_token(&token);
        if !queue.set_token(&self.db, id, claim_token, &hash, expires).await? {
            return Ok(()); // The lease ran out and another worker has it now (or the invitation was cancelled).
        }
        let message = match &claimed {
            Claimed::Learner(learner) => self.message(learner, &token),
            Claimed::Admin { invitation, inviter } => self.admin_message(invitation, inviter, &token),
        };
        let message = match message {
            Ok(message) => message,
            Err(reason) => {
                tracing::warn!(invitation = id, queue = queue.name(), "invitation cannot be built: {reason}");
                return queue.mark_failed(&self.db, id, claim_token, &reason).await;
            }
        };
        match self.mailer.send(message).await {
            Ok(()) => {
                queue.mark_sent(&self.db, id, claim_token, self.config.clock.now()).await?;
                tracing::info!(invitation = id, queue = queue.name(), "invitation sent");
            }
            Err(SendError::Permanent(reason)) => {
                tracing::warn!(invitation = id, queue = queue.name(), %reason, "invitation refused by the mail server");
                queue.mark_failed(&self.db, id, claim_token, &reason).await?;
            }
            Err(SendError::Temporary(reason)) if attempts >= self.config.max_attempts => {
                tracing::warn!(invitation = id, queue = queue.name(), %reason, "invitation failed after every attempt");
                queue.mark_failed(&self.db, id, claim_token, &reason).await?;
            }
            Err(SendError::Temporary(reason)) => {
                let at = self.config.clock.now() + retry_delay(self.config.backoff, attempts);
                let queue_name = queue.name();
                tracing::info!(invitation = id, queue = queue_name, %reason, retry_at = %at, "invitation will be retried");
                queue.retry_later(&self.db, id, claim_token, at, &reason).await?;
            }
        }
        Ok(())
    }

    fn message(&self, claimed: &invitations::Claimed, token: &str) -> Result<Message, String> {
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
        self.build(to, rendered)
    }

    fn admin_message(&self, invitation: &AdminInvitation, inviter: &str, token: &str) -> Result<Message, String> {
        let accept_url = format!("{}/admin-invite/{token}", self.config.public_url);
        let rendered = templates::render_admin(&templates::AdminInvitation {
            inviter,
            language: &invitation.language,
            portal_name: &self.config.portal_name,
            accept_url: &accept_url,
            valid_days: self.config.token_ttl.num_days().max(1),
        })
        .map_err(|e| format!("the invitation cannot be written: {e}"))?;
        let address =
            invitation.email.parse().map_err(|e| format!("the address {} cannot be used: {e}", invitation.email))?;
        self.build(Mailbox::new(None, address), rendered)
    }

    fn build(&self, to: Mailbox, rendered: templates::Rendered) -> Result<Message, String> {
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

/// An invitation a worker has claimed, from one of the two queues. Not boxed: a worker holds one batch of them
/// (a few dozen), so the size difference between a learner's claim and an admin's costs nothing.
#[allow(clippy::large_enum_variant)]
enum Claimed {
    Learner(invitations::Claimed),
    /// `inviter`: the inviting admin's email, named in the email.
    Admin {
        invitation: AdminInvitation,
        inviter: String,
    },
}

impl Claimed {
    /// Its queue, its id there, and how many attempts it has had (this one included).
    fn key(&self) -> (Queue, i64, i32) {
        match self {
            Claimed::Learner(c) => (Queue::Learners, c.invitation.id, c.invitation.attempts),
            Claimed::Admin { invitation, .. } => (Queue::Admins, invitation.id, invitation.attempts),
        }
    }
}

/// The two delivery queues: the same steps, each on its own table.
#[derive(Clone, Copy, Debug)]
enum Queue {
    Learners,
    Admins,
}

impl Queue {
    fn name(self) -> &'static str {
        match self {
            Queue::Learners => "learners",
            Queue::Admins => "admins",
        }
    }

    async fn set_token(
        self,
        db: &DatabaseConnection,
        id: i64,
        claim_token: &str,
        hash: &str,
        expires: DateTime<Utc>,
    ) -> Result<bool, DbErr> {
        match self {
            Queue::Learners => invitations::set_token(db, id, claim_token, hash, expires).await,
            Queue::Admins => admin_invitations::set_token(db, id, claim_token, hash, expires).await,
        }
    }

    async fn mark_sent(
        self,
        db: &DatabaseConnection,
        id: i64,
        claim_token: &str,
        now: DateTime<Utc>,
    ) -> Result<(), DbErr> {
        match self {
            Queue::Learners => invitations::mark_sent(db, id, claim_token, now).await,
            Queue::Admins => admin_invitations::mark_sent(db, id, claim_token, now).await,
        }
    }

    async fn mark_failed(self, db: &DatabaseConnection, id: i64, claim_token: &str, reason: &str) -> Result<(), DbErr> {
        match self {
            Queue::Learners => invitations::mark_failed(db, id, claim_token, reason).await,
            Queue::Admins => admin_invitations::mark_failed(db, id, claim_token, reason).await,
        }
    }

    async fn retry_later(
        self,
        db: &DatabaseConnection,
        id: i64,
        claim_token: &str,
        at: DateTime<Utc>,
        reason: &str,
    ) -> Result<(), DbErr> {
        match self {
            Queue::Learners => invitations::retry_later(db, id, claim_token, at, reason).await,
            Queue::Admins => admin_invitations::retry_later(db, id, claim_token, at, reason).await,
        }
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
