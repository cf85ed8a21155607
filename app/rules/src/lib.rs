//! The import rules, written once and compiled both into the browser's wasm bundle (instant highlighting) and
//! into the server (the authoritative check), so the two can never disagree. Pure: no I/O, no async, no
//! database. See docs/rules.md for the design.
//!
//! - [`check_reader`] / [`check_bytes`]: a whole file → a [`Report`] (file rejection, warnings, every row).
//! - [`SheetReader`]: the same reading fed slice by slice (the browser's tab reads a `File` in slices and stops
//!   at the first limit crossed).
//! - [`ColumnMatching`] and [`Preview`]: the admin's choice of which header cell feeds which column, and what
//!   helps to choose (header cells, sample values, suggestions).
//! - [`Sheet`]: the rows being edited in the browser (or received by the server), re-checked one cell at a time.
//! - [`write_csv`]: the CSV files the app writes (BOM, CRLF, RFC 4180, formulas neutralised), read back exactly.
//! - [`Lang`] and [`Catalog`]: the portal's languages and its one translation mechanism, used by the app too.

mod catalog;
mod codes;
mod column;
mod email;
mod encoding;
mod lang;
mod matching;
mod parse;
mod problem;
mod read;
mod report;
mod roster;
mod row;
mod sheet;
mod template;
mod unicode;
mod user_values;
mod valid_user;
mod values;
mod written;

pub use catalog::{empty_texts, Catalog, Sample};
pub use codes::{is_country, is_language, COUNTRIES, LANGUAGES};
pub use column::Column;
pub use email::valid_email;
pub use lang::Lang;
pub use matching::{suggest, ColumnMatching, MatchingError, Preview, SAMPLES};
pub use problem::{Code, Problem};
pub use read::{check_bytes, check_reader, check_reader_with, check_size, read_file, read_sheet, SheetReader};
pub use report::{Report, RowReport, Summary};
pub use roster::{diff, group_key, group_name, group_names, Change, EmptyCells, Label, Mode, RowDiff, StatusValue};
pub use row::normalize_email;
pub use sheet::{Existing, Learner, Sheet};
pub use template::template_csv;
pub use user_values::UserValues;
pub use valid_user::ValidUser;
pub use values::Values;
pub use written::{neutralise, write_csv, write_csv_record, BOM};

/// The most data rows one file may have (blank lines do not count).
pub const MAX_ROWS: usize = 250;
/// The largest file accepted: 100 MB.
pub const MAX_BYTES: u64 = 100 * 1024 * 1024;
/// The languages the invitation email is written in; other valid languages get the English email.
pub const INVITATION_LANGUAGES: &[&str] = &["en", "fr", "de", "it", "es", "nl", "pt"];
/// The most characters of a first name, last name or identifier, counted after NFC.
pub const MAX_NAME_CHARS: usize = 64;
/// The most characters of a group's name, counted after NFC.
pub const MAX_GROUP_CHARS: usize = 64;
/// The most groups one row may name.
pub const MAX_GROUPS: usize = 20;
