//! What operators watch in production: `/metrics` in the Prometheus text format, behind a bearer token
//! (`METRICS_TOKEN`). Request latency by route comes from a middleware, imports and deliveries from counters in
//! the service and delivery crates, and the invitation queues and the password-hashing gate are read when scraped.
//! Every process keeps its own figures: Prometheus scrapes each one and sums them.

use std::sync::OnceLock;
use std::time::Instant;

use axum::{
    body::Body,
    extract::{MatchedPath, State},
    http::{header, HeaderMap, Request, StatusCode},
    middleware::Next,
    response::{IntoResponse, Response},
    routing::get,
    Router,
};
use metrics_exporter_prometheus::{Matcher, PrometheusBuilder, PrometheusHandle};
use secrecy::{ExposeSecret, SecretString};
use sha2::{Digest, Sha256};
use storage::DatabaseConnection;

pub const PATH: &str = "/metrics";

/// Buckets of the request-latency histogram, in seconds: a page or a confirm is expected in milliseconds.
const LATENCY_BUCKETS: &[f64] = &[0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5, 5.0, 10.0, 30.0];

/// The process's recorder, installed by the first app built (tests build several apps in one process; a process
/// whose global recorder is someone else's has no `/metrics` figures of its own, only the gauges).
fn handle() -> Option<&'static PrometheusHandle> {
    static HANDLE: OnceLock<Option<PrometheusHandle>> = OnceLock::new();
    HANDLE
        .get_or_init(|| {
            let builder = PrometheusBuilder::new()
                .set_buckets_for_metric(Matcher::Full("http_request_duration_seconds".into()), LATENCY_BUCKETS)
                .ok()?;
            match builder.install_recorder() {
                Ok(handle) => Some(handle),
                Err(err) => {
                    tracing::warn!(error = %err, "metrics recorder not installed");
                    None
                }
            }
        })
        .as_ref()
}

/// Installs the recorder (once per process), so counters incremented before the first scrape are kept.
pub fn install() {
    let _ = handle();
}

#[derive(Clone)]
struct Scrape {
    db: DatabaseConnection,
    token_hash: [u8; 32],
}

/// `/metrics`, when a token is configured; nothing at all otherwise (a 404 like any unknown address).
pub fn router<S: Clone + Send + Sync + 'static>(db: DatabaseConnection, token: Option<&SecretString>) -> Router<S> {
    match token {
        Some(token) => Router::new()
            .route(PATH, get(scrape))
            .with_state(Scrape { db, token_hash: Sha256::digest(token.expose_secret().as_bytes()).into() }),
        None => Router::new(),
    }
}

/// Counts every request and times it, labelled by the route it matched (never by the raw path, which would let
/// a client create a series per address it invents).
pub async fn track(request: Request<Body>, next: Next) -> Response {
    let route = match request.extensions().get::<MatchedPath>() {
        Some(path) => path.as_str().to_owned(),
        None if request.uri().path().starts_with("/pkg/") => "/pkg/{file}".to_owned(),
        None => "other".to_owned(),
    };
    let method = request.method().as_str().to_owned();
    let start = Instant::now();
    let response = next.run(request).await;
    let status = response.status().as_u16().to_string();
    metrics::histogram!("http_request_duration_seconds", "method" => method.clone(), "route" => route.clone())
        .record(start.elapsed().as_secs_f64());
    metrics::counter!("http_requests_total", "method" => method, "route" => route, "status" => status).increment(1);
    response
}

async fn scrape(State(scrape): State<Scrape>, headers: HeaderMap) -> Response {
    let offered = headers
        .get(header::AUTHORIZATION)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.strip_prefix("Bearer "))
        .map(|token| Sha256::digest(token.trim().as_bytes()));
    // Hashes compared, not the tokens: the comparison's time says nothing about how much of a guess was right.
    if offered.is_none_or(|hash| hash.as_slice() != scrape.token_hash) {
        return (StatusCode::UNAUTHORIZED, [(header::WWW_AUTHENTICATE, "Bearer")], "a metrics token is needed\n")
            .into_response();
    }
    let mut body = String::new();
    gauges(&scrape.db, &mut body).await;
    if let Some(handle) = handle() {
        handle.run_upkeep();
        body.push_str(&handle.render());
    }
    ([(header::CONTENT_TYPE, "text/plain; version=0.0.4; charset=utf-8")], body).into_response()
}

/// The figures read at scrape time, written in the text format directly: they are the state of the database and
/// of this process now, not events counted since it started.
async fn gauges(db: &DatabaseConnection, out: &mut String) {
    use std::fmt::Write;
    let now = chrono::Utc::now();
    let queues = [
        ("learners", storage::queue::stats::<storage::queue::Learners>(db).await),
        ("admins", storage::queue::stats::<storage::queue::Admins>(db).await),
        ("notices", storage::queue::stats::<storage::queue::Notices>(db).await),
    ];
    let _ = writeln!(out, "# HELP invitation_queue_depth Emails (invitations, notices) queued or being sent.");
    let _ = writeln!(out, "# TYPE invitation_queue_depth gauge");
    for (queue, stats) in &queues {
        match stats {
            Ok(stats) => {
                let _ = writeln!(out, "invitation_queue_depth{{queue=\"{queue}\"}} {}", stats.waiting);
            }
            Err(err) => tracing::warn!(error = %err, queue, "metrics: cannot read the invitation queue"),
        }
    }
    let _ = writeln!(out, "# HELP invitation_queue_oldest_seconds How long the oldest waiting email has waited.");
    let _ = writeln!(out, "# TYPE invitation_queue_oldest_seconds gauge");
    for (queue, stats) in &queues {
        if let Ok(stats) = stats {
            let age = stats.oldest.map(|t| (now - t).num_milliseconds().max(0) as f64 / 1e3).unwrap_or(0.0);
            let _ = writeln!(out, "invitation_queue_oldest_seconds{{queue=\"{queue}\"}} {age}");
        }
    }
    let gate = service::gate_load();
    for (name, help, value) in [
        ("password_hashing_running", "Password hashes running now.", gate.running as u64),
        ("password_hashing_slots", "Password hashes this process runs at once.", gate.slots as u64),
        ("password_hashing_waiting", "Requests waiting for a password hash.", gate.waiting as u64),
        (
            "password_hashing_queue_limit",
            "Requests that may wait before the next is told busy.",
            gate.queue_limit as u64,
        ),
    ] {
        let _ = writeln!(out, "# HELP {name} {help}\n# TYPE {name} gauge\n{name} {value}");
    }
    let _ = writeln!(
        out,
        "# HELP password_hashing_refused_total Requests told busy by the hashing gate.\n\
         # TYPE password_hashing_refused_total counter\npassword_hashing_refused_total {}",
        gate.refused
    );
}
