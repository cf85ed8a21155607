//! Column matching: when a file's header does not name the portal's columns, the admin says which cell feeds which
//! column (the panel's Match columns, or `--columns firstname=Prénom,...` on the command line). A [`ColumnMatching`]
//! is read with the file (`SheetReader::finish_with`); a [`Preview`] gives what the admin needs to choose: the
//! header cells, a few values of each, and the column each one most likely is (names and aliases in seven
//! languages, compared fuzzily, and what the values look like). Tables, not crates: every KB of wasm counts.

use serde::{Deserialize, Serialize};

use crate::column::header_key;
use crate::{unicode, Column};

mod suggest;

pub use suggest::suggest;

/// Which column each header cell feeds: the cells as written in the file, each with its column, or `None` when
/// the admin ignores it. Cells are compared as headers are (case, spaces, `_`, `-` and French accents aside), so
/// a matching remembered for `Prénom` applies to `PRENOM` too. A cell the matching does not name is read as
/// usual (its name or alias), unless the matching gave its column to another cell.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct ColumnMatching {
    pub cells: Vec<(String, Option<Column>)>,
}

/// Why a matching cannot be used.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum MatchingError {
    #[error("{0:?} is not column=header (for example firstname=Prénom)")]
    Syntax(String),
    #[error("{0:?} is not a column of the portal (firstname, lastname, email, identifier, country, language)")]
    UnknownColumn(String),
    #[error("the column {0} is matched to more than one header cell")]
    ColumnTwice(&'static str),
    #[error("the header cell {0:?} is matched twice")]
    HeaderTwice(String),
    #[error("the file has no header cell {0:?} (its header: {1})")]
    NoSuchHeader(String, String),
}

impl ColumnMatching {
    /// A matching of every header cell, in the file's order (the panel's choices).
    pub fn new(headers: &[String], columns: &[Option<Column>]) -> ColumnMatching {
        ColumnMatching { cells: headers.iter().cloned().zip(columns.iter().copied()).collect() }
    }

    /// The command line's form, `firstname=Prénom,email=Mail` (spaces around names do not count). Refuses a
    /// malformed pair, a name that is not a column, a column or a header cell named twice.
    pub fn parse(text: &str) -> Result<ColumnMatching, MatchingError> {
        let mut cells = Vec::new();
        for pair in text.split(',').filter(|p| !p.trim().is_empty()) {
            let (column, header) = pair.split_once('=').ok_or_else(|| MatchingError::Syntax(pair.to_owned()))?;
            let (column, header) = (column.trim(), header.trim());
            if column.is_empty() || header.is_empty() {
                return Err(MatchingError::Syntax(pair.to_owned()));
            }
            let column = Column::parse(&unicode::lowercase(column))
                .ok_or_else(|| MatchingError::UnknownColumn(column.to_owned()))?;
            cells.push((header.to_owned(), Some(column)));
        }
        if cells.is_empty() {
            return Err(MatchingError::Syntax(text.to_owned()));
        }
        let matching = ColumnMatching { cells };
        matching.check()?;
        Ok(matching)
    }

    /// Refuses a column given to two cells, and a cell named twice.
    pub fn check(&self) -> Result<(), MatchingError> {
        for (i, (header, column)) in self.cells.iter().enumerate() {
            let earlier = &self.cells[..i];
            if let Some(column) = column {
                if earlier.iter().any(|(_, c)| c == &Some(*column)) {
                    return Err(MatchingError::ColumnTwice(column.as_str()));
                }
            }
            if earlier.iter().any(|(h, _)| header_key(h) == header_key(header)) {
                return Err(MatchingError::HeaderTwice(header.clone()));
            }
        }
        Ok(())
    }

    /// Refuses a cell the file's header does not have (a typo on the command line, or another file).
    pub fn check_headers(&self, headers: &[String]) -> Result<(), MatchingError> {
        for (header, _) in &self.cells {
            if !headers.iter().any(|h| header_key(h) == header_key(header)) {
                return Err(MatchingError::NoSuchHeader(header.clone(), headers.join(", ")));
            }
        }
        Ok(())
    }

