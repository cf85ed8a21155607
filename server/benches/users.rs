//! The Users list with a million users, server-side, on SQLite and PostgreSQL (`TEST_POSTGRES_URL`, started by
//! `scripts/bench.sh`): the first page, a deep page, each filter and sort, a substring search, and the total count.
//! The portal is built with the database's bulk path and kept between runs (`common::kept`). Records benchkit rows
//! (goals of the users issue: a page < 20 ms, the count < 50 ms); `USERS=100000` for a smaller portal.

use std::time::Instant;

use benchkit::{seconds, Figure, Goal, Row};
use domain::{InvitationState, Page, UserQuery, UserSort, UserStatus};
use storage::testing::TestDb;

mod common;

const RUNS: usize = 9;
const SECTION: &str = "The Users list at a million users";

async fn time_list(t: &TestDb, query: &UserQuery) -> Figure {
    let mut samples = Vec::with_capacity(RUNS);
    for _ in 0..RUNS {
        let start = Instant::now();
        std::hint::black_box(storage::users::list(&t.db, query, domain::users::PAGE_SIZE).await.expect("list"));
        samples.push(start.elapsed());
    }
    seconds(&samples).scale(1e3)
}

async fn time_count(t: &TestDb, query: &UserQuery) -> Figure {
    let mut samples = Vec::with_capacity(RUNS);
    for _ in 0..RUNS {
        let start = Instant::now();
        std::hint::black_box(storage::users::count(&t.db, query, domain::COUNT_LIMIT).await.expect("count"));
        samples.push(start.elapsed());
    }
    seconds(&samples).scale(1e3)
}

async fn measure(t: &TestDb, count: usize) {
    let name = format!("{:?}", t.backend).replace("Sqlite", "SQLite").replace("Postgres", "PostgreSQL");
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
    for (what, query) in &cases {
        Row::new(SECTION, &format!("{name}: list, {what}"), "ms", time_list(t, query).await)
            .goal(Goal::AtMost(20.0))
            .record();
    }
    for (what, query) in [
        ("everyone", UserQuery::default()),
        ("search 'id-0004242'", UserQuery { search: "id-0004242".into(), ..Default::default() }),
    ] {
        Row::new(SECTION, &format!("{name}: count, {what}"), "ms", time_count(t, &query).await)
            .goal(Goal::AtMost(50.0))
            .record();
    }
}

#[tokio::main]
async fn main() {
    let count: usize = std::env::var("USERS").ok().and_then(|n| n.parse().ok()).unwrap_or(1_000_000);
    for kept in common::kept(count).await {
        measure(&kept.t, count).await;
    }
}
