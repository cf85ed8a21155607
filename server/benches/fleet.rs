//! The server as operators run it: release server processes (the `server` binary) on one PostgreSQL, driven over
//! HTTP by concurrent admins. Measures the resident memory of one process (idle, after 1,000 imports, while ten
//! 100 MB uploads are refused at once, while 300 sign-ins arrive at once), then 20 admins importing 250-row files
//! for a minute against one process and against two (the load client uses the two addresses in turn): imports per
//! second, errors, duplicate users, and every invitation sent exactly once to the loopback SMTP sink.
//! Needs `TEST_POSTGRES_URL` (started by `scripts/bench.sh`). Records benchkit rows; asserts nothing about time.

use std::collections::HashMap;
use std::process::{Child, Command, Stdio};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Arc;
use std::time::{Duration, Instant};

use benchkit::{Figure, Goal, Row};
use delivery::testing::{free_port, temp_dir, Sink};
use reqwest::{header, Client};
use sea_orm::{ConnectionTrait, DbBackend, Statement};
use serde_json::json;
use storage::testing::TestDb;

const ADMINS: usize = 20;
const PASSWORD: &str = "a-long-enough-bench-password";
const MEMORY: &str = "Memory of one server process";
const FLEET: &str = "More than one server process";
const METRICS_TOKEN: &str = "bench-metrics-token-0123456789";

/// One `server` process, stopped when dropped.
struct Server {
    child: Child,
    base: String,
}

impl Server {
    async fn start(db_url: &str, smtp_url: &str) -> Server {
        let port = free_port();
        let child = Command::new(env!("CARGO_BIN_EXE_server"))
            .env("DATABASE_URL", db_url)
            .env("LEPTOS_SITE_ADDR", format!("127.0.0.1:{port}"))
            .env("SMTP_URL", smtp_url)
            .env("METRICS_TOKEN", METRICS_TOKEN)
            .env("RUST_LOG", "warn")
            .stdout(Stdio::null())
            .spawn()
            .expect("start the server binary");
        // Owned by `Server` at once, so its `Drop` stops the process on every path, the panic below included.
        let server = Server { child, base: format!("http://127.0.0.1:{port}") };
        let client = Client::new();
        for _ in 0..300 {
            let healthz = client.get(format!("{}/healthz", server.base)).send().await;
            if healthz.is_ok_and(|r| r.status().is_success()) {
                return server;
            }
            tokio::time::sleep(Duration::from_millis(100)).await;
        }
        panic!("the server did not answer /healthz within 30 s");
    }

    /// Resident memory now and its peak since the last reset, in MB.
    fn memory(&self) -> (f64, f64) {
        let status = std::fs::read_to_string(format!("/proc/{}/status", self.child.id())).unwrap_or_default();
        let field = |name: &str| -> f64 {
            status
                .lines()
                .find(|l| l.starts_with(name))
                .and_then(|l| l.split_whitespace().nth(1))
                .and_then(|n| n.parse::<f64>().ok())
                .unwrap_or(f64::NAN)
                / 1024.0
        };
        (field("VmRSS:"), field("VmHWM:"))
    }

    /// How far the resident memory rose above its level at the start while `burst` ran, in MB, and the burst's
    /// outcome.
    async fn peak_during<T>(&self, burst: impl std::future::Future<Output = T>) -> (f64, T) {
        self.reset_peak();
        let (before, _) = self.memory();
        let outcome = burst.await;
        let (_, peak) = self.memory();
        (peak - before, outcome)
    }

    /// Makes the peak start again from the current resident size (Linux's `clear_refs`, value 5).
    fn reset_peak(&self) {
        let _ = std::fs::write(format!("/proc/{}/clear_refs", self.child.id()), "5");
    }
}

