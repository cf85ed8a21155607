//! Remembered column matchings: the panel asks for the admin's last matching of a file's header row (applied at
//! once, with a notice) and remembers the one the admin confirms. A header row is known by a SHA-256 of its cells
//! as the rules compare them, so `Prénom` and `PRENOM` are the same row; the matching is kept as JSON.

use rules::ColumnMatching;
use sha2::{Digest, Sha256};
use storage::{DatabaseConnection, DbErr};

/// More header cells than any real file has: the request is refused rather than hashed.
pub const MAX_HEADER_CELLS: usize = 100;
/// The longest header cell accepted, in bytes.
pub const MAX_HEADER_BYTES: usize = 200;

#[derive(Debug, thiserror::Error)]
pub enum MatchingError {
    #[error("invalid request: {0}")]
    BadRequest(&'static str),
    /// The matching does not fit the header row it is given for.
    #[error("this matching does not fit the header: {0}")]
    Invalid(#[from] rules::MatchingError),
    #[error(transparent)]
    Database(#[from] DbErr),
}

/// The admin's last matching for this header row, if there is one that still fits it.
pub async fn remembered(
    db: &DatabaseConnection,
    admin_id: i64,
    headers: &[String],
) -> Result<Option<ColumnMatching>, MatchingError> {
    check_headers(headers)?;
    let Some(row) = storage::column_matchings::find(db, admin_id, &header_hash(headers)).await? else {
        return Ok(None);
    };
    // A row written by an older version that no longer reads, or no longer fits: as if none was remembered.
    let matching = serde_json::from_str::<ColumnMatching>(&row.matching).ok();
    Ok(matching.filter(|m| m.check().is_ok() && m.check_headers(headers).is_ok()))
}

/// Remembers the matching the admin confirmed for this header row (replacing the one before).
pub async fn remember(
    db: &DatabaseConnection,
    admin_id: i64,
    headers: &[String],
    matching: &ColumnMatching,
) -> Result<(), MatchingError> {
    check_headers(headers)?;
    if matching.cells.len() > headers.len() {
        return Err(MatchingError::BadRequest("more matched cells than header cells"));
    }
    matching.check()?;
    matching.check_headers(headers)?;
    let json = serde_json::to_string(matching).map_err(|_| MatchingError::BadRequest("unserialisable matching"))?;
    storage::column_matchings::remember(db, admin_id, &header_hash(headers), &json, chrono::Utc::now()).await?;
    Ok(())
}

fn check_headers(headers: &[String]) -> Result<(), MatchingError> {
    if headers.is_empty() || headers.len() > MAX_HEADER_CELLS {
        return Err(MatchingError::BadRequest("1 to 100 header cells"));
    }
    if headers.iter().any(|h| h.len() > MAX_HEADER_BYTES) {
        return Err(MatchingError::BadRequest("a header cell is too long"));
    }
    Ok(())
}

/// The key of a header row: SHA-256 (hex) of [`ColumnMatching::row_key`].
pub fn header_hash(headers: &[String]) -> String {
    hex::encode(Sha256::digest(ColumnMatching::row_key(headers).as_bytes()))
}
