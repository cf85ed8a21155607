//! What a write that lost a race ran into, told from the database's error codes (not its messages): the database
//! was busy (try again), or a unique key was taken by another write (which column, for the users).

use std::ops::Deref;

use rules::Column;
use sea_orm::{DbErr, RuntimeErr};

/// A write that could succeed when tried again after a fresh check.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum WriteConflict {
    /// Locked or a serialisation failure: SQLite's `SQLITE_BUSY`/`SQLITE_LOCKED` (and their extended codes),
    /// PostgreSQL's `40001` (serialization failure), `40P01` (deadlock) and `55P03` (lock not available).
    Busy,
    /// A unique index refused the row: the users' email or identifier (`Some`), or another key (`None`: an import's
    /// request id, an admin's email...).
    Taken(Option<Column>),
}

impl WriteConflict {
    /// The conflict this error is, or `None` for any other error.
    pub fn of(err: &DbErr) -> Option<WriteConflict> {
        let (DbErr::Exec(RuntimeErr::SqlxError(e)) | DbErr::Query(RuntimeErr::SqlxError(e))) = err else {
            return None;
        };
        let sea_orm::sqlx::Error::Database(e) = e.deref() else { return None };
        let code = e.code()?;
        match classify(&code)? {
            Kind::Busy => Some(WriteConflict::Busy),
            Kind::Unique => {
                // PostgreSQL names the index; SQLite lists the indexed columns ("... failed: users.identifier").
                let key = e.constraint().map(str::to_owned).unwrap_or_else(|| e.message().to_owned());
                Some(WriteConflict::Taken(users_column(&key)))
            }
        }
    }
}

enum Kind {
    Busy,
    Unique,
}

fn classify(code: &str) -> Option<Kind> {
    match code {
        "23505" => return Some(Kind::Unique),
        "40001" | "40P01" | "55P03" => return Some(Kind::Busy),
        _ => {}
    }
    // SQLite: an extended result code, whose low byte is the primary code.
    let extended: u32 = code.parse().ok()?;
    match (extended, extended & 0xff) {
        (2067 | 1555, _) => Some(Kind::Unique),
        (_, 5 | 6) => Some(Kind::Busy),
        _ => None,
    }
}

/// The users' column a unique index covers, by the index's name (PostgreSQL) or column (SQLite).
fn users_column(key: &str) -> Option<Column> {
    if key.contains("users_email_normalized_key") || key.ends_with("users.email_normalized") {
        Some(Column::Email)
    } else if key.contains("users_identifier_key") || key.ends_with("users.identifier") {
        Some(Column::Identifier)
    } else {
        None
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_of_both_databases_are_classified() {
        assert!(matches!(classify("23505"), Some(Kind::Unique)));
        assert!(matches!(classify("2067"), Some(Kind::Unique)));
        assert!(matches!(classify("1555"), Some(Kind::Unique)));
        for busy in ["5", "6", "517", "261", "40001", "40P01", "55P03"] {
            assert!(matches!(classify(busy), Some(Kind::Busy)), "{busy}");
        }
        for other in ["19", "787", "23503", "42P01", ""] {
            assert!(classify(other).is_none(), "{other}");
        }
    }

    #[test]
    fn the_users_unique_keys_name_their_column() {
        assert_eq!(users_column("users_email_normalized_key"), Some(Column::Email));
        assert_eq!(users_column("UNIQUE constraint failed: users.identifier"), Some(Column::Identifier));
        assert_eq!(users_column("UNIQUE constraint failed: users.email_normalized"), Some(Column::Email));
        assert_eq!(users_column("imports_request_id_key"), None);
    }
}
