//! Opening the database named by `DATABASE_URL` and bringing its schema up to date: the same SQLite settings on
//! every pooled connection, migrations that one process at a time runs, and write transactions that take SQLite's
//! write lock when they begin.

use sea_orm::sqlx::sqlite::{SqliteConnectOptions, SqliteJournalMode, SqliteSynchronous};
use sea_orm::{
    ConnectOptions, ConnectionTrait, Database, DatabaseConnection, DbErr, SqliteTransactionMode, TransactionOptions,
    TransactionTrait,
};
use sea_orm_migration::MigratorTrait;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use crate::migration::Migrator;

/// How long a statement waits for another connection's write lock on SQLite before it fails with
/// "database is locked". Imports write 250 rows in a few milliseconds, so five seconds is a long queue.
pub const SQLITE_BUSY_TIMEOUT: Duration = Duration::from_secs(5);

/// How long a process waits for another one's migrations before it gives up. Migrations are short, but one that
/// rewrites a million users may take minutes; a process stuck longer than this is not going to finish.
const MIGRATION_LOCK_TIMEOUT: Duration = Duration::from_secs(600);

/// The key of the PostgreSQL advisory lock that serialises migrations ("bulkimpt" in ASCII). Advisory locks are
/// per database, so two portals on one server do not wait for each other.
const MIGRATION_LOCK_KEY: i64 = 0x6275_6c6b_696d_7074;

/// The two databases the portal runs on.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Backend {
    Sqlite,
    Postgres,
}

impl Backend {
    pub fn of(db: &impl ConnectionTrait) -> Self {
        Backend::of_backend(db.get_database_backend())
    }

    pub fn of_backend(backend: sea_orm::DatabaseBackend) -> Self {
        match backend {
            sea_orm::DatabaseBackend::Postgres => Backend::Postgres,
            _ => Backend::Sqlite,
        }
    }
}

/// Connects, creating the SQLite file (and its folder) on first start, and runs every pending migration. Processes
/// starting together on one database take turns: the first migrates, the others wait and then find nothing to do.
pub async fn connect(url: &str) -> Result<DatabaseConnection, DbErr> {
    match SqliteTarget::parse(url)? {
        Some(target) => {
            // Taken before the pool opens: switching a new file to WAL needs an exclusive lock that SQLite does not
            // wait for, so that too must happen in one process at a time.
            let _lock = match &target.file {
                Some(file) => Some(FileLock::acquire(&migration_lock_path(file)).await?),
                None => None,
            };
            let db = Database::connect(sqlite_options(&target.url)).await?;
            Migrator::up(&db, None).await?;
            Ok(db)
        }
        None => {
            let db = Database::connect(postgres_options(url)).await?;
            let lock = AdvisoryLock::acquire(url).await?;
            let migrated = Migrator::up(&db, None).await;
            lock.release().await;
            migrated?;
            Ok(db)
        }
    }
}

/// Begins a transaction that writes. On SQLite it is `BEGIN IMMEDIATE`: the write lock is taken at once, waiting up
/// to [`SQLITE_BUSY_TIMEOUT`] for another writer. A deferred transaction that reads first would instead get
/// `SQLITE_BUSY` at once when it comes to write after another connection did (SQLite cannot wait there without
/// risking a deadlock). PostgreSQL starts a plain transaction.
pub async fn begin_write<C: TransactionTrait>(db: &C) -> Result<C::Transaction, DbErr> {
    db.begin_with_options(TransactionOptions {
        sqlite_transaction_mode: Some(SqliteTransactionMode::Immediate),
        ..Default::default()
    })
    .await
}

fn pool_options(url: &str, max_connections: u32) -> ConnectOptions {
    let mut options = ConnectOptions::new(url.to_owned());
    options
        .max_connections(max_connections)
        .min_connections(1)
        .connect_timeout(Duration::from_secs(10))
        .acquire_timeout(Duration::from_secs(10))
        .sqlx_logging(false);
    options
}

/// Every connection the pool opens gets these settings: a pragma run once applies to one connection only.
fn sqlite_options(url: &str) -> ConnectOptions {
    let mut options = pool_options(url, 8);
    options.map_sqlx_sqlite_opts(|sqlite: SqliteConnectOptions| {
        sqlite
            // Readers run while an import writes.
            .journal_mode(SqliteJournalMode::Wal)
            // In WAL mode NORMAL loses no committed transaction on a crash of the process (only on a power cut,
            // the last ones), and saves an fsync per commit.
            .synchronous(SqliteSynchronous::Normal)
            .busy_timeout(SQLITE_BUSY_TIMEOUT)
            .foreign_keys(true)
    });
    options
}

fn postgres_options(url: &str) -> ConnectOptions {
    pool_options(url, 16)
}

/// A `sqlite:` URL made ready to open: its folder exists, the file is created when missing (`mode=rwc`).
#[derive(Debug, PartialEq)]
struct SqliteTarget {
    url: String,
    /// The database file; `None` for an in-memory database.
    file: Option<PathBuf>,
}

