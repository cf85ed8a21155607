//! The rows being checked, kept in memory with an index of their emails and identifiers, so that editing one
//! cell re-checks that row and only the rows sharing its old or new value — never the whole file. The browser's
//! grid calls [`Sheet::set_cell`] at every keystroke; the server builds a sheet from the rows it receives.

use std::collections::{HashMap, HashSet};

use serde::{Deserialize, Serialize};

use crate::email::is_valid_email;
use crate::row::{check_cell, normalize, normalize_cell, normalize_email};
use crate::{Code, Column, Problem, RowReport, Summary, ValidUser};

/// The portal's existing users, as far as the file is concerned: normalised emails and identifiers.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Existing {
    pub emails: HashSet<String>,
    pub identifiers: HashSet<String>,
}

#[derive(Clone, Debug, Default)]
pub struct Sheet {
    rows: Vec<RowReport>,
    /// Each row's problems and warnings from its cells alone.
    own: Vec<(Vec<Problem>, Vec<Problem>)>,
    /// Row positions by email key and by identifier, in file order: the first is the valid one.
    emails: HashMap<String, Vec<usize>>,
    identifiers: HashMap<String, Vec<usize>>,
    existing: Existing,
}

impl Sheet {
    /// Checks rows given as (spreadsheet row number, values in [`Column::ALL`] order).
    pub fn new(rows: Vec<(u32, [String; 6])>, existing: Existing) -> Sheet {
        let mut sheet = Sheet { existing, ..Sheet::default() };
        for (row, values) in rows {
            let values = Column::ALL.iter().zip(values.iter()).map(|(&c, v)| normalize_cell(c, v)).collect();
            sheet.rows.push(RowReport { row, values, errors: Vec::new(), warnings: Vec::new() });
            sheet.own.push((Vec::new(), Vec::new()));
        }
        for i in 0..sheet.rows.len() {
            sheet.check_own(i);
        }
        sheet.rebuild();
        sheet
    }

    /// A sheet of a report's rows (the browser's grid after reading a file).
    pub fn from_report(report: &crate::Report, existing: Existing) -> Sheet {
        Sheet::new(
            report
                .rows
                .iter()
                .map(|r| (r.row, std::array::from_fn(|i| r.values.get(i).cloned().unwrap_or_default())))
                .collect(),
            existing,
        )
    }

    /// The checked rows, giving the sheet up (no copy).
    pub fn into_rows(self) -> Vec<RowReport> {
        self.rows
    }

    pub fn rows(&self) -> &[RowReport] {
        &self.rows
    }

    pub fn existing(&self) -> &Existing {
        &self.existing
    }

    pub fn summary(&self) -> Summary {
        Summary::of(&self.rows)
    }

    /// Changes one cell and re-checks what it affects; returns the positions of the rows whose problems or values
    /// changed (the edited one included).
    pub fn set_cell(&mut self, index: usize, column: Column, value: &str) -> Vec<usize> {
        let Some(row) = self.rows.get(index) else { return Vec::new() };
        let value = normalize_cell(column, value);
        if row.values[column.index()] == value {
            return Vec::new();
        }
        let mut affected = vec![index];
        let keyed = matches!(column, Column::Email | Column::Identifier);
        if keyed {
            if let Some(key) = self.key(index, column) {
                let list = self.index_mut(column).entry(key.clone()).or_default();
                list.retain(|&i| i != index);
                affected.extend(list.iter().copied());
                if list.is_empty() {
                    self.index_mut(column).remove(&key);
                }
            }
        }
        self.rows[index].values[column.index()] = value;
        self.check_own(index);
        if keyed {
            if let Some(key) = self.key(index, column) {
                let list = self.index_mut(column).entry(key).or_default();
                let at = list.partition_point(|&i| i < index);
                list.insert(at, index);
                affected.extend(list.iter().copied());
            }
        }
        affected.sort_unstable();
        affected.dedup();
        let mut changed = vec![index];
        for i in affected {
            if self.compose(i) && i != index {
                changed.push(i);
            }
        }
        changed.sort_unstable();
        changed
    }

