//! A batch's sends and what is written after them: the messages leave over all the mailer's connections at once,
//! and each outcome (sent, to retry, failed, left for later) is recorded as soon as it is known.

use chrono::{DateTime, Duration, Utc};
use futures_util::stream::{self, StreamExt};
use lettre::Message;
use rand::Rng;
use storage::DbErr;

use super::queue::{delivered, Queue};
use super::Worker;
use crate::mailer::SendError;

impl Worker {
    /// Sends `outgoing`, `at_once` at a time (the mailer's connections: its pool keeps at most that many, so more
    /// sends at once would open connections only to close them after one message), and reports each outcome on
    /// `done` as soon as it is known. A send not started by `send_by` (half the lease) is not started at all: with
    /// a slow SMTP server the sends queued behind the slow ones could otherwise outlive the lease, and another
    /// worker, taking the invitation over, send it a second time. Started in time, a send ends before the lease
    /// as long as `SMTP_TIMEOUT_SECONDS` is under half of it (20 s of 120 by default).
    pub(super) async fn send_all(
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
    pub(super) async fn record(&self, claim_token: &str, finished: Vec<(Key, Outcome)>) -> Result<(), DbErr> {
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
        for queue in Queue::ALL {
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
}

/// An email ready to leave: an invitation's link's token hash (stored before the send; a notice has none) and its
/// message.
pub(super) struct Outgoing {
    pub queue: Queue,
    pub id: i64,
    pub attempts: i32,
    pub hash: Option<String>,
    pub message: Message,
}

/// Which invitation a send was for: its queue, its id there, and its attempts so far (this one included).
#[derive(Clone, Copy, Debug)]
pub(super) struct Key {
    queue: Queue,
    id: i64,
    attempts: i32,
}

/// How a send ended.
pub(super) enum Outcome {
    Sent(Result<(), SendError>),
    /// Too late in the lease to start it: back to the queue for a later round, not counted as a failure.
    NotStarted,
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
