//! What the benchmarks share: a portal with many users, written with the database's bulk path (multi-row
//! inserts of 1,000, not through the app), so a million users take under a minute rather than an hour; and such
//! portals kept between runs of `make bench` (`kept`), so a second run does not build them again.
// Each benchmark includes this module and uses part of it.
#![allow(dead_code)]

use chrono::Utc;
use domain::UserStatus;
use sea_orm::{ConnectionTrait, Database, DbBackend, EntityTrait, Set, Statement};
use storage::entity::users;
use storage::testing::TestDb;
use storage::Backend;

pub const FIRST: [&str; 8] = ["Zoé", "Jean-Luc", "Anaïs", "Björn", "María", "Liam", "Chloé", "Łukasz"];
pub const LAST: [&str; 8] = ["Dupont", "Martin", "Müller", "García", "Rossi", "Nowak", "Smith", "Dupont-Martin"];
pub const LANGUAGES: [&str; 4] = ["fr", "en", "de", "it"];
pub const COUNTRIES: [&str; 5] = ["FR", "BE", "DE", "IT", "GB"];

/// `count` users in multi-row inserts of 1,000 (the FTS5 triggers and indexes are kept up as they go), committed
/// every 100,000: a commit per insert would make the build wait on the disk a thousand times.
pub async fn fill(t: &TestDb, count: usize) {
    let now = Utc::now();
    let mut txn = storage::begin_write(&t.db).await.expect("begin");
    for chunk in 0..count.div_ceil(1_000) {
        if chunk > 0 && chunk % 100 == 0 {
            txn.commit().await.expect("commit");
            txn = storage::begin_write(&t.db).await.expect("begin");
        }
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
        users::Entity::insert_many(models).exec_without_returning(&txn).await.expect("fill");
    }
    txn.commit().await.expect("commit");
    if t.db.get_database_backend() == DbBackend::Postgres {
        t.db.execute_unprepared("ANALYZE users").await.expect("analyze");
    } else {
        t.db.execute_unprepared("ANALYZE").await.expect("analyze");
    }
}

/// Where the kept SQLite files go: `target/bench/data` of the workspace (or `BENCH_DATA`).
fn data_dir() -> std::path::PathBuf {
    match std::env::var_os("BENCH_DATA") {
        Some(dir) => dir.into(),
        None => std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../target/bench/data"),
    }
}

/// How long a kept portal took to build, if it was completely built: the marker is written after the last user.
async fn build_seconds(db: &sea_orm::DatabaseConnection, count: usize) -> Option<f64> {
    let marker =
        Statement::from_string(db.get_database_backend(), "SELECT users, seconds FROM bench_dataset".to_owned());
    let row = db.query_one_raw(marker).await.ok()??;
    let users = row.try_get::<i64>("", "users").ok()?;
    (users == count as i64).then(|| row.try_get::<f64>("", "seconds").ok()).flatten()
}

async fn mark_complete(t: &TestDb, count: usize, seconds: f64) {
    t.db.execute_unprepared("CREATE TABLE bench_dataset (users BIGINT NOT NULL, seconds DOUBLE PRECISION NOT NULL)")
        .await
        .expect("marker table");
    let marker = format!("INSERT INTO bench_dataset (users, seconds) VALUES ({count}, {seconds})");
    t.db.execute_unprepared(&marker).await.expect("marker");
}

/// A kept portal and how long it took to build (on the run that built it).
pub struct Kept {
    pub t: TestDb,
    pub build_seconds: f64,
}

/// A portal of each backend available holding `count` users, built once and kept: the SQLite file under
/// `target/bench/data`, the PostgreSQL database `bench_users_<count>` on the `TEST_POSTGRES_URL` server. A benchmark
/// that adds users removes them again (see `remove_import`), so the portal keeps its size from run to run.
pub async fn kept(count: usize) -> Vec<Kept> {
    let mut kept = Vec::new();
    let dir = data_dir();
    std::fs::create_dir_all(&dir).expect("bench data folder");
    let file = dir.join(format!("users-{count}.db"));
    let url = format!("sqlite://{}", file.display());
    kept.push(
        open_or_build(url, Backend::Sqlite, count, || {
            for suffix in ["", "-wal", "-shm"] {
                let _ = std::fs::remove_file(format!("{}{suffix}", file.display()));
            }
        })
        .await,
    );
    if let Ok(admin_url) = std::env::var("TEST_POSTGRES_URL") {
        let name = format!("bench_users_{count}");
        let base = admin_url.rsplit_once('/').map(|(b, _)| b).unwrap_or(&admin_url).to_owned();
        let admin = Database::connect(&admin_url).await.expect("the PostgreSQL bench server");
        let exists = admin
            .query_one_raw(Statement::from_string(
                DbBackend::Postgres,
                format!("SELECT 1 AS found FROM pg_database WHERE datname = '{name}'"),
            ))
            .await
            .expect("list databases")
            .is_some();
        if !exists {
            admin.execute_unprepared(&format!("CREATE DATABASE {name}")).await.expect("create the bench database");
        }
        let url = format!("{base}/{name}");
        kept.push(open_or_build(url, Backend::Postgres, count, || ()).await);
        let _ = admin.close().await;
    }
    kept
}

