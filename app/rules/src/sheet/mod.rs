//! The rows being checked, kept in memory with an index of their emails and identifiers, so that editing one
//! cell re-checks that row and only the rows sharing its old or new value — never the whole file. The browser's
//! grid calls [`Sheet::set_cell`] at every keystroke; the server builds a sheet from the rows it receives.
//!
//! The layout is chosen for speed (docs/benchmarks.md, "The rules"): each row's values are one string
//! ([`Values`]), a row's problems are only compared when an edit may have changed them, and the duplicate indexes
//! hold row positions (no key is copied) hashed with FxHash. FxHash is not resistant to crafted collisions; a
//! file has at most 250 rows, so the worst a crafted file can do is 250 comparisons per lookup.

use hashbrown::hash_table::Entry;
use hashbrown::HashTable;

use crate::row::{check_cell, normalize_cell, push_normalized_cell};
use crate::values::Builder;
use crate::{Code, Column, EmptyCells, Mode, Problem, RowDiff, RowReport, Summary, UserValues, ValidUser, Values};

mod existing;
mod keys;

pub use self::existing::{Existing, Learner};

use self::keys::{hashes_of, key, sharing, slot, EmailKey, KEYED};

#[derive(Clone, Debug, Default)]
pub struct Sheet {
    rows: Vec<RowReport>,
    /// Each row's email key (see [`EmailKey`]); an identifier's key is its value.
    email_keys: Vec<EmailKey>,
    /// Each row's hash of its email key and of its identifier (0 without a key): scans and lookups compare
    /// hashes before strings.
    hashes: Vec<[u64; 2]>,
    /// The first row position of each email key and of each identifier: the one that is not a duplicate.
    emails: HashTable<u32>,
    identifiers: HashTable<u32>,
    existing: Existing,
    /// Whether a row of a known learner is an error (`add`) or an update.
    mode: Mode,
}

/// The problems a row has because of other rows or the portal's users: recomputed by [`Sheet::compose`].
fn is_composed(code: Code) -> bool {
    matches!(
        code,
        Code::EmailDuplicate
            | Code::EmailExists
            | Code::IdentifierDuplicate
            | Code::IdentifierExists
            | Code::UserConflict
            | Code::UserNotFound
            | Code::UserDuplicate
    )
}

impl Sheet {
    /// Checks rows given as (spreadsheet row number, values in [`Column::ALL`] order).
    pub fn new(rows: Vec<(u32, UserValues)>, existing: Existing) -> Sheet {
        let rows = rows
            .into_iter()
            .map(|(row, cells)| {
                let mut values = Builder::with_capacity(cells.iter().map(|(_, c)| c.len()).sum());
                for (column, cell) in cells.iter() {
                    push_normalized_cell(column, cell, &mut values.text);
                    values.end_cell();
                }
                (row, values.finish())
            })
            .collect();
        Sheet::of_values(rows, existing)
    }

    /// Checks rows whose values are already normalised (the parser writes them so).
    pub(crate) fn of_values(rows: Vec<(u32, Values)>, existing: Existing) -> Sheet {
        let mut sheet = Sheet {
            rows: Vec::with_capacity(rows.len()),
            email_keys: Vec::with_capacity(rows.len()),
            hashes: Vec::with_capacity(rows.len()),
            existing,
            ..Sheet::default()
        };
        for (row, values) in rows {
            let (errors, warnings) = own_problems(&values);
            // The email's own problems say whether it is valid: it is not checked twice.
            let valid = !errors.iter().any(|p| p.column == Some(Column::Email));
            sheet.email_keys.push(EmailKey::of_checked(&values[Column::Email.index()], valid));
            sheet.rows.push(RowReport { row, values, errors, warnings });
            sheet.hashes.push(hashes_of(&sheet.rows, &sheet.email_keys, sheet.rows.len() - 1));
        }
        sheet.rebuild();
        sheet
    }

