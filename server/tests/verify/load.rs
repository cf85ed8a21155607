//! Load: admins confirming 250-row imports at once, for a while, on SQLite (one server) and on PostgreSQL (two
//! server processes behind one address). Nothing answers 5xx, no "database is locked", no user twice, and every
//! invitation queued is delivered once. Some rows of each round are the same for every admin, so the imports
//! also race for the same emails.

use std::collections::{HashMap, HashSet};
use std::time::{Duration, Instant};

use domain::{ConfirmAnswer, ConfirmRequest, Outcome, SubmittedRow};
use sea_orm::{ConnectionTrait, Statement};
use storage::testing::TestDb;

use crate::support::{balance, full, quantile_ms, recipients, sign_in, Server};

const PASSWORD: &str = "a load-test passphrase";
const ROWS: usize = 250;
/// Rows of each round every admin sends alike: they race for the same emails.
const SHARED_ROWS: usize = 10;

struct Scale {
    admins: usize,
    duration: Duration,
    /// Pause between an admin's confirms.
    think: Duration,
    /// One confirm in this many queues invitations (all of them would make the sink the bottleneck).
    invite_every: usize,
}

fn scale() -> Scale {
    if full() {
        Scale { admins: 20, duration: Duration::from_secs(120), think: Duration::from_millis(1500), invite_every: 20 }
    } else {
        Scale { admins: 3, duration: Duration::from_secs(4), think: Duration::from_millis(300), invite_every: 1000 }
    }
}

/// What one admin saw.
#[derive(Default)]
struct Seen {
    latencies: Vec<Duration>,
    statuses: HashMap<u16, usize>,
    created: usize,
    /// The emails created by imports that queued invitations.
    invited: Vec<String>,
}

fn request(admin: usize, round: usize, invite: bool) -> ConfirmRequest {
    let rows = (0..ROWS)
        .map(|r| {
            let email = if r < SHARED_ROWS {
                format!("shared-{round}-{r}@load.example")
            } else {
                format!("a{admin}-{round}-{r}@load.example")
            };
            SubmittedRow {
                row: r as u32 + 2,
                values: vec!["Ana".into(), "Roux".into(), email, String::new(), "FR".into(), "fr".into()],
                seen: None,
            }
        })
        .collect();
    ConfirmRequest {
        request_id: format!("load-{admin}-{round}"),
        file_name: "load.csv".into(),
        file_sha256: "0".repeat(64),
        rows,
        send_invitations: invite,
        ignore_errors: true,
        roster: Default::default(),
    }
}

async fn admin_loop(address: String, admin: usize, scale: &Scale) -> Seen {
    let client = reqwest::Client::new();
    let cookie = sign_in(&client, &address, &format!("admin{admin}@load.example"), PASSWORD).await;
    let deadline = Instant::now() + scale.duration;
    let mut seen = Seen::default();
    let mut round = 0;
    while Instant::now() < deadline {
        let invite = round % scale.invite_every == 0;
        let body = request(admin, round, invite);
        let start = Instant::now();
        let response = client
            .post(format!("{address}/api/confirm_import"))
            .header("origin", &address)
            .header("cookie", &cookie)
            .json(&serde_json::json!({ "request": body }))
            .send()
            .await
            .expect("an answer");
        let status = response.status().as_u16();
        let text = response.text().await.unwrap_or_default();
        seen.latencies.push(start.elapsed());
        *seen.statuses.entry(status).or_default() += 1;
        if status == 200 {
            let answer: ConfirmAnswer = serde_json::from_str(&text).expect("a confirm answer");
            for outcome in answer.rows.iter().filter(|o| o.outcome == Outcome::Created) {
                seen.created += 1;
                if invite {
                    seen.invited.push(body.rows[outcome.row as usize - 2].values[2].clone());
                }
            }
        } else {
            eprintln!("admin {admin} round {round}: {status} {text:.200}");
        }
        round += 1;
        tokio::time::sleep(scale.think).await;
    }
    seen
}

async fn count(db: &storage::DatabaseConnection, sql: &str) -> i64 {
    let row = db.query_one_raw(Statement::from_string(db.get_database_backend(), sql)).await.unwrap().unwrap();
    row.try_get("", "n").unwrap()
}

