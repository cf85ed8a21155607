//! The confirm at scale: 250 rows confirmed server-side (re-check, existence look-up, one transaction with the
//! users, the import record and the invitations) against a bare multi-row INSERT of 250 users like them, on SQLite
//! and PostgreSQL (`TEST_POSTGRES_URL`, started by `scripts/bench.sh`), in portals that already hold 10,000 and
//! 1,000,000 users (kept between runs, see `common::kept`). Records benchkit rows; asserts nothing about time.

use std::time::{Duration, Instant};

use benchkit::{seconds, Figure, Goal, Row};
use domain::{ConfirmRequest, SubmittedRow};
use rules::ValidUser;
use service::import::confirm;
use storage::testing::TestDb;

mod common;

const ROWS: usize = 250;
const SECTION: &str = "The confirm at scale";

fn runs() -> usize {
    std::env::var("BENCH_RUNS").ok().and_then(|n| n.parse().ok()).unwrap_or(11)
}

fn rows(run: usize, tag: &str) -> Vec<SubmittedRow> {
    let first = ["Zoé", "Jean-Luc", "Anaïs", "Björn", "María", "O'Brien", "Chloé", "Łukasz"];
    (0..ROWS)
        .map(|i| SubmittedRow {
            row: i as u32 + 2,
            values: vec![
                first[i % 8].to_owned(),
                "Dupont".to_owned(),
                format!("{tag}{run}-{i}@bench.example.com"),
                format!("{tag}{run}-{i}"),
                "FR".to_owned(),
                ["fr", "en", "de", "it"][i % 4].to_owned(),
            ],
            seen: None,
        })
        .collect()
}

/// The confirm's and the bare insert's times, in seconds, interleaved run by run so both see the same noise.
async fn measure(t: &TestDb) -> (Figure, Figure) {
    let email = format!("bench-{}@example.com", rand_suffix());
    let admin = storage::admins::create(&t.db, &email, &email, "x").await.expect("admin").id;
    let actor = domain::Actor::admin(admin);
    let (mut confirms, mut inserts): (Vec<Duration>, Vec<Duration>) = (Vec::new(), Vec::new());
    for run in 0..runs() {
        let request = ConfirmRequest {
            request_id: format!("bench-{}-{run}", rand_suffix()),
            file_name: "bench.csv".into(),
            file_sha256: "00".repeat(32),
            rows: rows(run, "confirm"),
            send_invitations: true,
            ignore_errors: false,
            roster: Default::default(),
        };
        let start = Instant::now();
        let answer = confirm(&t.db, actor, request, Default::default()).await.expect("confirm");
        confirms.push(start.elapsed());
        assert_eq!(answer.created as usize, ROWS, "every row is new");
        common::remove_import(t, answer.import_id.expect("an import")).await;

        let users: Vec<ValidUser> = rows(run, "bare")
            .iter()
            .map(|r| ValidUser::check(rules::UserValues::from_cells(&r.values)).expect("a valid row"))
            .collect();
        let start = Instant::now();
        let txn = storage::begin_write(&t.db).await.expect("begin");
        storage::users::insert_many(&txn, &users, None).await.expect("insert");
        txn.commit().await.expect("commit");
        inserts.push(start.elapsed());
        common::remove_users(t, "bare").await;
        // Between two imports the server's upkeep task has run (every 2 s).
        common::upkeep(t, 1).await;
    }
    (seconds(&confirms).scale(1e3), seconds(&inserts).scale(1e3))
}

fn rand_suffix() -> u64 {
    std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).map(|d| d.as_nanos() as u64).unwrap_or(0)
}

#[tokio::main]
async fn main() {
    let sizes: Vec<usize> = match std::env::var("BENCH_PORTAL_SIZES") {
        Ok(list) => list.split(',').filter_map(|n| n.trim().parse().ok()).collect(),
        Err(_) => vec![10_000, 1_000_000],
    };
    // backend → the confirm's figure at the smallest portal, the anchor of the flatness rows.
    let mut smallest: Vec<(storage::Backend, usize, Figure)> = Vec::new();
    for &size in &sizes {
        for kept in common::kept(size).await {
            let t = kept.t;
            let name = format!("{:?}", t.backend).replace("Sqlite", "SQLite").replace("Postgres", "PostgreSQL");
            // One figure: a portal is built once and kept, so a later run reports the build of the run that made it.
            let build = Row::new(
                SECTION,
                &format!("build the portal of {size} users, {name} (bulk path; on the run that built it)"),
                "s",
                Figure::from_samples(vec![kept.build_seconds]),
            );
            if size >= 1_000_000 {
                build.goal(Goal::AtMost(120.0)).record();
            } else {
                build.record();
            }
            let (confirm, insert) = measure(&t).await;
            Row::new(SECTION, &format!("confirm 250 rows, {name}, portal of {size} users"), "ms", confirm)
                .anchor("bare multi-row INSERT of 250 users, same portal", insert)
                .goal(Goal::RatioAtMost(3.0))
                .record();
            match smallest.iter().find(|(backend, _, _)| *backend == t.backend) {
                Some((_, small, at_small)) => {
                    Row::new(SECTION, &format!("confirm 250 rows, {name}, portal of {size} users"), "ms", confirm)
                        .anchor(&format!("the same at {small} users"), *at_small)
                        .goal(Goal::RatioAtMost(1.5))
                        .record()
                }
                None => smallest.push((t.backend, size, confirm)),
            }
        }
    }
}
