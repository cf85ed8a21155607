//! Faults on the way out: the server killed while its worker waits on the SMTP server, and an SMTP server that
//! takes 30 seconds per command. Every invitation is delivered once, and a slow one delays only itself.

use std::process::Command;
use std::time::{Duration, Instant};

use delivery::testing::{free_port, temp_dir, Sink};
use domain::InvitationState;
use sea_orm::EntityTrait;
use storage::entity::invitations;
use storage::DatabaseConnection;

use crate::support::{full, recipients, Server};

/// Imports these learners with the command line (invitations queued, no server running yet).
fn import(url: &str, emails: &[String]) {
    let dir = temp_dir("import");
    let file = dir.join("learners.csv");
    let rows: String = emails.iter().map(|e| format!("Ana,Roux,{e},,,fr\n")).collect();
    std::fs::write(&file, format!("firstname,lastname,email,identifier,country,language\n{rows}")).unwrap();
    let output = Command::new(env!("CARGO_BIN_EXE_server"))
        .arg("import")
        .arg(&file)
        .env("DATABASE_URL", url)
        .env("ADMIN_EMAIL", "delivery@example.com")
        .env("RUST_LOG", "off")
        .output()
        .expect("server import");
    assert_eq!(output.status.code(), Some(0), "{}", String::from_utf8_lossy(&output.stderr));
}

/// The invitations in the order of the file's rows (they are queued in that order).
async fn states(db: &DatabaseConnection) -> Vec<invitations::Model> {
    let mut all = invitations::Entity::find().all(db).await.expect("invitations");
    all.sort_by_key(|i| i.id);
    all
}

async fn wait_until(what: &str, limit: Duration, mut done: impl AsyncFnMut() -> bool) {
    let start = Instant::now();
    while !done().await {
        assert!(start.elapsed() < limit, "waited {limit:?} for {what}");
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_server_killed_while_the_smtp_server_stalls_sends_each_invitation_once_after_a_restart() {
    for t in storage::testing::all().await {
        storage::admins::create(&t.db, "delivery@example.com", "delivery@example.com", "x").await.unwrap();
        let emails: Vec<String> = (0..10).map(|i| format!("slow{i}@example.org")).collect();
        import(&t.url, &emails);
        let (port, dir) = (free_port(), temp_dir("stalled-sink"));
        let sink = Sink::start_stalling(port, dir.clone(), 30.0);
        let settings = [("SMTP_URL", sink.url()), ("INVITATION_LEASE_SECONDS", "2".to_owned())];
        let mut server = Server::start(&t.url, &settings).await;
        // Every invitation claimed, every send waiting on the SMTP server: then the power goes.
        wait_until("the claims", Duration::from_secs(30), async || {
            states(&t.db).await.iter().all(|i| i.state == InvitationState::Sending)
        })
        .await;
        server.kill();
        drop(sink);
        assert!(recipients(&dir).is_empty(), "{:?}: nothing was accepted before the crash", t.backend);

        // The SMTP server recovers, a server starts again: the dead worker's claims run out and are sent.
        let sink = Sink::start_stalling(port, dir.clone(), 0.0);
        let _server = Server::start(&t.url, &settings).await;
        wait_until("every invitation sent", Duration::from_secs(60), async || {
            states(&t.db).await.iter().all(|i| i.state == InvitationState::Sent)
        })
        .await;
        let mut received = recipients(&sink.dir);
        received.sort();
        let mut expected = emails.clone();
        expected.sort();
        assert_eq!(received, expected, "{:?}: each invitation once", t.backend);
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_slow_smtp_server_delays_only_its_own_invitations_and_they_are_retried_later() {
    // `make verify`: 30 s per command against the default 20 s limit; the smoke scales both down.
    let (stall, timeout) = if full() { (30.0, "20") } else { (3.0, "1") };
    for t in storage::testing::all().await {
        storage::admins::create(&t.db, "delivery@example.com", "delivery@example.com", "x").await.unwrap();
        let mut emails: Vec<String> = (0..8).map(|i| format!("quick{i}@example.org")).collect();
        emails.extend((0..2).map(|i| format!("slow{i}@example.org")));
        import(&t.url, &emails);
        let sink = Sink::start_stalling(free_port(), temp_dir("slow-sink"), stall);
        let settings = [("SMTP_URL", sink.url()), ("SMTP_TIMEOUT_SECONDS", timeout.to_owned())];
        let server = Server::start(&t.url, &settings).await;
        let client = reqwest::Client::new();
        wait_until("the quick ones sent and the slow ones given up for now", Duration::from_secs(120), async || {
            let healthy = client.get(format!("{}/healthz", server.address)).send().await;
            assert!(healthy.is_ok_and(|r| r.status().is_success()), "the server keeps answering");
            let all = states(&t.db).await;
            let quick = all.iter().take(8).all(|i| i.state == InvitationState::Sent);
            let slow = all.iter().skip(8).all(|i| i.state == InvitationState::Queued && i.attempts == 1);
            quick && slow
        })
        .await;
        let all = states(&t.db).await;
        for slow in all.iter().skip(8) {
            assert!(slow.last_error.as_deref().is_some_and(|e| !e.is_empty()), "{:?}: {slow:?}", t.backend);
            assert!(slow.next_attempt_at > chrono::Utc::now(), "retried later, not at once: {slow:?}");
        }
        let mut received = recipients(&sink.dir);
        received.sort();
        let mut quick: Vec<String> = emails[..8].to_vec();
        quick.sort();
        assert_eq!(received, quick, "{:?}: the quick ones once, the slow ones not yet", t.backend);
    }
}