    /// What the matching says of a header cell: `Some(column)` (which may be "ignored"), or `None` when the
    /// matching does not name it.
    pub(crate) fn column_of(&self, cell: &str) -> Option<Option<Column>> {
        let key = header_key(cell);
        self.cells.iter().find(|(h, _)| header_key(h) == key).map(|(_, c)| *c)
    }

    /// Whether the matching gives `column` to one of its cells.
    pub(crate) fn claims(&self, column: Column) -> bool {
        self.cells.iter().any(|(_, c)| *c == Some(column))
    }

    /// The columns of these header cells under this matching (the panel's drop-downs), `None` for the others.
    pub fn columns_for(&self, headers: &[String]) -> Vec<Option<Column>> {
        headers.iter().map(|h| self.column_of(h).flatten()).collect()
    }

    /// The key a header row is remembered under: its cells as headers are compared, in order. The server keeps a
    /// hash of it, per admin.
    pub fn row_key(headers: &[String]) -> String {
        headers.iter().map(|h| header_key(h)).collect::<Vec<_>>().join("\u{1f}")
    }
}

/// What the banner shows to offer matching: the file's header cells, up to [`SAMPLES`] values of each, and the
/// suggested column of each cell (never two cells to one column).
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Preview {
    pub headers: Vec<String>,
    pub samples: Vec<Vec<String>>,
    pub suggestions: Vec<Option<Column>>,
}

/// Values shown beside each cell.
pub const SAMPLES: usize = 3;
/// Rows whose values are looked at to guess a column from its values.
pub(crate) const LOOKED_AT: usize = 20;

impl Preview {
    /// The preview of a header and the first rows' values (`rows[r][c]`, at most [`LOOKED_AT`] rows count).
    pub(crate) fn new(headers: Vec<String>, rows: &[Vec<String>]) -> Preview {
        let values: Vec<Vec<&str>> = (0..headers.len())
            .map(|c| {
                rows.iter()
                    .take(LOOKED_AT)
                    .filter_map(|r| r.get(c).map(|v| v.trim()))
                    .filter(|v| !v.is_empty())
                    .collect()
            })
            .collect();
        let suggestions = suggest(&headers, &values);
        let samples = values.iter().map(|v| v.iter().take(SAMPLES).map(|s| (*s).to_owned()).collect()).collect();
        Preview { headers, samples, suggestions }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_command_line_form_is_parsed_and_checked() {
        let m = ColumnMatching::parse("firstname=Prénom, email = Mail ,LastName=Nom de famille").expect("valid");
        assert_eq!(
            m.cells,
            vec![
                ("Prénom".to_owned(), Some(Column::FirstName)),
                ("Mail".to_owned(), Some(Column::Email)),
                ("Nom de famille".to_owned(), Some(Column::LastName)),
            ]
        );
        assert_eq!(ColumnMatching::parse("firstname"), Err(MatchingError::Syntax("firstname".into())));
        assert_eq!(ColumnMatching::parse("firstname="), Err(MatchingError::Syntax("firstname=".into())));
        assert_eq!(ColumnMatching::parse(""), Err(MatchingError::Syntax("".into())));
        assert_eq!(ColumnMatching::parse("name=Nom"), Err(MatchingError::UnknownColumn("name".into())));
        assert_eq!(ColumnMatching::parse("email=Mail,email=Courriel"), Err(MatchingError::ColumnTwice("email")));
        assert_eq!(ColumnMatching::parse("firstname=Nom,lastname=NOM"), Err(MatchingError::HeaderTwice("NOM".into())));
        let headers = vec!["PRÉNOM".to_owned(), "mail".to_owned()];
        assert_eq!(
            m.check_headers(&headers),
            Err(MatchingError::NoSuchHeader("Nom de famille".into(), "PRÉNOM, mail".into()))
        );
        assert!(MatchingError::ColumnTwice("email").to_string().contains("email"));
    }

    #[test]
    fn a_header_row_is_remembered_under_its_compared_form() {
        let a = ColumnMatching::row_key(&["Prénom".to_owned(), "E-mail".to_owned()]);
        let b = ColumnMatching::row_key(&[" PRENOM ".to_owned(), "e_mail".to_owned()]);
        assert_eq!(a, b);
        assert_ne!(a, ColumnMatching::row_key(&["E-mail".to_owned(), "Prénom".to_owned()]));
    }
}
