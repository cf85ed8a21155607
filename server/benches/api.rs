//! The HTTP API and the export, through a real server on loopback, on SQLite and PostgreSQL (`TEST_POSTGRES_URL`,
//! started by `scripts/bench.sh`); see docs/benchmarks.md.
//!
//! - An API import of 250 rows (`POST /api/v1/imports`, the CSV as the body) against the browser's confirm of the
//!   same rows (`POST /api/confirm_import`, the rows as JSON), in turns, 15 runs each: goal, within 1.2×.
//! - The CSV export of a million users (`GET /users/export.csv`), read as a stream: users per second (goal 50,000
//!   or more) and how much the process's resident memory grows meanwhile (goal under 32 MB). `USERS=100000` for a
//!   smaller set.

use std::time::{Duration, Instant};

use futures_util::StreamExt;
use reqwest::{header, Client};
use server::configuration::Config;
use storage::testing::TestDb;

mod common;

const ROWS: usize = 250;
const RUNS: usize = 15;
const EMAIL: &str = "bench@example.com";
const PASSWORD: &str = "a-long-enough-password";

fn median(mut samples: Vec<Duration>) -> f64 {
    samples.sort();
    samples[samples.len() / 2].as_secs_f64() * 1e3
}

/// The app on a loopback port, on this database.
async fn spawn(t: &TestDb) -> String {
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.expect("a port");
    let addr = listener.local_addr().expect("address");
    let url = t.url.clone();
    let config = Config::from_lookup(move |name| match name {
        "DATABASE_URL" => Some(url.clone()),
        "LEPTOS_SITE_ADDR" => Some(addr.to_string()),
        _ => None,
    })
    .expect("config");
    let db = storage::connect(config.database_url()).await.expect("db");
    let router = server::startup::build_app(&config, db);
    tokio::spawn(async move {
        axum::serve(listener, router.into_make_service_with_connect_info::<std::net::SocketAddr>())
            .await
            .expect("serve");
    });
    format!("http://{addr}")
}

fn rows(run: usize, tag: &str) -> Vec<[String; 6]> {
    let first = ["Zoé", "Jean-Luc", "Anaïs", "Björn", "María", "O'Brien", "Chloé", "Łukasz"];
    (0..ROWS)
        .map(|i| {
            [
                first[i % 8].to_owned(),
                "Dupont".to_owned(),
                format!("{tag}{run}-{i}@example.com"),
                format!("{tag}{run}-{i}"),
                "FR".to_owned(),
                ["fr", "en", "de", "it"][i % 4].to_owned(),
            ]
        })
        .collect()
}

async fn session(client: &Client, base: &str) -> String {
    let response = client
        .post(format!("{base}/api/sign_in"))
        .header(header::ORIGIN, base)
        .form(&[("email", EMAIL), ("password", PASSWORD)])
        .send()
        .await
        .expect("sign in");
    response
        .headers()
        .get_all(header::SET_COOKIE)
        .iter()
        .filter_map(|v| v.to_str().ok()?.split(';').next())
        .find(|pair| pair.starts_with("session=") && pair.len() > 8)
        .expect("a session cookie")
        .to_owned()
}