/// The sum over the servers of the samples of `name` whose labels contain `labels`, read from their `/metrics`:
/// the figures the server itself counted, as Prometheus would see them.
async fn metric(servers: &[Server], name: &str, labels: &str) -> f64 {
    let mut total = 0.0;
    for server in servers {
        let text = Client::new()
            .get(format!("{}/metrics", server.base))
            .bearer_auth(METRICS_TOKEN)
            .send()
            .await
            .expect("/metrics")
            .text()
            .await
            .unwrap_or_default();
        total += text
            .lines()
            .filter(|l| l.starts_with(name) && l[name.len()..].starts_with(['{', ' ']) && l.contains(labels))
            .filter_map(|l| l.rsplit(' ').next()?.parse::<f64>().ok())
            .sum::<f64>();
    }
    total
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

fn admin_email(i: usize) -> String {
    format!("load-admin{i}@bench.example.org")
}

/// Signs in over HTTP and returns the session cookie.
async fn sign_in(client: &Client, base: &str, email: &str) -> Result<String, String> {
    let response = client
        .post(format!("{base}/api/sign_in"))
        .header(header::ORIGIN, base)
        .header(header::ACCEPT, "application/json")
        .form(&[("email", email), ("password", PASSWORD)])
        .send()
        .await
        .map_err(|e| e.to_string())?;
    let status = response.status();
    response
        .headers()
        .get_all(header::SET_COOKIE)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .find(|v| v.starts_with("session=") && !v.starts_with("session=;"))
        .map(|v| v.split(';').next().unwrap_or_default().to_owned())
        .ok_or_else(|| format!("sign-in answered {status}"))
}

/// Confirms one 250-row import through the server function the browser calls.
async fn import(client: &Client, base: &str, cookie: &str, tag: &str, invite: bool) -> Result<(), String> {
    let rows: Vec<_> = (0..250)
        .map(|i| {
            json!({"row": i + 2, "values": [
                "Zoé", "Dupont", format!("{tag}-{i}@load.example.org"), format!("{tag}-{i}"), "FR", "fr"
            ]})
        })
        .collect();
    let request = json!({"request": {
        "request_id": tag, "file_name": "load.csv", "file_sha256": "ab".repeat(32), "rows": rows,
        "send_invitations": invite, "ignore_errors": false,
    }});
    let response = client
        .post(format!("{base}/api/confirm_import"))
        .header(header::ORIGIN, base)
        .header(header::COOKIE, cookie)
        .json(&request)
        .send()
        .await
        .map_err(|e| e.to_string())?;
    let status = response.status();
    let answer: serde_json::Value = response.json().await.map_err(|e| format!("{status}: {e}"))?;
    if answer["imported"] == true && answer["created"] == 250 {
        Ok(())
    } else {
        Err(format!("{status}: {}", answer.to_string().chars().take(200).collect::<String>()))
    }
}

struct LoadOutcome {
    imports: usize,
    /// Imports per second in each fifth of the budget: the spread of the rate over the minute.
    window_rates: Vec<f64>,
    errors: usize,
    first_errors: Vec<String>,
    elapsed: f64,
}

/// `ADMINS` admins import until `budget` is spent (or `limit` imports are done), admin `i` on `bases[i % n]`.
/// Every `invite_every`-th import asks for invitations (none when `None`).
async fn load(bases: &[String], run: &str, budget: Duration, limit: usize, invite_every: Option<usize>) -> LoadOutcome {
    let done = Arc::new(AtomicUsize::new(0));
    let completed = Arc::new(AtomicUsize::new(0));
    let errors = Arc::new(std::sync::Mutex::new(Vec::new()));
    let start = Instant::now();
    let sampler = {
        let completed = completed.clone();
        tokio::spawn(async move {
            let window = budget / 5;
            let mut rates = Vec::new();
            let mut last = 0;
            for _ in 0..5 {
                tokio::time::sleep(window).await;
                let now = completed.load(Ordering::Acquire);
                rates.push((now - last) as f64 / window.as_secs_f64());
                last = now;
            }
            rates
        })
    };
    let tasks: Vec<_> = (0..ADMINS)
        .map(|i| {
            let (base, run) = (bases[i % bases.len()].clone(), run.to_owned());
            let (done, completed, errors) = (done.clone(), completed.clone(), errors.clone());
            tokio::spawn(async move {
                let client = Client::new();
                let cookie = match sign_in(&client, &base, &admin_email(i)).await {
                    Ok(cookie) => cookie,
                    Err(e) => return errors.lock().expect("errors").push(e),
                };
                let mut n = 0;
                while start.elapsed() < budget {
                    let ticket = done.fetch_add(1, Ordering::AcqRel);
                    if ticket >= limit {
                        break;
                    }
                    let tag = format!("{run}-a{i}-{n}");
                    let invite = invite_every.is_some_and(|every| ticket % every == 0);
                    match import(&client, &base, &cookie, &tag, invite).await {
                        Ok(()) => _ = completed.fetch_add(1, Ordering::AcqRel),
                        Err(e) => errors.lock().expect("errors").push(e),
                    }
                    n += 1;
                }
            })
        })
        .collect();
    for task in tasks {
        task.await.expect("a load task");
    }
    let elapsed = start.elapsed().as_secs_f64();
    // A load stopped by its `limit` ends before the windows do: its windows are not waited for.
    let window_rates = if elapsed >= budget.as_secs_f64() {
        sampler.await.expect("the sampler")
    } else {
        sampler.abort();
        Vec::new()
    };
    let errors = errors.lock().expect("errors").clone();
    let imports = done.load(Ordering::Acquire).min(limit).saturating_sub(errors.len());
    LoadOutcome {
        imports,
        window_rates,
        errors: errors.len(),
        first_errors: errors.into_iter().take(3).collect(),
        elapsed,
    }
}

async fn scalar(t: &TestDb, sql: &str) -> i64 {
    let row = t.db.query_one_raw(Statement::from_string(DbBackend::Postgres, sql.to_owned())).await.expect(sql);
    row.and_then(|r| r.try_get_by_index::<i64>(0).ok()).unwrap_or(-1)
}

/// Waits (at most `bound`) until no invitation is queued or being sent; returns how many still wait.
async fn drain(t: &TestDb, bound: Duration) -> i64 {
    let start = Instant::now();
    loop {
        let waiting = scalar(t, "SELECT COUNT(*) FROM invitations WHERE state IN ('queued', 'sending')").await;
        if waiting == 0 || start.elapsed() > bound {
            return waiting;
        }
        tokio::time::sleep(Duration::from_millis(250)).await;
    }
}

/// How many messages the sink received for each recipient.
fn received(sink: &Sink) -> HashMap<String, usize> {
    let mut counts = HashMap::new();
    for entry in std::fs::read_dir(&sink.dir).into_iter().flatten().flatten() {
        let text = std::fs::read_to_string(entry.path()).unwrap_or_default();
        if let Some(to) = text.lines().find_map(|l| l.strip_prefix("X-Envelope-To:")) {
            *counts.entry(to.trim().to_lowercase()).or_insert(0) += 1;
        }
    }
    counts
}

fn one(value: f64) -> Figure {
    Figure::from_samples(vec![value])
}

async fn memory(t: &TestDb, sink: &Sink) {
    let server = Server::start(&t.url, &sink.url()).await;
    tokio::time::sleep(Duration::from_secs(1)).await;
    let (idle, _) = server.memory();
    Row::new(MEMORY, "resident memory, idle after start", "MB", one(idle)).record();

    let bases = vec![server.base.clone()];
    let outcome = load(&bases, "mem", Duration::from_secs(300), 1_000, None).await;
    let (after, _) = server.memory();
    Row::new(MEMORY, &format!("resident memory after {} imports of 250 rows", outcome.imports), "MB", one(after))
        .anchor("idle", one(idle))
        .record();

    // Ten 100 MB bodies at once: each is refused from its Content-Length, before it is read.
    let (growth, statuses) = server
        .peak_during(async {
            let uploads: Vec<_> = (0..10)
                .map(|_| {
                    let base = server.base.clone();
                    tokio::spawn(async move {
                        let body = vec![b'a'; 100 * 1024 * 1024];
                        Client::new()
                            .post(format!("{base}/api/confirm_import"))
                            .header(header::ORIGIN, &base)
                            .header(header::CONTENT_TYPE, "application/json")
                            .body(body)
                            .send()
                            .await
                            .map(|r| r.status().as_u16())
                            .unwrap_or(0)
                    })
                })
                .collect();
            let mut statuses = Vec::new();
            for upload in uploads {
                statuses.push(upload.await.expect("an upload"));
            }
            statuses
        })
        .await;
    println!("ten 100 MB uploads answered {statuses:?}");
    Row::new(MEMORY, "growth while ten 100 MB uploads are refused at once", "MB", one(growth))
        .goal(Goal::AtMost(16.0))
        .record();

    // 300 sign-ins at once: the hashing gate runs one per core and makes the rest wait or answers busy.
    let (growth, ok) = server
        .peak_during(async {
            let sign_ins: Vec<_> = (0..300)
                .map(|i| {
                    let base = server.base.clone();
                    tokio::spawn(async move { sign_in(&Client::new(), &base, &admin_email(i % ADMINS)).await.is_ok() })
                })
                .collect();
            let mut ok = 0;
            for s in sign_ins {
                ok += usize::from(s.await.expect("a sign-in"));
            }
            ok
        })
        .await;
    let slots = std::thread::available_parallelism().map(|n| n.get()).unwrap_or(2) as f64;
    println!("300 sign-ins at once: {ok} signed in, the others were told to wait (busy or throttled)");
    // Argon2id takes 19 MiB a hash: the gate's bound is one hash per core plus the server's own working memory.
    Row::new(MEMORY, "growth while 300 sign-ins arrive at once", "MB", one(growth))
        .goal(Goal::AtMost(slots * 19.0 * 1.048_576 + 16.0))
        .record();
}

async fn fleet(t: &TestDb, processes: usize, seconds: u64) -> Figure {
    let sink = Sink::start_on(free_port(), temp_dir("fleet-mail"));
    let mut servers = Vec::new();
    for _ in 0..processes {
        servers.push(Server::start(&t.url, &sink.url()).await);
    }
    let bases: Vec<String> = servers.iter().map(|s| s.base.clone()).collect();
    let run = format!("p{processes}");
    let users_before = scalar(t, "SELECT COUNT(*) FROM users").await;
    let invited_before = scalar(t, "SELECT COUNT(*) FROM invitations").await;
    // One import in 20 asks for invitations: the sink takes about a thousand messages a second, so inviting every
    // learner of a minute's imports would take many minutes to deliver.
    let outcome = load(&bases, &run, Duration::from_secs(seconds), usize::MAX, Some(20)).await;
    // What the servers counted themselves (their /metrics), right after the load.
    let route = r#"route="/api/confirm_import""#;
    let counted = metric(&servers, "imports_total", "").await;
    let latency = metric(&servers, "http_request_duration_seconds_sum", route).await
        / metric(&servers, "http_request_duration_seconds_count", route).await.max(1.0);
    let queued = metric(&servers, "invitation_queue_depth", r#"queue="learners""#).await / processes as f64;
    println!(
        "/metrics: {counted} imports counted by the servers; mean confirm latency {:.1} ms; {queued} invitations \
         waiting when the load stopped",
        latency * 1e3
    );
    let left = drain(t, Duration::from_secs(180)).await;
    // The rate in each fifth of the minute; the whole minute's when the windows are missing.
    let rate = match outcome.window_rates.len() {
        0 => one(outcome.imports as f64 / outcome.elapsed),
        _ => Figure::from_samples(outcome.window_rates.clone()),
    };
    let added = scalar(t, "SELECT COUNT(*) FROM users").await - users_before;
    let duplicates =
        scalar(t, "SELECT COUNT(*) FROM (SELECT email_normalized FROM users GROUP BY 1 HAVING COUNT(*) > 1) d").await;
    let invited = scalar(t, "SELECT COUNT(*) FROM invitations").await - invited_before;
    let counts = received(&sink);
    // The messages are counted: their folder (hundreds of MB a minute) is not left behind in the temp folder.
    let _ = std::fs::remove_dir_all(&sink.dir);
    let twice = counts.values().filter(|n| **n > 1).count();
    let delivered: usize = counts.values().sum();
    println!(
        "{processes} process(es): {} imports in {:.1} s, {} errors {:?}; {added} users added (expected {}), \
         {duplicates} duplicate emails; {invited} invitations queued, {delivered} messages received, {twice} \
         recipients received more than one, {left} still waiting",
        outcome.imports,
        outcome.elapsed,
        outcome.errors,
        outcome.first_errors,
        outcome.imports * 250
    );
    let what = format!("{processes} server process{}", if processes == 1 { "" } else { "es" });
    Row::new(FLEET, &format!("{what}: imports of 250 rows per second, {ADMINS} admins"), "imports/s", rate).record();
    Row::new(
        FLEET,
        &format!("{what}: server-side mean confirm latency under load (/metrics)"),
        "ms",
        one(latency * 1e3),
    )
    .record();
    let faults = outcome.errors as i64
        + duplicates
        + (added - outcome.imports as i64 * 250).abs()
        + twice as i64
        + (invited - delivered as i64).abs()
        + left
        + (counted as i64 - outcome.imports as i64).abs();
    Row::new(
        FLEET,
        &format!("{what}: errors + duplicate users + lost or repeated users and invitations"),
        "faults",
        one(faults as f64),
    )
    .goal(Goal::AtMost(0.0))
    .record();
    rate
}

#[tokio::main]
async fn main() {
    let Some(t) = storage::testing::postgres().await else {
        eprintln!("fleet: TEST_POSTGRES_URL is not set; nothing measured");
        return;
    };
    for i in 0..ADMINS {
        service::auth::create_admin(&t.db, &admin_email(i), PASSWORD).await.expect("an admin");
    }
    let sink = Sink::start_on(free_port(), temp_dir("memory-mail"));
    memory(&t, &sink).await;
    let _ = std::fs::remove_dir_all(&sink.dir);
    drop(sink);
    let seconds = std::env::var("BENCH_LOAD_SECONDS").ok().and_then(|s| s.parse().ok()).unwrap_or(60);
    let one_process = fleet(&t, 1, seconds).await;
    let two_processes = fleet(&t, 2, seconds).await;
    Row::new(FLEET, "two processes against one, imports per second", "imports/s", two_processes)
        .anchor("one process", one_process)
        .record();
}