    /// A sheet of a report's rows (the browser's grid after reading a file).
    pub fn from_report(report: &crate::Report, existing: Existing) -> Sheet {
        // A report's values are normalised already (normalising is idempotent): they are checked as they are.
        Sheet::of_values(report.rows.iter().map(|r| (r.row, r.values.clone())).collect(), existing)
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

    /// The same rows checked for another import mode.
    pub fn with_mode(mut self, mode: Mode) -> Sheet {
        self.set_mode(mode);
        self
    }

    /// Changes the import mode and re-checks every row (a known learner's row is an error only in `add`).
    pub fn set_mode(&mut self, mode: Mode) {
        if self.mode != mode {
            self.mode = mode;
            self.rebuild();
        }
    }

    pub fn mode(&self) -> Mode {
        self.mode
    }

    /// The learner a row matches: by its identifier when a learner has it, else by its email.
    pub fn matched(&self, index: usize) -> Option<&Learner> {
        let Sheet { rows, email_keys, existing, .. } = self;
        key(rows, email_keys, index, Column::Identifier)
            .and_then(|k| existing.by_identifier(k))
            .or_else(|| key(rows, email_keys, index, Column::Email).and_then(|k| existing.by_email(k)))
    }

    /// What row `index` would do ([`crate::diff`]): New, Update (with each change), Unchanged or Error.
    pub fn diff(&self, index: usize, empty: EmptyCells, sync_group: Option<&str>) -> RowDiff {
        let row = &self.rows[index];
        let values = UserValues::from_cells(&row.values.to_vec());
        let learner = if self.mode.updates() { self.matched(index) } else { None };
        crate::diff(&values, learner, !row.errors.is_empty(), empty, sync_group)
    }

    /// [`Sheet::diff`] of every row, in order.
    pub fn diffs(&self, empty: EmptyCells, sync_group: Option<&str>) -> Vec<RowDiff> {
        (0..self.rows.len()).map(|i| self.diff(i, empty, sync_group)).collect()
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
        let keyed = KEYED.contains(&column);
        let mut affected = vec![index];
        // The learner the row matched: the rows matching the same one may stop (or start) being its duplicates.
        let learner_before = (keyed && self.mode.updates()).then(|| self.matched(index).map(|l| l.id)).flatten();
        if keyed {
            self.unindex(index, column, &mut affected);
        }
        self.rows[index].values.set(column.index(), &value);
        if column == Column::Email {
            self.email_keys[index] = EmailKey::of(&value);
        }
        self.hashes[index] = hashes_of(&self.rows, &self.email_keys, index);
        let row = &mut self.rows[index];
        (row.errors, row.warnings) = own_problems(&row.values);
        if keyed {
            self.index(index, column, &mut affected);
        }
        if keyed && self.mode.updates() {
            let learners = [learner_before, self.matched(index).map(|l| l.id)];
            for j in 0..self.rows.len() {
                let id = self.matched(j).map(|l| l.id);
                if id.is_some() && learners.contains(&id) {
                    affected.push(j);
                }
            }
        }
        affected.sort_unstable();
        affected.dedup();
        let mut changed = vec![index];
        for i in affected {
            // The edited row changed anyway; the others are compared, the only rows whose lists are.
            if i == index {
                self.compose(i, false);
            } else if self.compose(i, true) {
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
            self.email_keys.remove(index);
            self.hashes.remove(index);
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

    /// Replaces the portal's known learners and re-checks every row.
    pub fn set_existing(&mut self, existing: Existing) {
        self.existing = existing;
        self.rebuild();
    }

    /// Adds to the portal's known learners (a debounced check of one edited cell) and re-checks.
    pub fn add_existing(&mut self, learners: impl IntoIterator<Item = Learner>) {
        self.existing.extend(learners);
        self.rebuild();
    }

    /// How many rows use this value in this column (to say "apply to all N rows").
    pub fn count_value(&self, column: Column, value: &str) -> usize {
        self.rows.iter().filter(|r| &r.values[column.index()] == value).count()
    }

    pub fn valid_users(&self) -> Vec<ValidUser> {
        self.rows.iter().filter(|r| r.errors.is_empty()).map(ValidUser::from_checked_row).collect()
    }

    /// Takes row `index` out of `column`'s index before its value changes; adds the rows that shared its key.
    fn unindex(&mut self, index: usize, column: Column, affected: &mut Vec<usize>) {
        let Sheet { rows, email_keys, hashes, emails, identifiers, .. } = self;
        let Some(old) = key(rows, email_keys, index, column) else { return };
        let from = affected.len();
        sharing(rows, email_keys, hashes, index, column, old, affected);
        let s = slot(column);
        let same = |&first: &u32| {
            hashes[first as usize][s] == hashes[index][s] && key(rows, email_keys, first as usize, column) == Some(old)
        };
        let table = if column == Column::Email { emails } else { identifiers };
        if let Ok(mut entry) = table.find_entry(hashes[index][s], same) {
            if *entry.get() as usize == index {
                // The rows sharing the key are in file order: the next one becomes the first.
                match affected[from..].iter().copied().find(|&j| j > index) {
                    Some(next) => *entry.get_mut() = next as u32,
                    None => {
                        entry.remove();
                    }
                }
            }
        }
    }

    /// Puts row `index` into `column`'s index after its value changed; adds the rows that share its new key.
    fn index(&mut self, index: usize, column: Column, affected: &mut Vec<usize>) {
        let Sheet { rows, email_keys, hashes, emails, identifiers, .. } = self;
        let Some(new) = key(rows, email_keys, index, column) else { return };
        sharing(rows, email_keys, hashes, index, column, new, affected);
        let (s, h) = (slot(column), hashes[index][slot(column)]);
        let same =
            |&first: &u32| hashes[first as usize][s] == h && key(rows, email_keys, first as usize, column) == Some(new);
        let table = if column == Column::Email { emails } else { identifiers };
        match table.entry(h, same, |&first| hashes[first as usize][s]) {
            Entry::Occupied(mut entry) => {
                let first = entry.get_mut();
                *first = (*first).min(index as u32);
            }
            Entry::Vacant(entry) => {
                entry.insert(index as u32);
            }
        }
    }

    /// Rebuilds both indexes and every row's problems (after a delete or new existing users).
    fn rebuild(&mut self) {
        let Sheet { rows, email_keys, hashes, emails, identifiers, .. } = self;
        for column in KEYED {
            let s = slot(column);
            let table = if column == Column::Email { &mut *emails } else { &mut *identifiers };
            table.clear();
            table.reserve(rows.len(), |&first| hashes[first as usize][s]);
            for i in 0..rows.len() {
                let Some(k) = key(rows, email_keys, i, column) else { continue };
                let h = hashes[i][s];
                let same = |&first: &u32| {
                    hashes[first as usize][s] == h && key(rows, email_keys, first as usize, column) == Some(k)
                };
                let rehash = |&first: &u32| hashes[first as usize][s];
                // In file order: the first row of a key stays the first.
                if let Entry::Vacant(entry) = table.entry(h, same, rehash) {
                    entry.insert(i as u32);
                }
            }
        }
        for i in 0..self.rows.len() {
            self.compose(i, false);
        }
    }

    /// A row's full problem list, in column order: its own, then duplicates, then existing users. Its own
    /// problems are those already in its list (set by [`own_problems`]); the others are recomputed. Returns
    /// whether the list changed, when asked to compare.
    fn compose(&mut self, index: usize, compare: bool) -> bool {
        let Sheet { rows, email_keys, hashes, emails, identifiers, existing, mode } = self;
        let adds_only = *mode == Mode::Add;
        let mut errors = std::mem::take(&mut rows[index].errors);
        let before = compare.then(|| errors.clone());
        errors.retain(|p| !is_composed(p.code));
        for column in KEYED {
            let Some(k) = key(rows, email_keys, index, column) else { continue };
            let (table, duplicate, exists, found) = match column {
                Column::Email => (&*emails, Code::EmailDuplicate, Code::EmailExists, existing.by_email(k)),
                _ => (&*identifiers, Code::IdentifierDuplicate, Code::IdentifierExists, existing.by_identifier(k)),
            };
            let (s, h) = (slot(column), hashes[index][slot(column)]);
            let same = |&first: &u32| {
                hashes[first as usize][s] == h && key(rows, email_keys, first as usize, column) == Some(k)
            };
            let first = table.find(h, same).map(|&first| first as usize);
            let duplicate = first
                .filter(|&first| first != index)
                .map(|first| Problem::cell(duplicate, column).with_row(rows[first].row));
            let exists = (adds_only && found.is_some()).then(|| Problem::cell(exists, column));
            if duplicate.is_some() || exists.is_some() {
                // After the column's own problems, before the next column's.
                let at = errors.partition_point(|p| p.column <= Some(column));
                errors.splice(at..at, duplicate.into_iter().chain(exists));
            }
        }
        if !adds_only {
            let by_identifier =
                key(rows, email_keys, index, Column::Identifier).and_then(|k| existing.by_identifier(k));
            let email = key(rows, email_keys, index, Column::Email);
            let by_email = email.and_then(|k| existing.by_email(k));
            let mut problem = match (by_identifier, by_email) {
                (Some(a), Some(b)) if a.id != b.id => Some(
                    Problem::cell(Code::UserConflict, Column::Email)
                        .with_names(vec![a.values.email.clone(), b.values.email.clone()]),
                ),
                (None, None) if *mode == Mode::UpdateOnly && email.is_some() => {
                    Some(Problem::cell(Code::UserNotFound, Column::Email))
                }
                _ => None,
            };
            // A learner named by an earlier row (one by identifier, the other by email): one row per learner. Rows
            // sharing an email or an identifier already say so (`*.duplicate`).
            let shares_a_key =
                errors.iter().any(|p| matches!(p.code, Code::EmailDuplicate | Code::IdentifierDuplicate));
            if let (None, false, Some(id)) = (&problem, shares_a_key, by_identifier.or(by_email).map(|l| l.id)) {
                let matched = |j: usize| {
                    key(rows, email_keys, j, Column::Identifier)
                        .and_then(|k| existing.by_identifier(k))
                        .or_else(|| key(rows, email_keys, j, Column::Email).and_then(|k| existing.by_email(k)))
                        .map(|l| l.id)
                };
                if let Some(j) = (0..index).find(|&j| matched(j) == Some(id)) {
                    problem = Some(Problem::cell(Code::UserDuplicate, Column::Email).with_row(rows[j].row));
                }
            }
            if let Some(problem) = problem {
                let at = errors.partition_point(|p| p.column <= Some(Column::Email));
                errors.insert(at, problem);
            }
        }
        let changed = before.is_some_and(|before| before != errors);
        rows[index].errors = errors;
        changed
    }
}

/// The problems and warnings of a row's cells, each on its own, in column order.
fn own_problems(values: &Values) -> (Vec<Problem>, Vec<Problem>) {
    let (mut errors, mut warnings) = (Vec::new(), Vec::new());
    for (column, value) in Column::ALL.into_iter().zip(values.iter()) {
        check_cell(column, value, &mut errors, &mut warnings);
    }
    (errors, warnings)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn values(first: &str, email: &str, identifier: &str) -> UserValues {
        UserValues::from([first, "Martin", email, identifier, "FR", "fr"])
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
        let existing = Existing::new([
            Learner { id: 1, values: values("Ann", "a@x.com", ""), version: 1 },
            Learner { id: 2, values: values("Bob", "b@x.com", "E9"), version: 1 },
        ]);
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
            v.country = "fr".into();
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

    fn portal() -> Existing {
        Existing::new([
            Learner { id: 1, values: values("Ann", "a@x.com", "S-1"), version: 10 },
            Learner { id: 2, values: values("Bob", "b@x.com", "S-2"), version: 20 },
        ])
    }

    #[test]
    fn in_update_mode_a_known_learners_row_is_matched_by_identifier_first_then_by_email() {
        let rows = vec![
            (2, values("Ann", "ann.new@x.com", "S-1")),
            (3, values("Bobby", "B@x.com", "")),
            (4, values("Cid", "c@x.com", "")),
        ];
        let sheet = Sheet::new(rows.clone(), portal()).with_mode(Mode::Update);
        assert!((0..3).all(|i| codes(&sheet, i).is_empty()));
        assert_eq!(sheet.matched(0).map(|l| l.id), Some(1));
        assert_eq!(sheet.matched(1).map(|l| l.id), Some(2));
        let diffs = sheet.diffs(EmptyCells::Keep, None);
        let labels: Vec<crate::Label> = diffs.iter().map(|d| d.label).collect();
        assert_eq!(labels, [crate::Label::Update, crate::Label::Update, crate::Label::New]);
        assert_eq!(diffs[0].changes[0].column, Column::Email);
        assert_eq!(diffs[1].changes[0].new, "Bobby");
        // The same rows in add mode: known learners are errors, as before.
        let sheet = Sheet::new(rows, portal());
        assert_eq!(codes(&sheet, 0), vec!["identifier.exists"]);
        assert_eq!(codes(&sheet, 1), vec!["email.exists"]);
    }

    #[test]
    fn an_identifier_of_one_learner_with_the_email_of_another_is_a_conflict_naming_both() {
        let sheet = Sheet::new(vec![(2, values("Ann", "b@x.com", "S-1"))], portal()).with_mode(Mode::Update);
        assert_eq!(codes(&sheet, 0), vec!["user.conflict"]);
        assert_eq!(sheet.rows()[0].errors[0].names, ["a@x.com", "b@x.com"]);
        assert_eq!(sheet.diff(0, EmptyCells::Keep, None).label, crate::Label::Error);
    }

    #[test]
    fn update_only_skips_rows_that_match_nobody_and_editing_back_restores_unchanged() {
        let mut sheet =
            Sheet::new(vec![(2, values("Zed", "z@x.com", "")), (3, values("Ann", "a@x.com", "S-1"))], portal())
                .with_mode(Mode::UpdateOnly);
        assert_eq!(codes(&sheet, 0), vec!["user.not_found"]);
        assert_eq!(sheet.diff(1, EmptyCells::Keep, None).label, crate::Label::Unchanged);
        sheet.set_cell(1, Column::FirstName, "Anna");
        assert_eq!(sheet.diff(1, EmptyCells::Keep, None).label, crate::Label::Update);
        sheet.set_cell(1, Column::FirstName, "Ann");
        assert_eq!(sheet.diff(1, EmptyCells::Keep, None).label, crate::Label::Unchanged);
        sheet.set_cell(0, Column::Email, "b@x.com");
        assert!(codes(&sheet, 0).is_empty());
    }

    #[test]
    fn a_learner_named_by_two_rows_is_a_duplicate_on_the_later_one_and_an_edit_clears_it() {
        // Row 2 names Ann by her identifier (a new address), row 3 by her address.
        let rows = vec![(2, values("Ann", "ann.new@x.com", "S-1")), (3, values("Annie", "a@x.com", ""))];
        let mut sheet = Sheet::new(rows, portal()).with_mode(Mode::Update);
        assert!(codes(&sheet, 0).is_empty());
        assert_eq!(codes(&sheet, 1), vec!["user.duplicate"]);
        assert_eq!(sheet.rows()[1].errors[0].row, Some(2));
        // Row 2 now names Bob: row 3 is Ann's only row.
        let changed = sheet.set_cell(0, Column::Identifier, "S-2");
        assert_eq!(changed, vec![0, 1]);
        assert!(codes(&sheet, 1).is_empty());
        sheet.set_cell(0, Column::Identifier, "S-1");
        assert_eq!(codes(&sheet, 1), vec!["user.duplicate"]);
        // In add mode both are `*.exists`, never a duplicate of each other.
        sheet.set_mode(Mode::Add);
        assert_eq!(codes(&sheet, 1), vec!["email.exists"]);
    }
}
