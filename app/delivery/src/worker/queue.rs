//! The worker's three queues, the learners' invitations, the admins' and the account notices: what a claim holds
//! for each, and each step of the delivery on its own table (the statements themselves are `storage::queue`'s).

use chrono::{DateTime, Utc};
use storage::admin_invitations::AdminInvitation;
use storage::invitations;
use storage::notices::Notice;
use storage::queue::{self, Admins, Learners, Notices};
use storage::{DatabaseConnection, DbErr};

/// An email a worker has claimed, from one of the three queues. Not boxed: a worker holds one batch of them
/// (a few dozen), so the size difference between a learner's claim and an admin's costs nothing.
#[allow(clippy::large_enum_variant)]
pub(super) enum Claimed {
    Learner(invitations::Claimed),
    /// `inviter`: the inviting admin's email, named in the email.
    Admin {
        invitation: AdminInvitation,
        inviter: String,
    },
    /// A notice: no link, so no token.
    Notice(Notice),
}

impl Claimed {
    /// Its queue, its id there, and how many attempts it has had (this one included).
    pub fn key(&self) -> (Queue, i64, i32) {
        match self {
            Claimed::Learner(c) => (Queue::Learners, c.invitation.id, c.invitation.attempts),
            Claimed::Admin { invitation, .. } => (Queue::Admins, invitation.id, invitation.attempts),
            Claimed::Notice(notice) => (Queue::Notices, notice.id, notice.attempts),
        }
    }
}

/// The three delivery queues: the same steps, each on its own table.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum Queue {
    Learners,
    Admins,
    /// The account notices (an Active learner's email changed).
    Notices,
}

impl Queue {
    pub const ALL: [Queue; 3] = [Queue::Learners, Queue::Admins, Queue::Notices];

    pub fn name(self) -> &'static str {
        match self {
            Queue::Learners => "learners",
            Queue::Admins => "admins",
            Queue::Notices => "notices",
        }
    }

    /// Stores the batch's token hashes; returns the ids (ascending) whose claim still held. Notices carry no
    /// token: nothing is stored for them and their ids come back as given.
    pub async fn set_tokens(
        self,
        db: &DatabaseConnection,
        claim_token: &str,
        hashes: &[(i64, String)],
        expires: DateTime<Utc>,
    ) -> Result<Vec<i64>, DbErr> {
        let mut held = match self {
            Queue::Learners => queue::set_tokens::<Learners>(db, claim_token, hashes, expires).await?,
            Queue::Admins => queue::set_tokens::<Admins>(db, claim_token, hashes, expires).await?,
            Queue::Notices => hashes.iter().map(|(id, _)| *id).collect(),
        };
        held.sort_unstable();
        Ok(held)
    }

    pub async fn mark_sent_many(
        self,
        db: &DatabaseConnection,
        ids: &[i64],
        claim_token: &str,
        now: DateTime<Utc>,
    ) -> Result<u64, DbErr> {
        match self {
            Queue::Learners => queue::mark_sent_many::<Learners>(db, ids, claim_token, now).await,
            Queue::Admins => queue::mark_sent_many::<Admins>(db, ids, claim_token, now).await,
            Queue::Notices => queue::mark_sent_many::<Notices>(db, ids, claim_token, now).await,
        }
    }

    pub async fn mark_failed(
        self,
        db: &DatabaseConnection,
        id: i64,
        claim_token: &str,
        reason: &str,
    ) -> Result<(), DbErr> {
        match self {
            Queue::Learners => queue::mark_failed::<Learners>(db, id, claim_token, reason).await,
            Queue::Admins => queue::mark_failed::<Admins>(db, id, claim_token, reason).await,
            Queue::Notices => queue::mark_failed::<Notices>(db, id, claim_token, reason).await,
        }
    }

    pub async fn retry_later(
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
            Queue::Notices => queue::retry_later::<Notices>(db, id, claim_token, at, reason).await,
        }
    }
}

/// Counts outcomes for the operator's `/metrics` (`invitations_delivered_total{queue,result}`; `result` is `sent`,
/// `retried`, `deferred` or `failed`). Without a recorder installed (tests, the command line) it costs nothing.
pub(super) fn delivered(queue: Queue, result: &'static str, count: usize) {
    metrics::counter!("invitations_delivered_total", "queue" => queue.name(), "result" => result)
        .increment(count as u64);
}
