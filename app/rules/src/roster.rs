//! Rosters: the import modes, group names, the `status` column, and the one pure function that says what a row
//! would change on the learner it matches ([`diff`]). The browser's preview, `server check --mode`, the API's dry
//! run and the confirm all call it, so they cannot disagree (tests/same_everywhere.rs runs it natively and in
//! wasm).

use serde::{Deserialize, Serialize};

use crate::{unicode, Column, Learner, UserValues, MAX_GROUPS, MAX_GROUP_CHARS};

/// What an import does with a row whose learner the portal already has.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Mode {
    /// Only adds: a known learner's row is `email.exists` / `identifier.exists`.
    #[default]
    Add,
    /// Adds new learners and updates known ones.
    Update,
    /// Updates known learners; a row that matches nobody is `user.not_found`.
    UpdateOnly,
    /// The file is the whole list of one group: rows are added or updated and made members; members not in the
    /// file leave the group (or are suspended).
    Sync,
}

impl Mode {
    pub const ALL: [Mode; 4] = [Mode::Add, Mode::Update, Mode::UpdateOnly, Mode::Sync];

    /// Its name on the command line and in the API (`--mode update-only`, `mode=sync`).
    pub fn as_str(self) -> &'static str {
        match self {
            Mode::Add => "add",
            Mode::Update => "update",
            Mode::UpdateOnly => "update-only",
            Mode::Sync => "sync",
        }
    }

    pub fn parse(text: &str) -> Option<Mode> {
        Mode::ALL.into_iter().find(|m| m.as_str() == text)
    }

    /// Whether a row may change a learner the portal has.
    pub fn updates(self) -> bool {
        self != Mode::Add
    }
}

/// What an empty optional cell (identifier, country, groups) means in an update.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum EmptyCells {
    /// The learner's value stays; the file's groups are added to the learner's.
    #[default]
    Keep,
    /// The cell is the whole value: an empty cell clears it, and the file's groups replace the learner's.
    Clear,
}

impl EmptyCells {
    pub fn as_str(self) -> &'static str {
        match self {
            EmptyCells::Keep => "keep",
            EmptyCells::Clear => "clear",
        }
    }

    pub fn parse(text: &str) -> Option<EmptyCells> {
        [EmptyCells::Keep, EmptyCells::Clear].into_iter().find(|e| e.as_str() == text)
    }
}

/// A `status` cell: whether the learner may sign in.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum StatusValue {
    /// Not Suspended: a Suspended learner gets back the state they had (Pending or Active).
    Active,
    Suspended,
}

impl StatusValue {
    /// The value of a status cell, its aliases in every UI language and the Users export's statuses included
    /// (`Pending` and `Active` are both "not suspended"); `None` for anything else.
    pub fn parse(cell: &str) -> Option<StatusValue> {
        match unicode::lowercase(cell.trim()).as_str() {
            "active" | "actif" | "aktiv" | "pending" | "enabled" => Some(StatusValue::Active),
            "suspended" | "suspendu" | "suspendue" | "gesperrt" | "suspendiert" | "disabled" => {
                Some(StatusValue::Suspended)
            }
            _ => None,
        }
    }

    pub fn as_str(self) -> &'static str {
        match self {
            StatusValue::Active => "active",
            StatusValue::Suspended => "suspended",
        }
    }
}

/// The group names of a `groups` cell (already trimmed around each `|`), without repeats (ignoring case and
/// accents), in the cell's order.
pub fn group_names(cell: &str) -> Vec<&str> {
    let mut names: Vec<&str> = Vec::new();
    let mut keys: Vec<String> = Vec::new();
    for name in cell.split('|').map(str::trim).filter(|n| !n.is_empty()) {
        let key = group_key(name);
        if !keys.contains(&key) {
            keys.push(key);
            names.push(name);
        }
    }
    names
}

/// What makes two group names the same group: lower case without accents (`Classe 3ᵉ B` and `classe 3ᵉ b`).
pub fn group_key(name: &str) -> String {
    let stripped: String = unicode::nfd(name.trim()).chars().filter(|&c| !unicode::is_combining_mark(c)).collect();
    unicode::lowercase(&stripped)
}

/// One group's name typed by an admin (a bulk "Add to group", a rename), read as a `groups` cell's name is:
/// trimmed and in NFC, 1 to [`MAX_GROUP_CHARS`] characters, no `|` (the cell's separator) and no control
/// character. `None` when it is not a name.
pub fn group_name(text: &str) -> Option<String> {
    let name = crate::row::normalize(text);
    let bad = name.is_empty()
        || name.contains('|')
        || name.chars().any(char::is_control)
        || crate::row::longer_than(&name, MAX_GROUP_CHARS);
    (!bad).then_some(name)
}

