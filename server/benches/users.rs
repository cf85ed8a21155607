//! The Users list with a million users, server-side, on SQLite and PostgreSQL (`TEST_POSTGRES_URL`, started by
//! `scripts/bench.sh`): the first page, a deep page, each filter and sort, a substring search, and the total count.
//! The users are written with the database's bulk path (multi-row inserts, not through the app). Prints medians of
//! 9 runs; see docs/benchmarks.md (goals: a page < 20 ms, the count < 50 ms). `USERS=100000` for a smaller set.

use std::time::{Duration, Instant};

use domain::{InvitationState, Page, UserQuery, UserSort, UserStatus};
use storage::testing::TestDb;

mod common;
use common::fill;

const RUNS: usize = 9;

fn median(mut samples: Vec<Duration>) -> f64 {
    samples.sort();
    samples[samples.len() / 2].as_secs_f64() * 1e3
}

async fn time_list(t: &TestDb, query: &UserQuery) -> f64 {
    let mut samples = Vec::with_capacity(RUNS);
    for _ in 0..RUNS {
        let start = Instant::now();
        std::hint::black_box(storage::users::list(&t.db, query, domain::users::PAGE_SIZE).await.expect("list"));
        samples.push(start.elapsed());
    }
    median(samples)
}

async fn time_count(t: &TestDb, query: &UserQuery) -> f64 {
    let mut samples = Vec::with_capacity(RUNS);
    for _ in 0..RUNS {
        let start = Instant::now();
        std::hint::black_box(storage::users::count(&t.db, query, domain::COUNT_LIMIT).await.expect("count"));
        samples.push(start.elapsed());
    }
    median(samples)
}

async fn measure(t: &TestDb, count: usize) {
    let start = Instant::now();
    fill(t, count).await;
    println!("{:?}: {count} users written in {:.1} s", t.backend, start.elapsed().as_secs_f64());
    let deep_cursor = format!("{}", count / 2);
    let cases: Vec<(&str, UserQuery)> = vec![
        ("first page, newest first", UserQuery::default()),
        ("deep page (after the middle)", UserQuery { page: Page::After(deep_cursor), ..Default::default() }),
        ("status Active", UserQuery { status: Some(UserStatus::Active), ..Default::default() }),
        ("invitation failed (none)", UserQuery { invitation: Some(InvitationState::Failed), ..Default::default() }),
        ("language de", UserQuery { language: Some("de".into()), ..Default::default() }),
        ("country BE", UserQuery { country: Some("BE".into()), ..Default::default() }),
        ("sort by name A-Z", UserQuery { sort: UserSort::Name, descending: false, ..Default::default() }),
        ("sort by email Z-A", UserQuery { sort: UserSort::Email, descending: true, ..Default::default() }),
        ("sort by status", UserQuery { sort: UserSort::Status, descending: false, ..Default::default() }),
        ("search 'dupont' (many)", UserQuery { search: "dupont".into(), ..Default::default() }),
        ("search 'id-0004242' (one)", UserQuery { search: "id-0004242".into(), ..Default::default() }),
        (
            "search 'zoe.dupont-martin12' (few)",
            UserQuery { search: "zoe.dupont-martin12".into(), ..Default::default() },
        ),
    ];
    for (name, query) in &cases {
        println!("{:?}: list, {name}: {:.2} ms", t.backend, time_list(t, query).await);
    }
    for (name, query) in [
        ("everyone", UserQuery::default()),
        ("search 'id-0004242'", UserQuery { search: "id-0004242".into(), ..Default::default() }),
    ] {
        println!("{:?}: count, {name}: {:.2} ms", t.backend, time_count(t, &query).await);
    }
}

#[tokio::main]
async fn main() {
    let count: usize = std::env::var("USERS").ok().and_then(|n| n.parse().ok()).unwrap_or(1_000_000);
    for t in storage::testing::all().await {
        measure(&t, count).await;
    }
}
