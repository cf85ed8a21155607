//! Faults in the middle of a confirm: the server killed (SIGKILL) and the database stopped while the import's
//! transaction is open. Nothing of the import remains, the admin gets an answer that says so (or no answer), and
//! the same request sent again afterwards imports everything once.

use std::process::Command;
use std::time::{Duration, Instant};

use domain::{ConfirmAnswer, ConfirmRequest, SubmittedRow};
use sea_orm::{ConnectionTrait, Database, Statement};
use storage::{Backend, DatabaseConnection};

use crate::support::{sign_in, Server};

const ADMIN: &str = "faults@example.com";
const PASSWORD: &str = "a faults passphrase";

fn request(id: &str) -> ConfirmRequest {
    ConfirmRequest {
        request_id: id.to_owned(),
        file_name: "faults.csv".into(),
        file_sha256: "0".repeat(64),
        rows: (0..250)
            .map(|r| SubmittedRow {
                row: r + 2,
                values: vec![
                    "Ana".into(),
                    "Roux".into(),
                    format!("fault{r}@example.org"),
                    String::new(),
                    "FR".into(),
                    "fr".into(),
                ],
                seen: None,
            })
            .collect(),
        send_invitations: true,
        ignore_errors: false,
        roster: Default::default(),
    }
}

async fn count(db: &DatabaseConnection, table: &str) -> i64 {
    let sql = format!("SELECT COUNT(*) AS n FROM {table}");
    let row = db.query_one_raw(Statement::from_string(db.get_database_backend(), sql)).await.unwrap().unwrap();
    row.try_get("", "n").unwrap()
}

/// Makes the confirm's last write (queuing the invitations) take seconds, so a fault can strike while its
/// transaction is open. SQLite cannot sleep: it counts to thirty million instead.
async fn slow_down_the_last_write(db: &DatabaseConnection, backend: Backend) {
    let statements: &[&str] = match backend {
        Backend::Sqlite => &["CREATE TRIGGER slow_invitations BEFORE INSERT ON invitations \
             WHEN NOT EXISTS (SELECT 1 FROM invitations) BEGIN \
             SELECT count(*) FROM (WITH RECURSIVE c(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM c WHERE x < 30000000) \
             SELECT x FROM c); END"],
        Backend::Postgres => &[
            "CREATE FUNCTION slow_invitations() RETURNS trigger AS $$ BEGIN PERFORM pg_sleep(4); RETURN NULL; END $$ \
             LANGUAGE plpgsql",
            "CREATE TRIGGER slow_invitations BEFORE INSERT ON invitations FOR EACH STATEMENT \
             EXECUTE FUNCTION slow_invitations()",
        ],
    };
    for sql in statements {
        db.execute_unprepared(sql).await.expect("install the slow trigger");
    }
}

async fn back_to_normal(db: &DatabaseConnection) {
    db.execute_unprepared("DROP TRIGGER IF EXISTS slow_invitations ON invitations").await.ok();
    db.execute_unprepared("DROP TRIGGER IF EXISTS slow_invitations").await.ok();
}

async fn confirm(
    client: &reqwest::Client,
    address: &str,
    cookie: &str,
    id: &str,
) -> reqwest::Result<reqwest::Response> {
    client
        .post(format!("{address}/api/confirm_import"))
        .header("origin", address)
        .header("cookie", cookie)
        .json(&serde_json::json!({ "request": request(id) }))
        .send()
        .await
}

/// Waits until the server holds SQLite's write lock (the confirm's transaction is open): a write transaction
/// of this test's own, with no patience, is refused then.
async fn wait_for_the_writer(url: &str) {
    let mut options = sea_orm::ConnectOptions::new(url.to_owned());
    options.max_connections(1).sqlx_logging(false);
    let probe = Database::connect(options).await.unwrap();
    probe.execute_unprepared("PRAGMA busy_timeout = 0").await.unwrap();
    let start = Instant::now();
    while probe.execute_unprepared("BEGIN IMMEDIATE").await.is_ok() {
        probe.execute_unprepared("ROLLBACK").await.unwrap();
        assert!(start.elapsed() < Duration::from_secs(20), "the confirm never opened its transaction");
        tokio::time::sleep(Duration::from_millis(20)).await;
    }
}