impl SqliteTarget {
    /// `None` when `url` is not SQLite's.
    fn parse(url: &str) -> Result<Option<Self>, DbErr> {
        let Some(rest) = url.strip_prefix("sqlite:") else {
            return Ok(None);
        };
        let path_part = rest.trim_start_matches("//");
        let (path, query) = match path_part.split_once('?') {
            Some((p, q)) => (p, Some(q)),
            None => (path_part, None),
        };
        let in_memory = path == ":memory:" || path.is_empty() || query.is_some_and(|q| q.contains("mode=memory"));
        let file = (!in_memory).then(|| PathBuf::from(path));
        if let Some(parent) = file.as_deref().and_then(Path::parent).filter(|p| !p.as_os_str().is_empty()) {
            std::fs::create_dir_all(parent)
                .map_err(|e| DbErr::Custom(format!("cannot create the folder {}: {e}", parent.display())))?;
        }
        let query = match query {
            Some(q) if q.contains("mode=") => q.to_owned(),
            Some(q) => format!("{q}&mode=rwc"),
            None => "mode=rwc".to_owned(),
        };
        Ok(Some(SqliteTarget { url: format!("sqlite://{path}?{query}"), file }))
    }
}

/// The lock file beside a database: `data/portal.db` → `data/portal.db.migrate.lock`. It stays after use (removing
/// it would let a process lock a file that another has just replaced); it is empty.
fn migration_lock_path(database: &Path) -> PathBuf {
    let mut name = database.as_os_str().to_owned();
    name.push(".migrate.lock");
    PathBuf::from(name)
}

/// An exclusive lock on a file (the standard library's `File::try_lock`, `flock` on Linux: no crate needed), held by
/// this process until dropped. The operating system releases it when the process ends however it ends, so a killed
/// server never leaves the next one waiting. A lock inside SQLite itself (`BEGIN EXCLUSIVE` on the database) would
/// block the migrations' own connections, and could not cover the switch to WAL, which happens as the pool opens.
struct FileLock {
    _file: std::fs::File,
}

impl FileLock {
    async fn acquire(path: &Path) -> Result<Self, DbErr> {
        let file = std::fs::OpenOptions::new()
            .create(true)
            .truncate(false)
            .write(true)
            .open(path)
            .map_err(|e| DbErr::Custom(format!("cannot open the migration lock {}: {e}", path.display())))?;
        let started = Instant::now();
        let mut said = false;
        loop {
            match file.try_lock() {
                Ok(()) => return Ok(FileLock { _file: file }),
                Err(std::fs::TryLockError::WouldBlock) => {}
                Err(std::fs::TryLockError::Error(e)) => {
                    return Err(DbErr::Custom(format!("cannot lock {}: {e}", path.display())));
                }
            }
            if !said {
                tracing::info!(lock = %path.display(), "another process is migrating this database: waiting");
                said = true;
            }
            if started.elapsed() > MIGRATION_LOCK_TIMEOUT {
                return Err(DbErr::Custom(format!(
                    "another process has been migrating this database for {} s (lock {}): giving up",
                    MIGRATION_LOCK_TIMEOUT.as_secs(),
                    path.display()
                )));
            }
            tokio::time::sleep(Duration::from_millis(50)).await;
        }
    }
}

/// A PostgreSQL session-level advisory lock on a connection of its own (a pool of one), so the lock and its
/// release run in one session while the migrations use the main pool. If this process dies, its session ends
/// and the server releases the lock.
struct AdvisoryLock {
    db: DatabaseConnection,
}

impl AdvisoryLock {
    async fn acquire(url: &str) -> Result<Self, DbErr> {
        let db = Database::connect(pool_options(url, 1)).await?;
        // `lock_timeout` also bounds the wait for an advisory lock.
        db.execute_unprepared(&format!("SET lock_timeout = '{}s'", MIGRATION_LOCK_TIMEOUT.as_secs())).await?;
        db.execute_unprepared(&format!("SELECT pg_advisory_lock({MIGRATION_LOCK_KEY})")).await?;
        Ok(AdvisoryLock { db })
    }

    /// Unlocks and closes the session. Errors are only logged: closing the session releases the lock anyway.
    async fn release(self) {
        if let Err(e) = self.db.execute_unprepared(&format!("SELECT pg_advisory_unlock({MIGRATION_LOCK_KEY})")).await {
            tracing::warn!(error = %e, "could not release the migration lock; closing its session releases it");
        }
        let _ = self.db.close().await;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sqlite_urls_get_create_mode_and_name_their_file() {
        let memory = SqliteTarget::parse("sqlite::memory:").unwrap().unwrap();
        assert_eq!(memory, SqliteTarget { url: "sqlite://:memory:?mode=rwc".into(), file: None });
        assert_eq!(SqliteTarget::parse("postgres://a@b/c").unwrap(), None);
        let dir = std::env::temp_dir().join("connect-url-test");
        let file = SqliteTarget::parse(&format!("sqlite://{}/p.db?cache=shared", dir.display())).unwrap().unwrap();
        assert_eq!(file.url, format!("sqlite://{}/p.db?cache=shared&mode=rwc", dir.display()));
        assert_eq!(file.file, Some(dir.join("p.db")));
    }

    #[test]
    fn the_migration_lock_sits_beside_the_database() {
        assert_eq!(migration_lock_path(Path::new("data/portal.db")), PathBuf::from("data/portal.db.migrate.lock"));
    }
}
