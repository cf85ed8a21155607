//! Opening the database named by `DATABASE_URL` and bringing its schema up to date, with the same SQLite settings
//! on every pooled connection, and write transactions that take SQLite's write lock when they begin.

use sea_orm::sqlx::sqlite::{SqliteConnectOptions, SqliteJournalMode, SqliteSynchronous};
use sea_orm::{
    ConnectOptions, ConnectionTrait, Database, DatabaseConnection, DbErr, SqliteTransactionMode, TransactionOptions,
    TransactionTrait,
};
use sea_orm_migration::MigratorTrait;
use std::time::Duration;

use crate::migration::Migrator;

/// How long a statement waits for another connection's write lock on SQLite before it fails with
/// "database is locked". Imports write 250 rows in a few milliseconds, so five seconds is a long queue.
pub const SQLITE_BUSY_TIMEOUT: Duration = Duration::from_secs(5);

/// The two databases the portal runs on.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Backend {
    Sqlite,
    Postgres,
}

impl Backend {
    pub fn of(db: &impl ConnectionTrait) -> Self {
        match db.get_database_backend() {
            sea_orm::DatabaseBackend::Postgres => Backend::Postgres,
            _ => Backend::Sqlite,
        }
    }
}

/// Connects, creating the SQLite file (and its folder) on first start, and runs every pending migration.
pub async fn connect(url: &str) -> Result<DatabaseConnection, DbErr> {
    let url = prepare_sqlite_url(url)?;
    let options = if url.starts_with("sqlite:") { sqlite_options(&url) } else { pool_options(&url, 16) };
    let db = Database::connect(options).await?;
    Migrator::up(&db, None).await?;
    Ok(db)
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

/// For `sqlite:` URLs: makes sure the folder exists and that the file is created when missing (`mode=rwc`).
fn prepare_sqlite_url(url: &str) -> Result<String, DbErr> {
    let Some(rest) = url.strip_prefix("sqlite:") else {
        return Ok(url.to_owned());
    };
    let path_part = rest.trim_start_matches("//");
    let (path, query) = match path_part.split_once('?') {
        Some((p, q)) => (p, Some(q)),
        None => (path_part, None),
    };
    if path != ":memory:" && !path.is_empty() {
        if let Some(parent) = std::path::Path::new(path).parent() {
            if !parent.as_os_str().is_empty() {
                std::fs::create_dir_all(parent)
                    .map_err(|e| DbErr::Custom(format!("cannot create the folder {}: {e}", parent.display())))?;
            }
        }
    }
    let query = match query {
        Some(q) if q.contains("mode=") => q.to_owned(),
        Some(q) => format!("{q}&mode=rwc"),
        None => "mode=rwc".to_owned(),
    };
    Ok(format!("sqlite://{path}?{query}"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sqlite_urls_get_create_mode() {
        assert_eq!(prepare_sqlite_url("sqlite::memory:").unwrap(), "sqlite://:memory:?mode=rwc");
        assert_eq!(prepare_sqlite_url("postgres://a@b/c").unwrap(), "postgres://a@b/c");
    }
}
