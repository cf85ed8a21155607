//! Named queries behind the sign-in throttle: one counter per key, taken atomically, and the addresses each
//! account signed in from. Times are milliseconds since 1970 (see migration 000010).

use sea_orm::{ConnectionTrait, DbErr, Statement, Value};

use crate::Backend;

/// How a key's counter turns into waiting: the first `free` attempts wait nothing; from then on each attempt
/// makes the next one wait `base_ms`, doubled at every further attempt, at most `max_doublings` times.
#[derive(Clone, Copy, Debug)]
pub struct Policy {
    /// At least 2: the first attempt of a new key never waits.
    pub free: i32,
    pub base_ms: i64,
    pub max_doublings: i32,
}

/// The answer to "may this attempt check a password?".
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Claim {
    /// Yes, and it is the key's `n`-th attempt since its last success.
    Granted(i32),
    /// No: the key waits until this time.
    WaitUntil(i64),
}

/// One statement per backend: `$n` for PostgreSQL, SQLite's own `?n`.
fn statement(db: &impl ConnectionTrait, sql: &str, values: Vec<Value>) -> Statement {
    let backend = db.get_database_backend();
    let sql = match Backend::of_backend(backend) {
        Backend::Postgres => sql.to_owned(),
        Backend::Sqlite => sql.replace('$', "?"),
    };
    Statement::from_sql_and_values(backend, sql, values)
}

/// Counts an attempt for `key` unless it must wait, in one statement: the count and the next wait are written
/// before any password is checked, so parallel attempts each get their own number and none slips past the limit.
pub async fn claim(db: &impl ConnectionTrait, key: &str, now_ms: i64, policy: Policy) -> Result<Claim, DbErr> {
    // A free attempt leaves `next_at` at 0, not at its own `now`: requests whose clocks were read a moment apart
    // (two processes, or one delayed on its way to the database) must not refuse each other.
    const CLAIM: &str = "INSERT INTO sign_in_throttle (key, failures, next_at, last_at) VALUES ($1, 1, 0, $2) \
        ON CONFLICT (key) DO UPDATE SET \
          failures = sign_in_throttle.failures + 1, \
          next_at = CASE \
            WHEN sign_in_throttle.failures + 1 < $3 THEN 0 \
            WHEN sign_in_throttle.failures + 1 - $3 >= $5 THEN $2 + ($4 << $5) \
            ELSE $2 + ($4 << (sign_in_throttle.failures + 1 - $3)) END, \
          last_at = $2 \
        WHERE sign_in_throttle.next_at <= $2 \
        RETURNING failures";
    let values =
        vec![key.into(), now_ms.into(), policy.free.into(), policy.base_ms.into(), policy.max_doublings.into()];
    if let Some(row) = db.query_one_raw(statement(db, CLAIM, values)).await? {
        return Ok(Claim::Granted(row.try_get("", "failures")?));
    }
    let row = db
        .query_one_raw(statement(db, "SELECT next_at FROM sign_in_throttle WHERE key = $1", vec![key.into()]))
        .await?;
    // Gone between the two statements (a success or a purge): the next attempt starts afresh.
    Ok(Claim::WaitUntil(row.map(|r| r.try_get("", "next_at")).transpose()?.unwrap_or(now_ms)))
}

/// Forgets these keys' counters (after a success).
pub async fn forget(db: &impl ConnectionTrait, keys: &[&str]) -> Result<(), DbErr> {
    for key in keys {
        db.execute_raw(statement(db, "DELETE FROM sign_in_throttle WHERE key = $1", vec![(*key).into()])).await?;
    }
    Ok(())
}

/// Takes back one counted attempt of `key` (a sign-in that turned out right): the counter counts failures only,
/// and with fewer than `policy.free` left, no wait remains.
pub async fn uncount(db: &impl ConnectionTrait, key: &str, policy: Policy) -> Result<(), DbErr> {
    let sql = "UPDATE sign_in_throttle SET failures = failures - 1, \
        next_at = CASE WHEN failures - 1 < $2 THEN 0 ELSE next_at END \
        WHERE key = $1 AND failures > 0";
    db.execute_raw(statement(db, sql, vec![key.into(), policy.free.into()])).await?;
    Ok(())
}

/// Forgets every counter of an account: its own and those of the account from each address (`<account>@...`).
/// Returns how many there were.
pub async fn forget_account(db: &impl ConnectionTrait, account: &str) -> Result<u64, DbErr> {
    let sql = "DELETE FROM sign_in_throttle WHERE key = $1 OR key LIKE $2";
    let result = db.execute_raw(statement(db, sql, vec![account.into(), format!("{account}@%").into()])).await?;
    Ok(result.rows_affected())
}

/// Drops the counters untouched since `before_ms` and the addresses not used since `addresses_before_ms`: the
/// tables hold what a day of attempts and a season of successes left, never more.
pub async fn purge(db: &impl ConnectionTrait, before_ms: i64, addresses_before_ms: i64) -> Result<(), DbErr> {
    db.execute_raw(statement(db, "DELETE FROM sign_in_throttle WHERE last_at < $1", vec![before_ms.into()])).await?;
    db.execute_raw(statement(db, "DELETE FROM sign_in_addresses WHERE last_at < $1", vec![addresses_before_ms.into()]))
        .await?;
    Ok(())
}

/// Remembers that `account` signed in from `address`.
pub async fn remember_address(
    db: &impl ConnectionTrait,
    account: &str,
    address: &str,
    now_ms: i64,
) -> Result<(), DbErr> {
    let sql = "INSERT INTO sign_in_addresses (account, address, last_at) VALUES ($1, $2, $3) \
        ON CONFLICT (account, address) DO UPDATE SET last_at = $3";
    db.execute_raw(statement(db, sql, vec![account.into(), address.into(), now_ms.into()])).await?;
    Ok(())
}

/// Whether `account` has signed in from `address` before.
pub async fn is_known_address(db: &impl ConnectionTrait, account: &str, address: &str) -> Result<bool, DbErr> {
    let sql = "SELECT 1 AS known FROM sign_in_addresses WHERE account = $1 AND address = $2";
    Ok(db.query_one_raw(statement(db, sql, vec![account.into(), address.into()])).await?.is_some())
}