async fn run(t: TestDb, servers: usize) {
    let size = scale();
    for admin in 0..size.admins {
        service::auth::create_admin(&t.db, &format!("admin{admin}@load.example"), PASSWORD).await.unwrap();
    }
    let sink = delivery::testing::Sink::start();
    // The one address the admins use: the first server's own, or a balancer in front of all of them.
    let front = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let front_address = format!("http://{}", front.local_addr().unwrap());
    let mut settings = vec![("SMTP_URL", sink.url())];
    if servers > 1 {
        settings.push(("PUBLIC_URL", front_address.clone()));
    }
    let mut processes = Vec::new();
    for _ in 0..servers {
        processes.push(Server::start(&t.url, &settings).await);
    }
    let address = if servers > 1 {
        balance(front, processes.iter().map(|s| s.addr).collect());
        front_address
    } else {
        processes[0].address.clone()
    };

    let started = Instant::now();
    let admins: Vec<_> = (0..size.admins)
        .map(|admin| {
            let address = address.clone();
            tokio::spawn(async move { admin_loop(address, admin, &scale()).await })
        })
        .collect();
    let mut seen = Seen::default();
    for admin in admins {
        let one = admin.await.unwrap();
        seen.latencies.extend(one.latencies);
        for (status, n) in one.statuses {
            *seen.statuses.entry(status).or_default() += n;
        }
        seen.created += one.created;
        seen.invited.extend(one.invited);
    }
    let load_time = started.elapsed();
    seen.latencies.sort();
    let confirms = seen.latencies.len();

    // Every invitation queued is sent, then compared with what the SMTP server received.
    let expected: HashSet<String> = seen.invited.iter().cloned().collect();
    assert_eq!(expected.len(), seen.invited.len(), "an email was created twice");
    let delivery_started = Instant::now();
    let limit = if full() { Duration::from_secs(600) } else { Duration::from_secs(120) };
    loop {
        let unsent = count(&t.db, "SELECT COUNT(*) AS n FROM invitations WHERE state <> 'sent'").await;
        if unsent == 0 {
            break;
        }
        assert!(delivery_started.elapsed() < limit, "{:?}: {unsent} invitations still unsent", t.backend);
        tokio::time::sleep(Duration::from_millis(500)).await;
    }
    let delivery_time = delivery_started.elapsed();
    let received = recipients(&sink.dir);
    let mut times: HashMap<&str, usize> = HashMap::new();
    for to in &received {
        *times.entry(to.as_str()).or_default() += 1;
    }
    let logs: String = processes.iter().map(Server::log_text).collect();
    drop(processes);

    let users = count(&t.db, "SELECT COUNT(*) AS n FROM users").await;
    let distinct = count(&t.db, "SELECT COUNT(DISTINCT email_normalized) AS n FROM users").await;
    println!(
        "{:?}, {servers} server(s), {} admins for {:.0} s: {confirms} confirms ({:.1}/s), p50 {:.1} ms, p99 {:.1} ms, \
         statuses {:?}; {users} users; {} invitations delivered in {:.1} s after the load",
        t.backend,
        size.admins,
        load_time.as_secs_f64(),
        confirms as f64 / load_time.as_secs_f64(),
        quantile_ms(&seen.latencies, 0.5),
        quantile_ms(&seen.latencies, 0.99),
        seen.statuses,
        received.len(),
        delivery_time.as_secs_f64(),
    );
    assert!(confirms >= size.admins, "every admin confirmed at least once");
    assert!(seen.statuses.keys().all(|s| *s < 500), "{:?}: no server error: {:?}", t.backend, seen.statuses);
    assert!(!logs.contains("database is locked"), "{:?}: the log says the database was locked", t.backend);
    assert_eq!(users as usize, seen.created, "{:?}: every user the answers counted, and no other", t.backend);
    assert_eq!(distinct, users, "{:?}: no email twice", t.backend);
    assert_eq!(received.len(), expected.len(), "{:?}: one message per invitation", t.backend);
    assert!(times.values().all(|n| *n == 1), "{:?}: an invitation was delivered twice", t.backend);
    assert!(received.iter().all(|to| expected.contains(to)), "{:?}: a message to someone not invited", t.backend);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn admins_confirming_at_once_on_sqlite_lose_nothing_and_send_once() {
    run(storage::testing::sqlite().await, 1).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn admins_confirming_at_once_on_postgres_through_two_servers_lose_nothing_and_send_once() {
    if let Some(t) = storage::testing::postgres().await {
        run(t, 2).await;
    }
}
