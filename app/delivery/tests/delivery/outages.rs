//! Outages and crashes: an SMTP server down, a worker dying or cancelled mid-batch, a slow recipient; every
//! invitation still arrives, once.

use domain::InvitationState;
use std::time::{Duration as StdDuration, Instant};

use chrono::Duration;
use delivery::testing::{free_port, temp_dir, Sink, TestClock};
use delivery::{CancellationToken, Mailer, Worker};

use crate::helpers::*;

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
        assert_one_email_each(&sink.messages(), &["ana@example.org", "luc@example.org"], &t);
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
        assert_one_email_each(&sink.messages(), &["ana@example.org", "luc@example.org"], &t);
    }
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
