//! Competing workers on one database: the learners' and the admins' queues, each invitation sent once.

use domain::InvitationState;
use std::time::{Duration as StdDuration, Instant};

use chrono::Duration;
use delivery::testing::{free_port, temp_dir, Sink, TestClock};
use delivery::{Mailer, Worker};
use sea_orm::EntityTrait;
use storage::entity::admin_invitations;

use crate::helpers::*;

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn two_workers_on_one_database_deliver_250_invitations_once_each() {
    for t in storage::testing::all().await {
        let sink = Sink::start();
        let who: Vec<(String, String)> =
            (0..250).map(|i| ("Léa".to_owned(), format!("learner{i}@example.org"))).collect();
        let rows: Vec<(&str, &str, &str)> = who.iter().map(|(f, e)| (f.as_str(), e.as_str(), "en")).collect();
        import(&t.db, &rows).await;
        // Two workers with their own connection pools, as two server instances would have.
        let second_db = storage::connect(&t.url).await.expect("second connection");
        let clock = TestClock::new();
        let a = Worker::new(t.db.clone(), Mailer::smtp(&sink.url(), 4).expect("mailer"), config(&clock));
        let b = Worker::new(second_db, Mailer::smtp(&sink.url(), 4).expect("mailer"), config(&clock));
        let start = Instant::now();
        drain(&t, &[a, b], &clock, StdDuration::from_secs(120)).await;
        let elapsed = start.elapsed();
        let counts = per_recipient(&sink.messages());
        assert_eq!(counts.len(), 250, "{:?}", t.backend);
        assert!(counts.values().all(|&n| n == 1), "{:?}: a duplicate", t.backend);
        eprintln!("{:?}: 250 invitations delivered by two workers in {elapsed:?}", t.backend);
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_admin_invitation_is_sent_once_in_the_inviters_language_through_an_outage_and_competing_workers() {
    for t in storage::testing::all().await {
        let ada = storage::admins::create(&t.db, "ada@school.example", "ada@school.example", "x").await.expect("admin");
        let new = storage::admin_invitations::NewInvitation {
            email: "bob@example.de",
            email_normalized: "bob@example.de",
            language: "de",
            invited_by: ada.id,
        };
        storage::admin_invitations::insert(&t.db, new, chrono::Utc::now()).await.expect("invited");
        let clock = TestClock::new();
        // The mail server is down: a temporary failure, back in the queue with its reason.
        let port = free_port();
        let down =
            Worker::new(t.db.clone(), Mailer::smtp(&format!("smtp://127.0.0.1:{port}"), 2).expect("m"), config(&clock));
        assert_eq!(down.run_once().await.expect("run"), 1, "{:?}", t.backend);
        let waiting = admin_invitations::Entity::find().one(&t.db).await.expect("q").expect("the invitation");
        assert_eq!((waiting.state, waiting.attempts), (InvitationState::Queued, 1));
        assert!(waiting.last_error.is_some());
        assert!(waiting.sent_at.is_none());

        // It comes back; two workers compete for the queue.
        let sink = Sink::start_on(port, temp_dir("mail"));
        let workers: Vec<Worker> = (0..2)
            .map(|_| Worker::new(t.db.clone(), Mailer::smtp(&sink.url(), 2).expect("mailer"), config(&clock)))
            .collect();
        clock.advance(Duration::seconds(1));
        drain(&t, &workers, &clock, StdDuration::from_secs(30)).await;
        let messages = sink.messages();
        assert_one_email_each(&messages, &["bob@example.de"], &t);
        let mail = &messages[0];
        assert_eq!(mail.subject, "Einladung zur Verwaltung von Learners");
        assert!(mail.text.contains("ada@school.example lädt Sie ein"), "{}", mail.text);
        let token = mail
            .text
            .split("https://learn.example.com/admin-invite/")
            .nth(1)
            .and_then(|rest| rest.split_whitespace().next())
            .expect("an accept link");
        assert!(mail.html.contains(&format!("https://learn.example.com/admin-invite/{token}")));
        let sent = admin_invitations::Entity::find().one(&t.db).await.expect("q").expect("the invitation");
        assert_eq!(sent.state, InvitationState::Sent);
        assert_eq!(sent.token_hash.as_deref(), Some(storage::tokens::hash_token(token).as_str()), "the link works");
        let sent_at = sent.sent_at.expect("sent_at");
        assert_eq!(sent.token_expires_at.map(|at| (at - sent_at).num_days()), Some(7));
        // Nothing more goes out later.
        clock.advance(Duration::hours(1));
        assert_eq!(workers[0].run_once().await.expect("run"), 0);
        assert_eq!(sink.messages().len(), 1);
    }
}
