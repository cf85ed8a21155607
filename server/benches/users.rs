//! The Users list with a million users, server-side, on SQLite and PostgreSQL (`TEST_POSTGRES_URL`, started by
//! `scripts/bench.sh`): the first page, a deep page, each filter and sort, a substring search, and the total count.
//! The users are written with the database's bulk path (multi-row inserts, not through the app). Prints medians of
//! 9 runs; see docs/benchmarks.md (goals: a page < 20 ms, the count < 50 ms). `USERS=100000` for a smaller set.

use std::time::{Duration, Instant};

use chrono::Utc;
use domain::{InvitationState, Page, UserQuery, UserSort, UserStatus};
use sea_orm::{ConnectionTrait, DbBackend, EntityTrait, Set};
use storage::entity::users;
use storage::testing::TestDb;

const RUNS: usize = 9;
const FIRST: [&str; 8] = ["Zoé", "Jean-Luc", "Anaïs", "Björn", "María", "Liam", "Chloé", "Łukasz"];
const LAST: [&str; 8] = ["Dupont", "Martin", "Müller", "García", "Rossi", "Nowak", "Smith", "Dupont-Martin"];
const LANGUAGES: [&str; 4] = ["fr", "en", "de", "it"];
const COUNTRIES: [&str; 5] = ["FR", "BE", "DE", "IT", "GB"];

fn median(mut samples: Vec<Duration>) -> f64 {
    samples.sort();
    samples[samples.len() / 2].as_secs_f64() * 1e3
}

/// `count` users in multi-row inserts of 1,000 (the FTS5 triggers and indexes are kept up as they go).
async fn fill(t: &TestDb, count: usize) {
    let now = Utc::now();
    for chunk in 0..count.div_ceil(1_000) {
        let models = (chunk * 1_000..((chunk + 1) * 1_000).min(count)).map(|i| {
            let (first, last) = (FIRST[i % 8], LAST[(i / 8) % 8]);
            let email = format!("{}.{}{i}@example.org", first.to_lowercase(), last.to_lowercase());
            let identifier = format!("ID-{i:07}");
            users::ActiveModel {
                firstname: Set(first.to_owned()),
                lastname: Set(last.to_owned()),
                email_normalized: Set(email.clone()),
                search_text: Set(storage::search::search_text(first, last, &email, Some(&identifier))),
                sort_name: Set(storage::search::sort_name(first, last)),
                email: Set(email),
                firstname_key: Set(first.to_lowercase()),
                lastname_key: Set(last.to_lowercase()),
                identifier_key: Set(Some(identifier.to_lowercase())),
                identifier: Set(Some(identifier)),
                country: Set(Some(COUNTRIES[i % 5].to_owned())),
                language: Set(LANGUAGES[i % 4].to_owned()),
                status: Set(if i % 3 == 0 { UserStatus::Active } else { UserStatus::Pending }),
                import_id: Set(None),
                password_hash: Set(None),
                created_at: Set(now),
                updated_at: Set(now),
                ..Default::default()
            }
        });
        users::Entity::insert_many(models).exec_without_returning(&t.db).await.expect("fill");
    }
    if t.db.get_database_backend() == DbBackend::Postgres {
        t.db.execute_unprepared("ANALYZE users").await.expect("analyze");
    } else {
        t.db.execute_unprepared("ANALYZE").await.expect("analyze");
    }
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
