//! Test helpers: a fresh, migrated database of each backend for every test (or a new empty one, for tests of the
//! start-up itself).
//!
//! SQLite is a new file in the system's temporary folder. PostgreSQL is a new database created on the server
//! named by `TEST_POSTGRES_URL` (which `make test` starts, see scripts/postgres.sh). When that variable is unset
//! the PostgreSQL half is left out, unless `REQUIRE_POSTGRES=1` (set by `make test` and CI), where its absence
//! is a failure: CI never skips it.

use rand::Rng;
use sea_orm::{ConnectionTrait, Database, DatabaseConnection};

use crate::Backend;

/// A migrated database for one test, with its URL (so a second connection or a second server can share it).
pub struct TestDb {
    pub url: String,
    pub db: DatabaseConnection,
    pub backend: Backend,
}

fn unique_name() -> String {
    format!("test_{:016x}", rand::thread_rng().gen::<u64>())
}

/// The URL of a SQLite file that does not exist yet, in the system's temporary folder.
pub fn new_sqlite_url() -> String {
    let path = std::env::temp_dir().join(format!("bulk-import-{}.db", unique_name()));
    format!("sqlite://{}", path.display())
}

/// The URL of a new, empty PostgreSQL database (nothing migrated), or `None` when no server is configured and none
/// is required.
pub async fn new_postgres_url() -> Option<String> {
    let Ok(admin_url) = std::env::var("TEST_POSTGRES_URL") else {
        assert!(
            std::env::var("REQUIRE_POSTGRES").as_deref() != Ok("1"),
            "REQUIRE_POSTGRES=1 but TEST_POSTGRES_URL is not set: start one with scripts/postgres.sh"
        );
        eprintln!("TEST_POSTGRES_URL is not set: the PostgreSQL half of this test is not run");
        return None;
    };
    let name = unique_name();
    let admin = Database::connect(&admin_url).await.expect("connect to the PostgreSQL test server");
    admin.execute_unprepared(&format!("CREATE DATABASE {name}")).await.expect("create a PostgreSQL test database");
    let _ = admin.close().await;
    let base = admin_url.rsplit_once('/').map(|(b, _)| b).unwrap_or(&admin_url);
    Some(format!("{base}/{name}"))
}

/// New, empty databases of each backend available (URLs only, nothing migrated): for tests of the start-up.
pub async fn new_urls() -> Vec<(Backend, String)> {
    let mut urls = vec![(Backend::Sqlite, new_sqlite_url())];
    urls.extend(new_postgres_url().await.map(|url| (Backend::Postgres, url)));
    urls
}

pub async fn sqlite() -> TestDb {
    let url = new_sqlite_url();
    let db = crate::connect(&url).await.expect("open the SQLite test database");
    TestDb { url, db, backend: Backend::Sqlite }
}

/// A fresh PostgreSQL database, or `None` when no server is configured and none is required.
pub async fn postgres() -> Option<TestDb> {
    let url = new_postgres_url().await?;
    let db = crate::connect(&url).await.expect("open the PostgreSQL test database");
    Some(TestDb { url, db, backend: Backend::Postgres })
}

/// One fresh database of each backend available.
pub async fn all() -> Vec<TestDb> {
    let mut dbs = vec![sqlite().await];
    dbs.extend(postgres().await);
    dbs
}