/// The problem of a `groups` cell, if any: names too long, empty or with control characters, or too many.
pub(crate) fn check_groups(cell: &str) -> Option<(crate::Code, Vec<String>)> {
    if cell.is_empty() {
        return None;
    }
    let mut bad = Vec::new();
    let mut empty = false;
    for name in cell.split('|').map(str::trim) {
        if name.is_empty() {
            empty = true;
        } else if name.chars().any(char::is_control) || crate::row::longer_than(name, MAX_GROUP_CHARS) {
            let shown: String = name.chars().filter(|c| !c.is_control()).take(20).collect();
            bad.push(shown);
        }
    }
    if empty || !bad.is_empty() {
        bad.truncate(5);
        return Some((crate::Code::GroupsInvalid, bad));
    }
    (group_names(cell).len() > MAX_GROUPS).then(|| (crate::Code::GroupsTooMany, Vec::new()))
}

/// What a row is, as the preview labels it.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Label {
    /// A learner the portal does not have yet.
    New,
    /// A known learner, some of whose values the row changes.
    Update,
    /// A known learner who already has every value of the row.
    Unchanged,
    /// The row has errors: it changes nothing.
    Error,
}

/// One value a row changes: the learner's current value and the row's.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Change {
    pub column: Column,
    pub old: String,
    pub new: String,
}

/// What a row would do, and to whom.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct RowDiff {
    pub label: Label,
    /// The learner the row matches (by identifier, else email), with the version it was compared at.
    pub learner: Option<(i64, i64)>,
    /// The changed values, in column order (for a new learner: none).
    pub changes: Vec<Change>,
}

/// What a row of `values` (checked, normalised) does to the learner it matches, or as a new learner. `errors`
/// says the rules found errors in the row; `sync_group` is the group a sync makes every row a member of.
pub fn diff(
    values: &UserValues,
    learner: Option<&Learner>,
    errors: bool,
    empty: EmptyCells,
    sync_group: Option<&str>,
) -> RowDiff {
    let learner_ref = learner.map(|l| (l.id, l.version));
    if errors {
        return RowDiff { label: Label::Error, learner: learner_ref, changes: Vec::new() };
    }
    let Some(learner) = learner else {
        return RowDiff { label: Label::New, learner: None, changes: Vec::new() };
    };
    let mut changes = Vec::new();
    for column in Column::ALL {
        let (old, new) = (learner.values.get(column), values.get(column));
        let change = match column {
            Column::Groups => groups_after(old, new, empty, sync_group),
            Column::Status => status_after(old, new),
            // Emails are the same address whatever their case: a file written in lower case changes nothing.
            Column::Email => (crate::normalize_email(old) != crate::normalize_email(new)).then(|| new.to_owned()),
            _ if new.is_empty() && !column.is_required() && empty == EmptyCells::Keep => None,
            _ => (old != new).then(|| new.to_owned()),
        };
        if let Some(new) = change {
            changes.push(Change { column, old: old.to_owned(), new });
        }
    }
    let label = if changes.is_empty() { Label::Unchanged } else { Label::Update };
    RowDiff { label, learner: learner_ref, changes }
}

/// The learner's groups after the row (`|`-joined), or `None` when they stay as they are.
fn groups_after(old: &str, new: &str, empty: EmptyCells, sync_group: Option<&str>) -> Option<String> {
    let current = group_names(old);
    let mut after: Vec<&str> = match empty {
        EmptyCells::Keep => current.clone(),
        EmptyCells::Clear => Vec::new(),
    };
    for name in group_names(new).into_iter().chain(sync_group) {
        if !after.iter().any(|a| group_key(a) == group_key(name)) {
            after.push(name);
        }
    }
    let same =
        after.len() == current.len() && after.iter().all(|a| current.iter().any(|c| group_key(c) == group_key(a)));
    (!same).then(|| after.join("|"))
}

