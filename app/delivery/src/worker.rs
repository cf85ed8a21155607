//! The delivery worker: claims due invitations from the database in batches (the learners' queue and the admins'
//! queue, the same steps on each), sends them through the mailer over all its connections at once, and records
//! the outcomes. Several workers (in one server or in several instances on one PostgreSQL) share the queues
//! safely: a claim is exclusive until its lease runs out.
//!
//! Never lost: invitations are queued in the import's own transaction, and one claimed by a worker that dies is
//! taken over when its lease runs out. At most one duplicate each: the only window is between the SMTP server's
//! acceptance of a message and the `sent` update that follows (one UPDATE for the sends that finished together,
//! never more than a few per connection); a crash exactly there sends those invitations again after the lease.

use std::sync::Arc;
use std::time::Duration as StdDuration;

use chrono::{DateTime, Duration, Utc};
use futures_util::stream::{self, StreamExt};
use lettre::message::{header::ContentType, Mailbox, MultiPart, SinglePart};
use lettre::Message;
use rand::Rng;
use storage::admin_invitations::{self, AdminInvitation};
use storage::invitations;
use storage::queue::{self, Admins, Learners};
use storage::{DatabaseConnection, DbErr};
use tokio_util::sync::CancellationToken;

use crate::mailer::{Mailer, SendError};
use crate::templates::{self, Invitation};

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

    /// Claims one batch of due invitations of each queue (learners', admins') and delivers them; returns how
    /// many were claimed.
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
            };
            match message {
                Ok(message) => {
                    let hash = storage::tokens::hash_token(&token);
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
        // whose claim was lost meanwhile (its lease ran out and another worker has it) is not sent here.
        for queue in [Queue::Learners, Queue::Admins] {
            let hashes: Vec<(i64, String)> =
                outgoing.iter().filter(|o| o.queue == queue).map(|o| (o.id, o.hash.clone())).collect();
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

    /// Sends `outgoing`, `at_once` at a time (the mailer's connections: its pool keeps at most that many, so more
    /// sends at once would open connections only to close them after one message), and reports each outcome on
    /// `done` as soon as it is known. A send not started by `send_by` (half the lease) is not started at all: with
    /// a slow SMTP server the sends queued behind the slow ones could otherwise outlive the lease, and another
    /// worker, taking the invitation over, send it a second time. Started in time, a send ends before the lease
    /// as long as `SMTP_TIMEOUT_SECONDS` is under half of it (20 s of 120 by default).
    async fn send_all(
        self,
        outgoing: Vec<Outgoing>,
        at_once: usize,
        send_by: DateTime<Utc>,
        done: tokio::sync::mpsc::Sender<(Key, Outcome)>,
    ) {
        stream::iter(outgoing)
            .map(|o| {
                let worker = &self;
                async move {
                    let key = Key { queue: o.queue, id: o.id, attempts: o.attempts };
                    if worker.config.clock.now() > send_by {
                        return (key, Outcome::NotStarted);
                    }
                    (key, Outcome::Sent(worker.mailer.send(o.message).await))
                }
            })
            .buffer_unordered(at_once)
            .for_each(|outcome| {
                let done = done.clone();
                async move {
                    // The receiver lives until every outcome is in: it cannot be gone here.
                    let _ = done.send(outcome).await;
                }
            })
            .await;
    }

    /// Writes the outcomes of finished sends: one UPDATE per queue for all those sent, one per invitation for
    /// the (rarer) failures.
    async fn record(&self, claim_token: &str, finished: Vec<(Key, Outcome)>) -> Result<(), DbErr> {
        let now = self.config.clock.now();
        let mut first_error = None;
        let mut sent: Vec<(Queue, i64)> = Vec::new();
        for (Key { queue, id, attempts }, outcome) in finished {
            let written = match outcome {
                Outcome::Sent(Ok(())) => {
                    sent.push((queue, id));
                    Ok(())
                }
                Outcome::NotStarted => {
                    delivered(queue, "deferred", 1);
                    tracing::info!(invitation = id, queue = queue.name(), "invitation left for a later round");
                    queue
                        .retry_later(&self.db, id, claim_token, now, "not sent in time: the SMTP server was slow")
                        .await
                }
                Outcome::Sent(Err(SendError::Permanent(reason))) => {
                    delivered(queue, "failed", 1);
                    tracing::warn!(invitation = id, queue = queue.name(), %reason, "invitation refused by the mail server");
                    queue.mark_failed(&self.db, id, claim_token, &reason).await
                }
                Outcome::Sent(Err(SendError::Temporary(reason))) if attempts >= self.config.max_attempts => {
                    delivered(queue, "failed", 1);
                    tracing::warn!(invitation = id, queue = queue.name(), %reason, "invitation failed after every attempt");
                    queue.mark_failed(&self.db, id, claim_token, &reason).await
                }
                Outcome::Sent(Err(SendError::Temporary(reason))) => {
                    delivered(queue, "retried", 1);
                    let at = now + retry_delay(self.config.backoff, attempts);
                    let queue_name = queue.name();
                    tracing::info!(invitation = id, queue = queue_name, %reason, retry_at = %at, "invitation will be retried");
                    queue.retry_later(&self.db, id, claim_token, at, &reason).await
                }
            };
            if let Err(e) = written {
                first_error.get_or_insert(e);
            }
        }
        for queue in [Queue::Learners, Queue::Admins] {
            let ids: Vec<i64> = sent.iter().filter(|(q, _)| *q == queue).map(|(_, id)| *id).collect();
            if ids.is_empty() {
                continue;
            }
            match queue.mark_sent_many(&self.db, &ids, claim_token, now).await {
                Ok(_) => {
                    delivered(queue, "sent", ids.len());
                    tracing::info!(count = ids.len(), queue = queue.name(), first = ids[0], "invitations sent")
                }
                Err(e) => {
                    first_error.get_or_insert(e);
                }
            }
        }
        first_error.map_or(Ok(()), Err)
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

/// An invitation ready to leave: its link's token hash (stored before the send) and its message.
struct Outgoing {
    queue: Queue,
    id: i64,
    attempts: i32,
    hash: String,
    message: Message,
}

/// Which invitation a send was for: its queue, its id there, and its attempts so far (this one included).
#[derive(Clone, Copy, Debug)]
struct Key {
    queue: Queue,
    id: i64,
    attempts: i32,
}

/// How a send ended.
enum Outcome {
    Sent(Result<(), SendError>),
    /// Too late in the lease to start it: back to the queue for a later round, not counted as a failure.
    NotStarted,
}

/// The two delivery queues: the same steps, each on its own table.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
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

    /// Stores the batch's token hashes; returns the ids (ascending) whose claim still held.
    async fn set_tokens(
        self,
        db: &DatabaseConnection,
        claim_token: &str,
        hashes: &[(i64, String)],
        expires: DateTime<Utc>,
    ) -> Result<Vec<i64>, DbErr> {
        let mut held = match self {
            Queue::Learners => queue::set_tokens::<Learners>(db, claim_token, hashes, expires).await?,
            Queue::Admins => queue::set_tokens::<Admins>(db, claim_token, hashes, expires).await?,
        };
        held.sort_unstable();
        Ok(held)
    }

    async fn mark_sent_many(
        self,
        db: &DatabaseConnection,
        ids: &[i64],
        claim_token: &str,
        now: DateTime<Utc>,
    ) -> Result<u64, DbErr> {
        match self {
            Queue::Learners => queue::mark_sent_many::<Learners>(db, ids, claim_token, now).await,
            Queue::Admins => queue::mark_sent_many::<Admins>(db, ids, claim_token, now).await,
        }
    }

    async fn mark_failed(self, db: &DatabaseConnection, id: i64, claim_token: &str, reason: &str) -> Result<(), DbErr> {
        match self {
            Queue::Learners => queue::mark_failed::<Learners>(db, id, claim_token, reason).await,
            Queue::Admins => queue::mark_failed::<Admins>(db, id, claim_token, reason).await,
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
            Queue::Learners => queue::retry_later::<Learners>(db, id, claim_token, at, reason).await,
            Queue::Admins => queue::retry_later::<Admins>(db, id, claim_token, at, reason).await,
        }
    }
}

/// Counts outcomes for the operator's `/metrics` (`invitations_delivered_total{queue,result}`; `result` is `sent`,
/// `retried`, `deferred` or `failed`). Without a recorder installed (tests, the command line) it costs nothing.
fn delivered(queue: Queue, result: &'static str, count: usize) {
    metrics::counter!("invitations_delivered_total", "queue" => queue.name(), "result" => result)
        .increment(count as u64);
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
