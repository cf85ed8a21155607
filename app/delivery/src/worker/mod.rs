//! The delivery worker: claims due emails from the database in batches (the learners' invitations, the admins'
//! and the account notices, the same steps on each queue), sends them through the mailer over all its connections
//! at once, and records the outcomes. Several workers (in one server or in several instances on one PostgreSQL)
//! share the queues safely: a claim is exclusive until its lease runs out.
//!
//! Never lost: invitations and notices are queued in the import's own transaction, and one claimed by a worker that
//! dies is taken over when its lease runs out. At most one duplicate each: the only window is between the SMTP server's
//! acceptance of a message and the `sent` update that follows (one UPDATE for the sends that finished together,
//! never more than a few per connection); a crash exactly there sends those invitations again after the lease.

mod message;
mod queue;
mod send;

use std::sync::Arc;
use std::time::Duration as StdDuration;

use chrono::{DateTime, Duration, Utc};
use lettre::message::Mailbox;
use storage::admin_invitations;
use storage::invitations;
use storage::notices;
use storage::{DatabaseConnection, DbErr};
use tokio_util::sync::CancellationToken;

use self::queue::{delivered, Claimed, Queue};
use self::send::Outgoing;
use crate::mailer::Mailer;

/// How many invitations of each queue one claim takes by default (`INVITATION_BATCH`): enough that the claim's and
/// the marks' statements cost little per message, few enough that a batch is sent well within its lease.
pub const DEFAULT_BATCH: u64 = 64;

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
    /// How many invitations one claim takes (of each queue). Sent as many at once as the mailer has connections.
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
            batch: DEFAULT_BATCH,
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

    /// Claims one batch of due emails of each queue (learners' and admins' invitations, notices) and delivers
    /// them; returns how many were claimed.
    ///
    /// A batch costs a handful of statements whatever its size: the claim, the token hashes (one UPDATE per
    /// queue), and the `sent` marks, one UPDATE for all the sends that finished while the previous one ran.
    /// The messages are rendered outside any transaction, and sent over as many SMTP connections at once as the
    /// mailer pools.
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
        let due_notices = notices::claim(&self.db, &claim_token, now, lease, batch).await?;
        claimed.extend(due_notices.into_iter().map(Claimed::Notice));
        let n = claimed.len();
        if n == 0 {
            return Ok(0);
        }
        let mut first_error = None;
        let expires = now + self.config.token_ttl;
        let mut outgoing = Vec::with_capacity(n);
        for claimed in claimed {
            let (queue, id, attempts) = claimed.key();
            let token = storage::tokens::new_token();
            let message = match &claimed {
                Claimed::Learner(learner) => self.message(learner, &token),
                Claimed::Admin { invitation, inviter } => self.admin_message(invitation, inviter, &token),
                Claimed::Notice(notice) => self.notice_message(notice),
            };
            match message {
                Ok(message) => {
                    let hash = (queue != Queue::Notices).then(|| storage::tokens::hash_token(&token));
                    outgoing.push(Outgoing { queue, id, attempts, hash, message });
                }
                Err(reason) => {
                    tracing::warn!(invitation = id, queue = queue.name(), "invitation cannot be built: {reason}");
                    delivered(queue, "failed", 1);
                    if let Err(e) = queue.mark_failed(&self.db, id, &claim_token, &reason).await {
                        first_error.get_or_insert(e);
                    }
                }
            }
        }
        // The links must work when the emails arrive: their hashes are stored before any leaves. An invitation
        // whose claim was lost meanwhile (its lease ran out and another worker has it) is not sent here. Notices
        // have no link; their claim, made a moment ago, is guarded like every send by `send_by` below.
        for queue in [Queue::Learners, Queue::Admins] {
            let hashes: Vec<(i64, String)> = outgoing
                .iter()
                .filter(|o| o.queue == queue)
                .filter_map(|o| o.hash.clone().map(|hash| (o.id, hash)))
                .collect();
            if hashes.is_empty() {
                continue;
            }
            let held = queue.set_tokens(&self.db, &claim_token, &hashes, expires).await?;
            if held.len() < hashes.len() {
                outgoing.retain(|o| o.queue != queue || held.binary_search(&o.id).is_ok());
            }
        }
        // Sent on their own task, so the sends go on while the outcomes are written. The channel holds as many
        // outcomes as there are connections: when the database falls behind, the sends wait for it, so the
        // messages accepted by the SMTP server but not yet marked `sent` (sent again after a crash) stay a few
        // per connection.
        let at_once = self.mailer.connections().max(1);
        let (done, mut outcomes) = tokio::sync::mpsc::channel(at_once);
        let sender = tokio::spawn(self.clone().send_all(outgoing, at_once, now + lease / 2, done));
        while let Some(first) = outcomes.recv().await {
            let mut finished = vec![first];
            while let Ok(more) = outcomes.try_recv() {
                finished.push(more);
            }
            if let Err(e) = self.record(&claim_token, finished).await {
                first_error.get_or_insert(e);
            }
        }
        if let Err(e) = sender.await {
            tracing::error!(error = %e, "invitation delivery task failed");
        }
        first_error.map_or(Ok(n), Err)
    }
}