/// The learner's status after the row, or `None` when it stays (an empty cell keeps it).
fn status_after(old: &str, new: &str) -> Option<String> {
    let wanted = StatusValue::parse(new)?;
    let now = StatusValue::parse(old).unwrap_or(StatusValue::Active);
    (wanted != now).then(|| wanted.as_str().to_owned())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn learner(values: [&str; 8]) -> Learner {
        Learner { id: 7, values: UserValues::from(values), version: 42 }
    }

    fn row(values: [&str; 8]) -> UserValues {
        UserValues::from(values)
    }

    const ANA: [&str; 8] = ["Ana", "Roux", "ana@x.fr", "S-1", "FR", "fr", "3B", "Active"];

    #[test]
    fn a_typed_group_name_is_read_as_a_groups_cell_name() {
        assert_eq!(group_name("  3B  ").as_deref(), Some("3B"));
        assert_eq!(group_name("E\u{301}lite").as_deref(), Some("\u{c9}lite"), "NFC");
        assert_eq!(group_name(&"x".repeat(MAX_GROUP_CHARS)).map(|n| n.len()), Some(MAX_GROUP_CHARS));
        for bad in ["", "   ", "3B|4C", "a\tb", "a\u{7}", &"x".repeat(MAX_GROUP_CHARS + 1)] {
            assert_eq!(group_name(bad), None, "{bad:?}");
        }
    }

    #[test]
    fn a_row_with_the_learners_values_is_unchanged_and_empty_optional_cells_keep_theirs() {
        let d = diff(
            &row(["Ana", "Roux", "ANA@x.fr", "", "", "fr", "", ""]),
            Some(&learner(ANA)),
            false,
            EmptyCells::Keep,
            None,
        );
        assert_eq!(d.label, Label::Unchanged);
        assert_eq!(d.learner, Some((7, 42)));
        assert!(d.changes.is_empty());
    }

    #[test]
    fn changed_cells_are_listed_old_to_new_in_column_order() {
        let d = diff(
            &row(["Ana", "Roux-Martin", "ana@x.fr", "S-1", "BE", "fr", "4C", "suspended"]),
            Some(&learner(ANA)),
            false,
            EmptyCells::Keep,
            None,
        );
        assert_eq!(d.label, Label::Update);
        let shown: Vec<(Column, &str, &str)> =
            d.changes.iter().map(|c| (c.column, c.old.as_str(), c.new.as_str())).collect();
        assert_eq!(
            shown,
            [
                (Column::LastName, "Roux", "Roux-Martin"),
                (Column::Country, "FR", "BE"),
                (Column::Groups, "3B", "3B|4C"),
                (Column::Status, "Active", "suspended"),
            ]
        );
    }

    #[test]
    fn clearing_empties_optional_values_and_replaces_groups() {
        let d = diff(
            &row(["Ana", "Roux", "ana@x.fr", "", "", "fr", "4C", ""]),
            Some(&learner(ANA)),
            false,
            EmptyCells::Clear,
            None,
        );
        let columns: Vec<Column> = d.changes.iter().map(|c| c.column).collect();
        assert_eq!(columns, [Column::Identifier, Column::Country, Column::Groups]);
        assert_eq!(d.changes[2].new, "4C");
    }

    #[test]
    fn a_sync_makes_every_row_a_member_of_its_group_and_group_names_ignore_case_and_accents() {
        let d = diff(
            &row(["Ana", "Roux", "ana@x.fr", "", "", "fr", "", ""]),
            Some(&learner(ANA)),
            false,
            EmptyCells::Keep,
            Some("3b"),
        );
        assert_eq!(d.label, Label::Unchanged);
        let d = diff(
            &row(["Ana", "Roux", "ana@x.fr", "", "", "fr", "", ""]),
            Some(&learner(ANA)),
            false,
            EmptyCells::Keep,
            Some("Élite"),
        );
        assert_eq!(d.changes[0].new, "3B|Élite");
        assert_eq!(group_key("Élite 3ᵉ"), group_key("elite 3ᵉ"));
        assert_eq!(group_names(" 3B|3b| Élite |elite"), ["3B", "Élite"]);
    }

    #[test]
    fn a_new_learner_and_an_error_row_change_no_learner() {
        assert_eq!(diff(&row(ANA), None, false, EmptyCells::Keep, None).label, Label::New);
        assert_eq!(diff(&row(ANA), Some(&learner(ANA)), true, EmptyCells::Keep, None).label, Label::Error);
    }

    #[test]
    fn statuses_read_every_alias_and_the_exports_values() {
        for active in ["active", "Active", "Pending", "actif", "AKTIV"] {
            assert_eq!(StatusValue::parse(active), Some(StatusValue::Active), "{active}");
        }
        for suspended in ["suspended", "Suspended", "suspendu", "gesperrt"] {
            assert_eq!(StatusValue::parse(suspended), Some(StatusValue::Suspended), "{suspended}");
        }
        assert_eq!(StatusValue::parse("gone"), None);
    }

    #[test]
    fn group_cells_refuse_empty_names_control_characters_long_names_and_too_many() {
        assert_eq!(check_groups(""), None);
        assert_eq!(check_groups("3B|4C"), None);
        assert_eq!(check_groups("3B||4C").map(|p| p.0), Some(crate::Code::GroupsInvalid));
        assert_eq!(check_groups("3B\u{7}").map(|p| p.0), Some(crate::Code::GroupsInvalid));
        assert_eq!(check_groups(&"x".repeat(65)).map(|p| p.0), Some(crate::Code::GroupsInvalid));
        let many: Vec<String> = (0..21).map(|i| format!("G{i}")).collect();
        assert_eq!(check_groups(&many.join("|")).map(|p| p.0), Some(crate::Code::GroupsTooMany));
        assert_eq!(check_groups(&many[..20].join("|")), None);
    }

    #[test]
    fn modes_read_and_write_their_names() {
        for mode in Mode::ALL {
            assert_eq!(Mode::parse(mode.as_str()), Some(mode));
        }
        assert_eq!(Mode::parse("Update"), None);
    }
}