    /// Removes a row; the rows after it move up by one position.
    pub fn delete_row(&mut self, index: usize) {
        if index < self.rows.len() {
            self.rows.remove(index);
            self.own.remove(index);
            self.rebuild();
        }
    }

    /// Puts `to` in every cell of `column` whose value is `from`; returns the rows that changed.
    pub fn apply_suggestion(&mut self, column: Column, from: &str, to: &str) -> Vec<usize> {
        let from = normalize_cell(column, from);
        let targets: Vec<usize> =
            (0..self.rows.len()).filter(|&i| self.rows[i].values[column.index()] == from).collect();
        let mut changed = Vec::new();
        for i in targets {
            changed.extend(self.set_cell(i, column, to));
        }
        changed.sort_unstable();
        changed.dedup();
        changed
    }

    /// Replaces the portal's existing users and re-checks every row.
    pub fn set_existing(&mut self, existing: Existing) {
        self.existing = existing;
        self.rebuild();
    }

    /// Adds to the portal's known existing users (a debounced check of one edited cell) and re-checks.
    pub fn add_existing(
        &mut self,
        emails: impl IntoIterator<Item = String>,
        identifiers: impl IntoIterator<Item = String>,
    ) {
        self.existing.emails.extend(emails.into_iter().map(|e| normalize_email(&e)));
        self.existing.identifiers.extend(identifiers.into_iter().map(|i| normalize(&i)));
        self.rebuild();
    }

    /// How many rows use this value in this column (to say "apply to all N rows").
    pub fn count_value(&self, column: Column, value: &str) -> usize {
        self.rows.iter().filter(|r| r.values[column.index()] == value).count()
    }

    pub fn valid_users(&self) -> Vec<ValidUser> {
        self.rows.iter().filter(|r| r.errors.is_empty()).map(ValidUser::from_checked_row).collect()
    }

    fn index_mut(&mut self, column: Column) -> &mut HashMap<String, Vec<usize>> {
        if column == Column::Email {
            &mut self.emails
        } else {
            &mut self.identifiers
        }
    }

    /// The duplicate key of a row's email (when valid) or identifier (when set).
    fn key(&self, index: usize, column: Column) -> Option<String> {
        let value = self.rows[index].value(column);
        match column {
            Column::Email if is_valid_email(value) => Some(normalize_email(value)),
            Column::Identifier if !value.is_empty() => Some(value.to_owned()),
            _ => None,
        }
    }

    fn check_own(&mut self, index: usize) {
        let (mut errors, mut warnings) = (Vec::new(), Vec::new());
        for column in Column::ALL {
            check_cell(column, self.rows[index].value(column), &mut errors, &mut warnings);
        }
        self.own[index] = (errors, warnings);
    }

    /// Rebuilds both indexes and every row's problems (after a delete or new existing users).
    fn rebuild(&mut self) {
        self.emails.clear();
        self.identifiers.clear();
        for i in 0..self.rows.len() {
            for column in [Column::Email, Column::Identifier] {
                if let Some(key) = self.key(i, column) {
                    self.index_mut(column).entry(key).or_default().push(i);
                }
            }
        }
        for i in 0..self.rows.len() {
            self.compose(i);
        }
    }

    /// A row's full problem list, in column order: its own, then duplicates, then existing users. Returns
    /// whether it changed.
    fn compose(&mut self, index: usize) -> bool {
        let (own_errors, own_warnings) = &self.own[index];
        let mut errors = Vec::with_capacity(own_errors.len() + 1);
        for column in Column::ALL {
            errors.extend(own_errors.iter().filter(|p| p.column == Some(column)).cloned());
            let (index_map, duplicate, exists, existing) = match column {
                Column::Email => (&self.emails, Code::EmailDuplicate, Code::EmailExists, &self.existing.emails),
                Column::Identifier => {
                    (&self.identifiers, Code::IdentifierDuplicate, Code::IdentifierExists, &self.existing.identifiers)
                }
                _ => continue,
            };
            let Some(key) = self.key(index, column) else { continue };
            if let Some(&first) = index_map.get(&key).and_then(|list| list.first()) {
                if first != index {
                    errors.push(Problem::cell(duplicate, column).with_row(self.rows[first].row));
                }
            }
            if existing.contains(&key) {
                errors.push(Problem::cell(exists, column));
            }
        }
        let row = &mut self.rows[index];
        let changed = row.errors != errors || row.warnings != *own_warnings;
        if changed {
            row.errors = errors;
            row.warnings = own_warnings.clone();
        }
        changed
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn values(first: &str, email: &str, identifier: &str) -> [String; 6] {
        [first.into(), "Martin".into(), email.into(), identifier.into(), "FR".into(), "fr".into()]
    }

    fn codes(sheet: &Sheet, i: usize) -> Vec<&'static str> {
        sheet.rows()[i].errors.iter().map(|p| p.code.as_str()).collect()
    }