/// Waits until PostgreSQL shows a backend sleeping in the slow trigger.
async fn wait_for_the_sleep(db: &DatabaseConnection) {
    let start = Instant::now();
    while count(db, "pg_stat_activity WHERE wait_event = 'PgSleep'").await == 0 {
        assert!(start.elapsed() < Duration::from_secs(20), "the confirm never reached its last write");
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
}

async fn retry_imports_everything_once(t_db: &DatabaseConnection, url: &str, id: &str) {
    let server = Server::start(url, &[]).await;
    let client = reqwest::Client::new();
    let cookie = sign_in(&client, &server.address, ADMIN, PASSWORD).await;
    let response = confirm(&client, &server.address, &cookie, id).await.expect("an answer");
    assert_eq!(response.status(), 200);
    let answer: ConfirmAnswer = response.json().await.unwrap();
    assert!(answer.imported && answer.created == 250, "{answer:?}");
    assert_eq!(
        (count(t_db, "users").await, count(t_db, "imports").await, count(t_db, "invitations").await),
        (250, 1, 250)
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_server_killed_during_a_confirm_leaves_nothing_and_the_same_request_then_imports_once() {
    for t in storage::testing::all().await {
        service::auth::create_admin(&t.db, ADMIN, PASSWORD).await.unwrap();
        slow_down_the_last_write(&t.db, t.backend).await;
        let mut server = Server::start(&t.url, &[]).await;
        let client = reqwest::Client::new();
        let cookie = sign_in(&client, &server.address, ADMIN, PASSWORD).await;
        let (address, cookie_sent) = (server.address.clone(), cookie.clone());
        let sent =
            tokio::spawn(async move { confirm(&reqwest::Client::new(), &address, &cookie_sent, "killed").await });
        match t.backend {
            Backend::Postgres => wait_for_the_sleep(&t.db).await,
            Backend::Sqlite => wait_for_the_writer(&t.url).await,
        }
        server.kill();
        assert!(sent.await.unwrap().is_err(), "{:?}: the killed server gave no answer", t.backend);
        let left = (count(&t.db, "users").await, count(&t.db, "imports").await, count(&t.db, "invitations").await);
        assert_eq!(left, (0, 0, 0), "{:?}: nothing of the import remains", t.backend);
        back_to_normal(&t.db).await;
        retry_imports_everything_once(&t.db, &t.url, "killed").await;
    }
}

/// A private PostgreSQL server this test may stop and start (the shared one serves the other tests).
fn private_postgres(action: &str, port: u16) -> String {
    let script = concat!(env!("CARGO_MANIFEST_DIR"), "/../scripts/postgres.sh");
    let output = Command::new("bash")
        .arg(script)
        .arg(action)
        .env("TEST_PG_PORT", port.to_string())
        .env("TEST_PG_DATA", std::env::temp_dir().join(format!("bulk-import-faults-pg-{port}")))
        .output()
        .expect("run scripts/postgres.sh");
    assert!(output.status.success(), "{}", String::from_utf8_lossy(&output.stderr));
    String::from_utf8_lossy(&output.stdout).trim().to_owned()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_database_stopping_during_a_confirm_loses_nothing_and_the_same_request_then_imports_once() {
    // Only where PostgreSQL runs for the tests (always in `make test` and `make verify`).
    let Some(shared) = storage::testing::postgres().await else { return };
    drop(shared);
    let port = delivery::testing::free_port();
    let admin_url = private_postgres("start", port);
    let admin = Database::connect(&admin_url).await.unwrap();
    admin.execute_unprepared("DROP DATABASE IF EXISTS faults").await.unwrap();
    admin.execute_unprepared("CREATE DATABASE faults").await.unwrap();
    drop(admin);
    let url = format!("{}/faults", admin_url.rsplit_once('/').unwrap().0);
    let db = storage::connect(&url).await.unwrap();
    service::auth::create_admin(&db, ADMIN, PASSWORD).await.unwrap();
    slow_down_the_last_write(&db, Backend::Postgres).await;

    let server = Server::start(&url, &[]).await;
    let client = reqwest::Client::new();
    let cookie = sign_in(&client, &server.address, ADMIN, PASSWORD).await;
    let (address, cookie_sent) = (server.address.clone(), cookie.clone());
    let sent = tokio::spawn(async move { confirm(&reqwest::Client::new(), &address, &cookie_sent, "stopped").await });
    wait_for_the_sleep(&db).await;
    drop(db);
    private_postgres("stop", port);
    let response = sent.await.unwrap().expect("the server answers");
    let status = response.status();
    let body = response.text().await.unwrap();
    assert!(status.is_server_error() && body.contains("Internal"), "{status}: {body}");

    private_postgres("start", port);
    let db = storage::connect(&url).await.unwrap();
    assert_eq!((count(&db, "users").await, count(&db, "imports").await), (0, 0), "nothing of the import remains");
    back_to_normal(&db).await;
    // The running server reconnects by itself: the admin only has to confirm again.
    let again = confirm(&client, &server.address, &cookie, "stopped").await.expect("an answer");
    assert_eq!(again.status(), 200, "{}", again.text().await.unwrap_or_default());
    assert_eq!(
        (count(&db, "users").await, count(&db, "imports").await, count(&db, "invitations").await),
        (250, 1, 250)
    );
    drop(server);
    private_postgres("stop", port);
    let _ = std::fs::remove_dir_all(std::env::temp_dir().join(format!("bulk-import-faults-pg-{port}")));
}
