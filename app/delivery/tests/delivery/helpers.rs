//! What the delivery tests share: the workers' settings, an import that queues invitations, running workers until
//! the queue is empty, and reading what arrived.

use domain::InvitationState;
use std::collections::HashMap;
use std::time::{Duration as StdDuration, Instant};

use chrono::Duration;
use delivery::testing::{Received, TestClock};
use delivery::{DeliveryConfig, Worker};
use rules::ValidUser;
use sea_orm::EntityTrait;
use storage::entity::{admin_invitations, invitations, notices, users};
use storage::testing::TestDb;

pub fn config(clock: &TestClock) -> DeliveryConfig {
    let mut config = DeliveryConfig::new(
        "https://learn.example.com/",
        "Learners",
        "Learners portal <no-reply@learn.example.com>".parse().expect("from"),
    );
    config.backoff = Duration::milliseconds(50);
    config.poll = StdDuration::from_millis(50);
    config.lease = Duration::seconds(2);
    config.clock = clock.clock();
    config
}

/// Creates users and queues their invitations, as a confirmed import does. `who` is (firstname, email, language).
pub async fn import(db: &storage::DatabaseConnection, who: &[(&str, &str, &str)]) -> Vec<i64> {
    let new_users: Vec<ValidUser> = who
        .iter()
        .map(|(first, email, language)| {
            ValidUser::check([first, "Lefèvre", email, "", "", language]).expect("a valid learner")
        })
        .collect();
    storage::users::insert_many(db, &new_users, None).await.expect("users");
    let ids: Vec<i64> = users::Entity::find().all(db).await.expect("users").into_iter().map(|u| u.id).collect();
    storage::invitations::queue_many(db, &ids).await.expect("queue");
    ids
}

/// Runs `workers` until no email (of any queue: invitations, admin invitations, notices) is queued or being sent,
/// or the time is up. Between rounds
/// the clock moves on by a second: past the first retry delays of `config()`, and past a lease (2 s) in two rounds.
pub async fn drain(t: &TestDb, workers: &[Worker], clock: &TestClock, limit: StdDuration) {
    let start = Instant::now();
    loop {
        let waiting = |state: InvitationState| matches!(state, InvitationState::Queued | InvitationState::Sending);
        let learners = invitations::Entity::find().all(&t.db).await.expect("invitations");
        let admins = admin_invitations::Entity::find().all(&t.db).await.expect("admin invitations");
        let notices = notices::Entity::find().all(&t.db).await.expect("notices");
        let pending = learners.iter().filter(|i| waiting(i.state)).count()
            + admins.iter().filter(|i| waiting(i.state)).count()
            + notices.iter().filter(|n| waiting(n.state)).count();
        if pending == 0 {
            return;
        }
        assert!(start.elapsed() < limit, "{pending} emails still pending after {limit:?} ({:?})", t.backend);
        // Concurrently, so several workers really compete for the same queue.
        let runs: Vec<_> = workers.iter().cloned().map(|w| tokio::spawn(async move { w.run_once().await })).collect();
        for run in runs {
            if let Err(e) = run.await.expect("a worker task") {
                // SQLite may refuse a competing write at once; the worker tries again on its next round.
                assert!(e.to_string().contains("locked"), "{e}");
            }
        }
        clock.advance(Duration::seconds(1));
    }
}

pub fn per_recipient(messages: &[Received]) -> HashMap<String, usize> {
    let mut counts = HashMap::new();
    for m in messages {
        *counts.entry(m.envelope_to.clone()).or_default() += 1;
    }
    counts
}

/// Each of `recipients` received exactly one email, and nobody else received any.
pub fn assert_one_email_each(messages: &[Received], recipients: &[&str], t: &TestDb) {
    let expected: HashMap<String, usize> = recipients.iter().map(|r| (r.to_string(), 1)).collect();
    assert_eq!(per_recipient(messages), expected, "{:?}", t.backend);
}

pub async fn state_of(t: &TestDb) -> Vec<invitations::Model> {
    invitations::Entity::find().all(&t.db).await.expect("invitations")
}