    #[test]
    fn a_later_duplicate_names_the_first_row_and_the_first_stays_valid() {
        let sheet = Sheet::new(
            vec![
                (2, values("Ann", "a@x.com", "E1")),
                (3, values("Bob", "A@X.com", "E1")),
                (4, values("Cid", "c@x.com", "")),
            ],
            Existing::default(),
        );
        assert!(codes(&sheet, 0).is_empty());
        assert_eq!(codes(&sheet, 1), vec!["email.duplicate", "identifier.duplicate"]);
        assert_eq!(sheet.rows()[1].errors[0].row, Some(2));
        assert_eq!(sheet.summary(), Summary { total: 3, valid: 2, invalid: 1 });
    }

    #[test]
    fn editing_the_first_of_two_duplicates_makes_the_second_valid() {
        let mut sheet =
            Sheet::new(vec![(2, values("Ann", "a@x.com", "")), (3, values("Bob", "a@x.com", ""))], Existing::default());
        let changed = sheet.set_cell(0, Column::Email, "ann@x.com");
        assert_eq!(changed, vec![0, 1]);
        assert!(codes(&sheet, 1).is_empty());
        // And back: the second becomes the duplicate of the first again.
        sheet.set_cell(0, Column::Email, "a@x.com");
        assert_eq!(codes(&sheet, 1), vec!["email.duplicate"]);
    }

    #[test]
    fn existing_users_are_reported() {
        let existing = Existing {
            emails: ["a@x.com".to_owned()].into_iter().collect(),
            identifiers: ["E9".to_owned()].into_iter().collect(),
        };
        let sheet = Sheet::new(vec![(2, values("Ann", "A@x.com", "E9"))], existing);
        assert_eq!(codes(&sheet, 0), vec!["email.exists", "identifier.exists"]);
        assert!(sheet.valid_users().is_empty());
    }

    #[test]
    fn deleting_a_row_recomputes_duplicates() {
        let mut sheet =
            Sheet::new(vec![(2, values("Ann", "a@x.com", "")), (3, values("Bob", "a@x.com", ""))], Existing::default());
        sheet.delete_row(0);
        assert_eq!(sheet.rows().len(), 1);
        assert!(codes(&sheet, 0).is_empty());
    }

    #[test]
    fn a_suggestion_applies_to_every_row_with_the_same_value() {
        let mut rows = Vec::new();
        for i in 0..3 {
            let mut v = values("Ann", &format!("a{i}@x.com"), "");
            v[4] = "fr".into();
            rows.push((i + 2, v));
        }
        let mut sheet = Sheet::new(rows, Existing::default());
        assert_eq!(sheet.rows()[0].errors[0].suggestion(), Some("FR"));
        assert_eq!(sheet.count_value(Column::Country, "fr"), 3);
        let changed = sheet.apply_suggestion(Column::Country, "fr", "FR");
        assert_eq!(changed, vec![0, 1, 2]);
        assert_eq!(sheet.summary().invalid, 0);
    }

    #[test]
    fn valid_users_carry_normalised_values() {
        let sheet = Sheet::new(vec![(2, values(" Zoe\u{301} ", "Zoe@X.com", ""))], Existing::default());
        let users = sheet.valid_users();
        assert_eq!(users[0].firstname(), "Zoé");
        assert_eq!(users[0].email(), "Zoe@X.com");
        assert_eq!(users[0].email_normalized(), "zoe@x.com");
        assert_eq!(users[0].identifier(), None);
        assert_eq!(users[0].country(), Some("FR"));
    }
}
