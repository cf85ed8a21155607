//! Invitation delivery against a real SMTP server on loopback (scripts/smtp-sink.py, Debian's aiosmtpd) and real
//! databases (SQLite and PostgreSQL): right language, right address, exactly once, through outages, crashes and
//! competing workers; permanent refusals recorded for the admin. The workers read a test clock: retry delays and
//! leases run out when a test moves it, never by waiting.

use domain::InvitationState;
use std::collections::HashMap;
use std::time::{Duration as StdDuration, Instant};

use chrono::Duration;
use delivery::testing::{free_port, temp_dir, Received, Sink, TestClock};
use delivery::{CancellationToken, DeliveryConfig, Mailer, Worker};
use rules::ValidUser;
use sea_orm::EntityTrait;
use storage::entity::{admin_invitations, invitations, users};
use storage::testing::TestDb;

fn config(clock: &TestClock) -> DeliveryConfig {
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
async fn import(db: &storage::DatabaseConnection, who: &[(&str, &str, &str)]) -> Vec<i64> {
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

/// Runs `workers` until no invitation (of either queue) is queued or being sent, or the time is up. Between rounds
/// the clock moves on by a second: past the first retry delays of `config()`, and past a lease (2 s) in two rounds.
async fn drain(t: &TestDb, workers: &[Worker], clock: &TestClock, limit: StdDuration) {
    let start = Instant::now();
    loop {
        let waiting = |state: InvitationState| matches!(state, InvitationState::Queued | InvitationState::Sending);
        let learners = invitations::Entity::find().all(&t.db).await.expect("invitations");
        let admins = admin_invitations::Entity::find().all(&t.db).await.expect("admin invitations");
        let pending =
            learners.iter().filter(|i| waiting(i.state)).count() + admins.iter().filter(|i| waiting(i.state)).count();
        if pending == 0 {
            return;
        }
        assert!(start.elapsed() < limit, "{pending} invitations still pending after {limit:?} ({:?})", t.backend);
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

fn per_recipient(messages: &[Received]) -> HashMap<String, usize> {
    let mut counts = HashMap::new();
    for m in messages {
        *counts.entry(m.envelope_to.clone()).or_default() += 1;
    }
    counts
}

async fn state_of(t: &TestDb) -> Vec<invitations::Model> {
    invitations::Entity::find().all(&t.db).await.expect("invitations")
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn each_user_gets_one_email_in_their_language_with_a_working_link() {
    for t in storage::testing::all().await {
        let sink = Sink::start();
        import(
            &t.db,
            &[
                ("Élodie", "elodie@example.fr", "fr"),
                ("Jonas", "jonas@example.de", "de"),
                ("Yuki", "yuki@example.jp", "ja"),
                ("Ann", "ann@example.org", "en"),
            ],
        )
        .await;
        let clock = TestClock::new();
        let worker = Worker::new(t.db.clone(), Mailer::smtp(&sink.url(), 4).expect("mailer"), config(&clock));
        drain(&t, &[worker], &clock, StdDuration::from_secs(30)).await;
        let messages = sink.messages();
        assert_eq!(messages.len(), 4, "{:?}", t.backend);
        let by_to: HashMap<&str, &Received> = messages.iter().map(|m| (m.envelope_to.as_str(), m)).collect();
        assert_eq!(by_to["elodie@example.fr"].subject, "Votre invitation à Learners");
        assert_eq!(by_to["jonas@example.de"].subject, "Ihre Einladung zu Learners");
        assert_eq!(by_to["yuki@example.jp"].subject, "Your invitation to Learners", "untranslated → English");
        assert!(by_to["elodie@example.fr"].text.starts_with("Bonjour Élodie Lefèvre,"));
        // The link's token is the one the database knows (by its hash), and it is in both bodies.
        for invitation in state_of(&t).await {
            assert_eq!(invitation.state, InvitationState::Sent, "{:?}", t.backend);
            let user = users::Entity::find_by_id(invitation.user_id).one(&t.db).await.expect("q").expect("user");
            let mail = by_to[user.email.as_str()];
            let token = mail
                .text
                .split("https://learn.example.com/invite/")
                .nth(1)
                .and_then(|rest| rest.split_whitespace().next())
                .expect("an accept link");
            assert_eq!(invitation.token_hash.as_deref(), Some(storage::tokens::hash_token(token).as_str()));
            assert!(mail.html.contains(&format!("https://learn.example.com/invite/{token}")));
            // Sent on the worker's clock, and the link works for seven days from then (the email says so).
            let sent_at = invitation.sent_at.expect("sent_at");
            assert!(sent_at >= clock.now() - Duration::seconds(1) && sent_at <= clock.now(), "{sent_at}");
            assert_eq!(invitation.token_expires_at.map(|at| (at - sent_at).num_days()), Some(7));
        }
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn with_smtp_down_invitations_wait_and_arrive_once_when_it_comes_back() {
    for t in storage::testing::all().await {
        let port = free_port();
        import(&t.db, &[("Ana", "ana@example.org", "pt"), ("Luc", "luc@example.org", "fr")]).await;
        let clock = TestClock::new();
        let smtp = Mailer::smtp(&format!("smtp://127.0.0.1:{port}"), 2).expect("mailer");
        let worker = Worker::new(t.db.clone(), smtp, config(&clock));
        for attempt in 1..=3 {
            assert_eq!(worker.run_once().await.expect("run"), 2, "attempt {attempt}: both are due");
            // Back in the queue after the backoff (50 ms) doubled at each attempt, times 0.5 to 1.5.
            let delay = Duration::milliseconds(50 * 2i64.pow(attempt - 1));
            for waiting in state_of(&t).await {
                assert_eq!((waiting.state, waiting.attempts), (InvitationState::Queued, attempt as i32));
                assert!(waiting.last_error.is_some(), "{waiting:?}");
                let wait = waiting.next_attempt_at - clock.now();
                assert!(wait >= delay / 2 && wait < delay * 3 / 2, "attempt {attempt}: retried after {wait}");
            }
            clock.advance(delay / 2 - Duration::milliseconds(1));
            assert_eq!(worker.run_once().await.expect("run"), 0, "attempt {attempt}: not retried before its delay");
            clock.advance(delay + Duration::milliseconds(1));
        }
        let sink = Sink::start_on(port, temp_dir("mail"));
        drain(&t, &[worker], &clock, StdDuration::from_secs(30)).await;
        assert_eq!(
            per_recipient(&sink.messages()),
            HashMap::from([("ana@example.org".to_owned(), 1), ("luc@example.org".to_owned(), 1)]),
            "{:?}",
            t.backend
        );
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_worker_that_dies_mid_delivery_loses_nothing() {
    for t in storage::testing::all().await {
        let sink = Sink::start();
        import(&t.db, &[("Ana", "ana@example.org", "en"), ("Luc", "luc@example.org", "en")]).await;
        let clock = TestClock::new();
        // A server killed right after claiming: its claims stay "sending" until the lease runs out.
        let lease = Duration::seconds(1);
        let claimed = storage::invitations::claim(&t.db, "dead-worker", clock.now(), lease, 10).await.expect("claim");
        assert_eq!(claimed.len(), 2);
        let worker = Worker::new(t.db.clone(), Mailer::smtp(&sink.url(), 2).expect("mailer"), config(&clock));
        assert_eq!(worker.run_once().await.expect("run"), 0, "a live claim is not taken over");
        clock.advance(lease);
        assert_eq!(worker.run_once().await.expect("run"), 0, "nor at the very end of its lease");
        clock.advance(Duration::milliseconds(1));
        assert_eq!(worker.run_once().await.expect("run"), 2, "taken over once the lease has run out");
        assert!(state_of(&t).await.iter().all(|i| i.state == InvitationState::Sent));
        // The dead worker coming back cannot touch what the new one did.
        let id = claimed[0].invitation.id;
        let stale = storage::queue::set_token::<storage::queue::Learners>(&t.db, id, "dead-worker", "x", clock.now())
            .await
            .expect("q");
        assert!(!stale, "a claim whose lease ran out is void");
        // Long after every lease, nothing is claimed or sent again.
        clock.advance(Duration::hours(2));
        assert_eq!(worker.run_once().await.expect("run"), 0);
        assert_eq!(
            per_recipient(&sink.messages()),
            HashMap::from([("ana@example.org".to_owned(), 1), ("luc@example.org".to_owned(), 1)]),
            "{:?}",
            t.backend
        );
    }
}

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
async fn a_permanent_refusal_is_recorded_and_resend_tries_again() {
    for t in storage::testing::all().await {
        let sink = Sink::start();
        import(&t.db, &[("Ana", "reject-ana@example.org", "en"), ("Luc", "luc@example.org", "en")]).await;
        let clock = TestClock::new();
        let worker = Worker::new(t.db.clone(), Mailer::smtp(&sink.url(), 2).expect("mailer"), config(&clock));
        drain(&t, std::slice::from_ref(&worker), &clock, StdDuration::from_secs(30)).await;
        let states = state_of(&t).await;
        let failed: Vec<_> = states.iter().filter(|i| i.state == InvitationState::Failed).collect();
        assert_eq!(failed.len(), 1, "{states:?}");
        assert_eq!(failed[0].attempts, 1, "a 5xx is not retried");
        assert!(failed[0].last_error.as_deref().unwrap_or_default().contains("550"), "{:?}", failed[0].last_error);
        // Resend: the admin's button queues it again; it is tried once more (and refused again here).
        let failed_users = storage::invitations::failed_user_ids(&t.db).await.expect("failed");
        assert_eq!(failed_users, vec![failed[0].user_id]);
        assert!(storage::invitations::requeue(&t.db, failed[0].user_id, Duration::zero()).await.expect("requeue"));
        drain(&t, std::slice::from_ref(&worker), &clock, StdDuration::from_secs(30)).await;
        let again = state_of(&t).await.into_iter().find(|i| i.id == failed[0].id).expect("row");
        assert_eq!((again.state, again.attempts), (InvitationState::Failed, 1));
        // Resending a delivered invitation sends a second email with a new link.
        let sent = states.iter().find(|i| i.state == InvitationState::Sent).expect("one sent");
        assert!(storage::invitations::requeue(&t.db, sent.user_id, Duration::zero()).await.expect("requeue"));
        drain(&t, std::slice::from_ref(&worker), &clock, StdDuration::from_secs(30)).await;
        assert_eq!(per_recipient(&sink.messages()).get("luc@example.org"), Some(&2), "{:?}", t.backend);
    }
}

#[tokio::test]
async fn without_smtp_emails_are_written_as_eml_files() {
    let t = storage::testing::sqlite().await;
    let dir = temp_dir("eml");
    import(&t.db, &[("Ana", "ana@example.org", "es")]).await;
    let clock = TestClock::new();
    let worker = Worker::new(t.db.clone(), Mailer::files(dir.clone()).expect("mailer"), config(&clock));
    drain(&t, &[worker], &clock, StdDuration::from_secs(30)).await;
    let files: Vec<_> = std::fs::read_dir(&dir).expect("dir").filter_map(|e| e.ok()).collect();
    assert_eq!(files.len(), 1);
    let bytes = std::fs::read(files[0].path()).expect("read");
    let parsed = mail_parser::MessageParser::default().parse(&bytes).expect("parse");
    assert_eq!(parsed.subject(), Some("Tu invitación a Learners"));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_cancelled_worker_finishes_the_invitations_under_way_and_stops() {
    for t in storage::testing::all().await {
        let sink = Sink::start();
        let who: Vec<(String, String)> = (0..40).map(|i| ("Léa".to_owned(), format!("stop{i}@example.org"))).collect();
        let rows: Vec<(&str, &str, &str)> = who.iter().map(|(f, e)| (f.as_str(), e.as_str(), "en")).collect();
        import(&t.db, &rows).await;
        let clock = TestClock::new();
        // Idle, these workers would wait an hour before looking again: only the cancellation can end that wait.
        let worker = || {
            let mut config = config(&clock);
            config.poll = StdDuration::from_secs(3600);
            Worker::new(t.db.clone(), Mailer::smtp(&sink.url(), 4).expect("mailer"), config)
        };
        let sent = || async { state_of(&t).await.iter().filter(|i| i.state == InvitationState::Sent).count() };

        // Cancelled in the middle of a batch: what it claimed is sent and recorded, the rest stays queued.
        let stop = CancellationToken::new();
        let running = tokio::spawn(worker().run(stop.clone()));
        let start = Instant::now();
        while sink.messages().is_empty() {
            assert!(start.elapsed() < StdDuration::from_secs(30), "{:?}: no email", t.backend);
            tokio::time::sleep(StdDuration::from_millis(5)).await;
        }
        stop.cancel();
        tokio::time::timeout(StdDuration::from_secs(30), running).await.expect("stopped").expect("the worker");
        let states = state_of(&t).await;
        assert!(states.iter().all(|i| i.state != InvitationState::Sending), "{:?}: {states:?}", t.backend);
        assert_eq!(per_recipient(&sink.messages()).len(), sent().await, "{:?}", t.backend);

        // Cancelled while idle, after delivering the rest: it stops at once.
        let stop = CancellationToken::new();
        let running = tokio::spawn(worker().run(stop.clone()));
        while sent().await < 40 {
            assert!(start.elapsed() < StdDuration::from_secs(60), "{:?}: not all sent", t.backend);
            tokio::time::sleep(StdDuration::from_millis(20)).await;
        }
        stop.cancel();
        tokio::time::timeout(StdDuration::from_secs(10), running).await.expect("stopped").expect("the worker");
        let counts = per_recipient(&sink.messages());
        assert_eq!(counts.len(), 40, "{:?}", t.backend);
        assert!(counts.values().all(|&n| n == 1), "{:?}: a duplicate", t.backend);
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
        assert_eq!(per_recipient(&messages), HashMap::from([("bob@example.de".to_owned(), 1)]), "{:?}", t.backend);
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

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_slow_recipient_delays_only_itself_and_a_worker_dropped_mid_send_leaves_each_invitation_to_be_sent_once() {
    for t in storage::testing::all().await {
        let mut rows: Vec<(String, String)> =
            (0..8).map(|i| ("Léa".to_owned(), format!("quick{i}@example.org"))).collect();
        rows.extend((0..2).map(|i| ("Léa".to_owned(), format!("slow{i}@example.org"))));
        let who: Vec<(&str, &str, &str)> = rows.iter().map(|(f, e)| (f.as_str(), e.as_str(), "en")).collect();
        import(&t.db, &who).await;
        let (port, dir) = (free_port(), temp_dir("stalling"));
        let clock = TestClock::new();
        // The slow recipients hold their connections past the send limit: the quick ones go through the others.
        let sink = Sink::start_stalling(port, dir.clone(), 3.0);
        let smtp = Mailer::smtp_with_timeout(&sink.url(), 4, StdDuration::from_millis(500)).expect("mailer");
        let worker = Worker::new(t.db.clone(), smtp, config(&clock));
        assert_eq!(worker.run_once().await.expect("run"), 10);
        let all = state_of(&t).await;
        let (quick, slow): (Vec<_>, Vec<_>) = all.iter().partition(|i| i.id <= all[7].id);
        assert!(quick.iter().all(|i| i.state == InvitationState::Sent), "{:?}: {quick:?}", t.backend);
        assert!(
            slow.iter().all(|i| (i.state, i.attempts) == (InvitationState::Queued, 1)),
            "{:?}: {slow:?}",
            t.backend
        );
        assert_eq!(per_recipient(&sink.messages()).len(), 8, "{:?}", t.backend);

        // The slow ones again, with a worker that dies (its task dropped) while the SMTP server stalls.
        clock.advance(Duration::minutes(5));
        let dying = Worker::new(t.db.clone(), Mailer::smtp(&sink.url(), 4).expect("mailer"), config(&clock));
        let running = tokio::spawn(async move { dying.run_once().await });
        let start = Instant::now();
        while !state_of(&t).await.iter().any(|i| i.state == InvitationState::Sending) {
            assert!(start.elapsed() < StdDuration::from_secs(10), "{:?}: never claimed", t.backend);
            tokio::time::sleep(StdDuration::from_millis(10)).await;
        }
        running.abort();
        drop(sink);
        let sink = Sink::start_stalling(port, dir, 0.0);
        // Once the lease (2 s in `config`) has run out, another worker sends each of them, once.
        clock.advance(Duration::seconds(3));
        let worker = Worker::new(t.db.clone(), Mailer::smtp(&sink.url(), 4).expect("mailer"), config(&clock));
        drain(&t, &[worker], &clock, StdDuration::from_secs(30)).await;
        let counts = per_recipient(&sink.messages());
        assert_eq!(counts.len(), 10, "{:?}: {counts:?}", t.backend);
        assert!(counts.values().all(|&n| n == 1), "{:?}: a duplicate: {counts:?}", t.backend);
    }
}
