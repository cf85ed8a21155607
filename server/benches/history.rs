//! The import history at scale, server-side, on SQLite and PostgreSQL (`TEST_POSTGRES_URL`, started by
//! `scripts/bench.sh`): the history's first and a deep page with 10,000 imports recorded, an import's page with 250
//! rows, its error report (250 rows not added), and the undo of an import of 250 users. Prints medians of 15 runs;
//! see docs/benchmarks.md (goals: pages < 20 ms, undo < 100 ms, report < 5 ms).

use std::time::{Duration, Instant};

use chrono::Utc;
use domain::{ConfirmRequest, SubmittedRow};
use rules::Lang;
use sea_orm::{EntityTrait, Set};
use storage::entity::imports;
use storage::testing::TestDb;

const IMPORTS: usize = 10_000;
const ROWS: usize = 250;
const RUNS: usize = 15;

fn median(mut samples: Vec<Duration>) -> f64 {
    samples.sort();
    samples[samples.len() / 2].as_secs_f64() * 1e3
}

async fn time<F, Fut, T>(mut run: F) -> f64
where
    F: FnMut(usize) -> Fut,
    Fut: std::future::Future<Output = T>,
{
    let mut samples = Vec::with_capacity(RUNS);
    for i in 0..RUNS {
        let start = Instant::now();
        std::hint::black_box(run(i).await);
        samples.push(start.elapsed());
    }
    median(samples)
}

/// 250 row outcomes, every row skipped with a reason and its values kept (the report's worst case).
fn skipped_rows(tag: usize) -> String {
    let problem = rules::Problem::cell(rules::Code::EmailInvalid, rules::Column::Email);
    let rows: Vec<serde_json::Value> = (0..ROWS)
        .map(|i| {
            serde_json::json!({
                "row": i + 2,
                "outcome": "skipped",
                "email": format!("b{tag}-{i}@example"),
                "problems": [&problem],
                "values": ["Zoé", "Dupont", format!("b{tag}-{i}@example"), "", "FR", "fr"],
            })
        })
        .collect();
    serde_json::Value::Array(rows).to_string()
}

/// 10,000 import records written with multi-row inserts (not through the app), each with 250 row outcomes.
async fn fill(t: &TestDb, admin: i64) {
    let outcomes = skipped_rows(0);
    for chunk in 0..IMPORTS / 500 {
        let models = (0..500).map(|i| {
            let n = chunk * 500 + i;
            imports::ActiveModel {
                request_id: Set(format!("fill-{n}")),
                admin_id: Set(admin),
                file_name: Set(format!("file-{n}.csv")),
                file_sha256: Set(format!("{n:064x}")),
                send_invitations: Set(true),
                total_rows: Set(ROWS as i32),
                created_count: Set(0),
                skipped_count: Set(ROWS as i32),
                existing_count: Set(Some(0)),
                outcomes: Set(outcomes.clone()),
                request_fingerprint: Set(None),
                created_at: Set(Utc::now()),
                ..Default::default()
            }
        });
        imports::Entity::insert_many(models).exec_without_returning(&t.db).await.expect("fill");
    }
}

fn learners(run: usize) -> Vec<SubmittedRow> {
    (0..ROWS)
        .map(|i| SubmittedRow {
            row: i as u32 + 2,
            values: ["Zoé", "Dupont", &format!("u{run}-{i}@example.com"), "", "FR", "fr"].map(String::from).into(),
            seen: None,
        })
        .collect()
}

async fn measure(t: &TestDb) {
    let window = chrono::Duration::hours(24);
    let admin = storage::admins::create(&t.db, "bench@example.com", "bench@example.com", "x").await.expect("admin").id;
    let start = Instant::now();
    fill(t, admin).await;
    let filled = start.elapsed();
    let first = time(|_| service::history::page(&t.db, None, Utc::now(), window)).await;
    let deep = time(|_| service::history::page(&t.db, Some(IMPORTS as i64 / 2), Utc::now(), window)).await;
    let detail = time(|_| service::history::detail(&t.db, 1, Utc::now(), window)).await;
    let report = time(|_| service::history::error_report(&t.db, 1, Lang::Fr)).await;

    // Each run imports 250 learners with invitations, then times their undo.
    let mut undos = Vec::with_capacity(RUNS);
    for run in 0..RUNS {
        let request = ConfirmRequest {
            request_id: format!("undo-{run}"),
            file_name: "undo.csv".into(),
            file_sha256: "00".repeat(32),
            rows: learners(run),
            send_invitations: true,
            ignore_errors: false,
            roster: Default::default(),
        };
        let id = service::import::confirm(&t.db, domain::Actor::admin(admin), request, Default::default())
            .await
            .expect("import")
            .import_id
            .expect("an id");
        let start = Instant::now();
        let answer = service::history::undo(&t.db, id, admin, Utc::now(), window).await.expect("undo");
        undos.push(start.elapsed());
        assert_eq!(answer.removed as usize, ROWS);
    }
    println!(
        "{:?} ({IMPORTS} imports, built in {:.1} s): history first page {first:.2} ms, deep page {deep:.2} ms; \
         import page of {ROWS} rows {detail:.2} ms; error report of {ROWS} rows {report:.2} ms; \
         undo of {ROWS} users {:.2} ms (medians of {RUNS})",
        t.backend,
        filled.as_secs_f64(),
        median(undos)
    );
}

#[tokio::main]
async fn main() {
    for t in storage::testing::all().await {
        measure(&t).await;
    }
}
