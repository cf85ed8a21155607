//! The duplicate index's keys: what makes two rows' emails or identifiers the same (an email's key is its lower
//! case, kept without a copy when the email already is), their FxHash hashes, and the one-pass scan for the rows
//! sharing a key.

use std::hash::BuildHasher;

use rustc_hash::FxBuildHasher;

use crate::email::is_valid_email;
use crate::{unicode, Column, RowReport};

/// The key that makes two emails the same user (`crate::row::normalize_email`), kept without a copy when it is
/// the value itself (an email already in lower case, as most are).
#[derive(Clone, Debug, Default)]
pub(super) enum EmailKey {
    /// The email is not valid: it has no key, and is nobody's duplicate.
    #[default]
    None,
    Value,
    Lower(Box<str>),
}

impl EmailKey {
    pub(super) fn of(email: &str) -> EmailKey {
        EmailKey::of_checked(email, is_valid_email(email))
    }

    /// The key of an email already checked: `valid` is the rule's answer.
    pub(super) fn of_checked(email: &str, valid: bool) -> EmailKey {
        if !valid {
            return EmailKey::None;
        }
        if email.is_ascii() && !email.bytes().any(|b| b.is_ascii_uppercase()) {
            return EmailKey::Value;
        }
        // The sheet's values are already trimmed and in NFC: lower case is all the key adds.
        let lower = unicode::lowercase(email);
        if lower == email {
            EmailKey::Value
        } else {
            EmailKey::Lower(lower.into_boxed_str())
        }
    }
}

/// The duplicate key of a row's email (when valid) or identifier (when set).
pub(super) fn key<'a>(
    rows: &'a [RowReport],
    email_keys: &'a [EmailKey],
    index: usize,
    column: Column,
) -> Option<&'a str> {
    let value = rows[index].value(column);
    match column {
        Column::Email => match &email_keys[index] {
            EmailKey::None => None,
            EmailKey::Value => Some(value),
            EmailKey::Lower(lower) => Some(lower),
        },
        Column::Identifier if !value.is_empty() => Some(value),
        _ => None,
    }
}

pub(super) fn hash(key: &str) -> u64 {
    FxBuildHasher.hash_one(key)
}

/// Where a keyed column's hash is in the sheet's `hashes`.
pub(super) fn slot(column: Column) -> usize {
    usize::from(column != Column::Email)
}

/// A row's key hashes.
pub(super) fn hashes_of(rows: &[RowReport], email_keys: &[EmailKey], index: usize) -> [u64; 2] {
    KEYED.map(|column| key(rows, email_keys, index, column).map_or(0, hash))
}

/// The two columns whose values must be unique in the file and new to the portal.
pub(super) const KEYED: [Column; 2] = [Column::Email, Column::Identifier];

/// Adds to `out`, in file order, the rows other than `index` whose `column` has the key `k` (row `index`'s):
/// one pass over the rows' key hashes, strings compared only where the hashes are equal.
pub(super) fn sharing(
    rows: &[RowReport],
    email_keys: &[EmailKey],
    hashes: &[[u64; 2]],
    index: usize,
    column: Column,
    k: &str,
    out: &mut Vec<usize>,
) {
    let s = slot(column);
    let h = hashes[index][s];
    for (j, row_hashes) in hashes.iter().enumerate() {
        if row_hashes[s] == h && j != index && key(rows, email_keys, j, column) == Some(k) {
            out.push(j);
        }
    }
}