async fn imports(t: &TestDb, base: &str, client: &Client) {
    let cookie = session(client, base).await;
    let admin = storage::admins::find_by_email(&t.db, EMAIL).await.expect("db").expect("admin").id;
    let token = service::tokens::create(&t.db, domain::Actor::admin(admin), "bench", None).await.expect("token").secret;
    let (mut browser, mut api) = (Vec::new(), Vec::new());
    for run in 0..RUNS {
        let body = serde_json::json!({ "request": {
            "request_id": format!("bench-{run}"),
            "file_name": "bench.csv",
            "file_sha256": "00".repeat(32),
            "rows": rows(run, "b").iter().enumerate().map(|(i, v)| serde_json::json!({"row": i + 2, "values": v})).collect::<Vec<_>>(),
            "send_invitations": true,
            "ignore_errors": false,
        }});
        let start = Instant::now();
        let response = client
            .post(format!("{base}/api/confirm_import"))
            .header(header::ORIGIN, base)
            .header(header::COOKIE, &cookie)
            .json(&body)
            .send()
            .await
            .expect("confirm");
        let answer: serde_json::Value = response.json().await.expect("json");
        browser.push(start.elapsed());
        assert_eq!(answer["created"], ROWS, "{answer}");

        let mut csv = String::from("firstname,lastname,email,identifier,country,language\n");
        for values in rows(run, "a") {
            csv.push_str(&values.join(","));
            csv.push('\n');
        }
        let start = Instant::now();
        let response = client
            .post(format!("{base}/api/v1/imports"))
            .bearer_auth(&token)
            .header(header::CONTENT_TYPE, "text/csv")
            .header("Idempotency-Key", format!("bench-{run}"))
            .body(csv)
            .send()
            .await
            .expect("api import");
        let answer: serde_json::Value = response.json().await.expect("json");
        api.push(start.elapsed());
        assert_eq!(answer["created"], ROWS, "{answer}");
    }
    let (browser, api) = (median(browser), median(api));
    println!(
        "{:?}: 250-row import, browser's confirm {browser:.2} ms, API {api:.2} ms, ratio {:.2} ({RUNS} runs each, medians)",
        t.backend,
        api / browser
    );
}

/// Resident memory now, and its peak since the last [`reset_peak`], in kB (Linux).
fn memory() -> (u64, u64) {
    let status = std::fs::read_to_string("/proc/self/status").unwrap_or_default();
    let field = |name: &str| {
        status
            .lines()
            .find(|l| l.starts_with(name))
            .and_then(|l| l.split_whitespace().nth(1))
            .and_then(|n| n.parse().ok())
            .unwrap_or(0)
    };
    (field("VmRSS:"), field("VmHWM:"))
}

fn reset_peak() {
    let _ = std::fs::write("/proc/self/clear_refs", "5");
}

async fn export(t: &TestDb, base: &str, client: &Client, count: usize) {
    let start = Instant::now();
    common::fill(t, count).await;
    println!("{:?}: {count} users written in {:.1} s", t.backend, start.elapsed().as_secs_f64());
    let cookie = session(client, base).await;
    for _ in 0..2 {
        reset_peak();
        let (before, _) = memory();
        let start = Instant::now();
        let response = client
            .get(format!("{base}/users/export.csv"))
            .header(header::COOKIE, &cookie)
            .send()
            .await
            .expect("export");
        let mut stream = response.bytes_stream();
        let (mut bytes, mut lines) = (0usize, 0usize);
        while let Some(chunk) = stream.next().await {
            let chunk = chunk.expect("a chunk");
            bytes += chunk.len();
            lines += chunk.iter().filter(|b| **b == b'\n').count();
        }
        let elapsed = start.elapsed().as_secs_f64();
        let (_, peak) = memory();
        let users = lines.saturating_sub(1);
        assert!(users >= count, "exported {users} of at least {count}");
        println!(
            "{:?}: export of {users} users, {:.1} MB in {elapsed:.2} s: {:.0} users/s; resident memory grew by {:.1} MB (peak {:.1} MB over {:.1} MB before)",
            t.backend,
            bytes as f64 / 1e6,
            users as f64 / elapsed,
            peak.saturating_sub(before) as f64 / 1024.0,
            peak as f64 / 1024.0,
            before as f64 / 1024.0,
        );
    }
}

#[tokio::main]
async fn main() {
    let count: usize = std::env::var("USERS").ok().and_then(|n| n.parse().ok()).unwrap_or(1_000_000);
    let client = Client::builder().build().expect("client");
    for t in storage::testing::all().await {
        service::auth::create_admin(&t.db, EMAIL, PASSWORD).await.expect("admin");
        let base = spawn(&t).await;
        imports(&t, &base, &client).await;
        export(&t, &base, &client, count).await;
    }
}
