//! Confirming 250 rows server-side (re-check, existence lookup, one transaction with users, import record, row
//! outcomes and invitations) against a bare multi-row INSERT of the same users, on SQLite and on PostgreSQL
//! (`TEST_POSTGRES_URL`, started by `scripts/bench.sh`). Prints medians; see docs/benchmarks.md.

use std::time::{Duration, Instant};

use domain::{ConfirmRequest, SubmittedRow};
use rules::ValidUser;
use service::import::confirm;
use storage::testing::TestDb;

const ROWS: usize = 250;
const RUNS: usize = 15;

fn rows(run: usize, tag: &str) -> Vec<SubmittedRow> {
    let first = ["Zoé", "Jean-Luc", "Anaïs", "Björn", "María", "O'Brien", "Chloé", "Łukasz"];
    (0..ROWS)
        .map(|i| SubmittedRow {
            row: i as u32 + 2,
            values: vec![
                first[i % 8].to_owned(),
                "Dupont".to_owned(),
                format!("{tag}{run}-{i}@example.com"),
                format!("{tag}{run}-{i}"),
                "FR".to_owned(),
                ["fr", "en", "de", "it"][i % 4].to_owned(),
            ],
        })
        .collect()
}

fn median(mut samples: Vec<Duration>) -> Duration {
    samples.sort();
    samples[samples.len() / 2]
}

async fn measure(t: &TestDb) -> (Duration, Duration) {
    let admin = storage::admins::create(&t.db, "bench@example.com", "bench@example.com", "x").await.expect("admin").id;
    let admin = domain::Actor::admin(admin);
    let mut confirms = Vec::new();
    let mut inserts = Vec::new();
    for run in 0..RUNS {
        let request = ConfirmRequest {
            request_id: format!("bench-{run}"),
            file_name: "bench.csv".into(),
            file_sha256: "00".repeat(32),
            rows: rows(run, "c"),
            send_invitations: true,
            ignore_errors: false,
        };
        let start = Instant::now();
        let answer = confirm(&t.db, admin, request).await.expect("confirm");
        confirms.push(start.elapsed());
        assert_eq!(answer.created as usize, ROWS);

        let users: Vec<ValidUser> = rows(run, "b")
            .iter()
            .map(|r| {
                let values: [&str; 6] = std::array::from_fn(|i| r.values[i].as_str());
                ValidUser::check(values).expect("a valid row")
            })
            .collect();
        let start = Instant::now();
        let txn = storage::begin_write(&t.db).await.expect("begin");
        storage::users::insert_many(&txn, &users, None).await.expect("insert");
        txn.commit().await.expect("commit");
        inserts.push(start.elapsed());
    }
    (median(confirms), median(inserts))
}

#[tokio::main]
async fn main() {
    for t in storage::testing::all().await {
        let (confirm, insert) = measure(&t).await;
        println!(
            "{:?}: confirm {ROWS} rows median {:.2} ms; bare multi-row INSERT median {:.2} ms; ratio {:.2} ({RUNS} runs)",
            t.backend,
            confirm.as_secs_f64() * 1e3,
            insert.as_secs_f64() * 1e3,
            confirm.as_secs_f64() / insert.as_secs_f64()
        );
    }
}