async fn open_or_build(url: String, backend: Backend, count: usize, remove: impl Fn()) -> Kept {
    if let Ok(db) = storage::connect(&url).await {
        if let Some(build_seconds) = build_seconds(&db, count).await {
            println!("{backend:?}: the portal of {count} users kept from an earlier run is used");
            let t = TestDb { url, db, backend };
            // Earlier runs' writes left segments in the SQLite search index: merged as the server keeps it.
            upkeep(&t, 200).await;
            settle(&t).await;
            return Kept { t, build_seconds };
        }
        // An interrupted build: start again from an empty database.
        if backend == Backend::Postgres {
            db.execute_unprepared("DROP SCHEMA public CASCADE; CREATE SCHEMA public")
                .await
                .expect("empty the database");
        }
        let _ = db.close().await;
    }
    remove();
    let db = storage::connect(&url).await.expect("open the bench database");
    let t = TestDb { url, db, backend };
    let start = std::time::Instant::now();
    fill(&t, count).await;
    let build_seconds = start.elapsed().as_secs_f64();
    mark_complete(&t, count, build_seconds).await;
    println!("{backend:?}: {count} users written in {build_seconds:.1} s (kept for the next run)");
    settle(&t).await;
    Kept { t, build_seconds }
}

/// What the server's upkeep task does every 2 seconds (`storage::search::merge_step`), `steps` times: the SQLite
/// search index's segments merged, outside any timed write. Nothing on PostgreSQL.
pub async fn upkeep(t: &TestDb, steps: usize) {
    for _ in 0..steps {
        storage::search::merge_step(&t.db).await.expect("a merge step of the search index");
    }
}

/// Puts a freshly built portal on the disk before anything is timed: the database's own log written back into its
/// files (SQLite's WAL checkpointed, PostgreSQL's `CHECKPOINT`), then the kernel's dirty pages flushed. Without it
/// the writeback of the build's hundreds of MB ran during the first timed confirms and made them stall.
async fn settle(t: &TestDb) {
    let checkpoint = match t.backend {
        Backend::Sqlite => "PRAGMA wal_checkpoint(TRUNCATE)",
        Backend::Postgres => "CHECKPOINT",
    };
    t.db.execute_unprepared(checkpoint).await.expect("checkpoint the built portal");
    let _ = std::process::Command::new("sync").status();
}

/// Removes what a benchmark's import added (its users, their invitations, the import record and its activity), so
/// a kept portal stays the size it was built with.
pub async fn remove_import(t: &TestDb, import_id: i64) {
    for sql in [
        format!("DELETE FROM invitations WHERE user_id IN (SELECT id FROM users WHERE import_id = {import_id})"),
        format!("DELETE FROM users WHERE import_id = {import_id}"),
        format!("DELETE FROM activity WHERE subject_id = {import_id} AND action LIKE '%import%'"),
        format!("DELETE FROM imports WHERE id = {import_id}"),
    ] {
        t.db.execute_unprepared(&sql).await.expect("cleaning up after the benchmark");
    }
}

/// Removes an import's record and its activity, keeping its users (an update's, or an undone sync's).
pub async fn remove_record(t: &TestDb, import_id: i64) {
    for sql in [
        format!("DELETE FROM activity WHERE subject_id = {import_id} AND action LIKE '%import%'"),
        format!("UPDATE groups SET import_id = NULL WHERE import_id = {import_id}"),
        format!("DELETE FROM imports WHERE id = {import_id}"),
    ] {
        t.db.execute_unprepared(&sql).await.expect("cleaning up after the benchmark");
    }
}

/// Removes users a benchmark inserted directly, by the prefix of their (lower-case ASCII) email: a range of the
/// unique index, not a `LIKE`, which would read a million rows and empty the database's page cache before the next
/// timed run.
pub async fn remove_users(t: &TestDb, email_prefix: &str) {
    let (from, to) = (email_prefix, format!("{email_prefix}\u{7f}"));
    let sql = format!("DELETE FROM users WHERE email_normalized >= '{from}' AND email_normalized < '{to}'");
    t.db.execute_unprepared(&sql).await.expect("remove the benchmark's users");
}
