//! What the grid shows and how an edit changes it: the file's rows as a [`Sheet`] (checked by the shared rules),
//! one [`GridRow`] of signals per line on screen, and the generations that let a new file's table be drawn while
//! the previous one is only hidden.

use std::collections::{HashMap, HashSet};

use domain::{RosterOptions, Seen};
use leptos::html;
use leptos::prelude::*;
use rules::{Code, Column, Label, Mode, RowDiff, RowReport, Sheet, Summary};

use super::debounce::Debounce;
use crate::import::roster::LabelCounts;
use crate::import::{ConfirmAnswer, Learner, Outcome, RosterPlan, SubmittedRow};

/// One line of the grid. `id` stays the same when rows above it are deleted (it keys the DOM row).
#[derive(Clone, Copy)]
pub(super) struct GridRow {
    pub id: usize,
    pub report: RwSignal<RowReport>,
    /// What the admin typed, untrimmed (the rules see the normalised value; the input keeps the keystrokes).
    pub raw: RwSignal<Vec<String>>,
    pub outcome: RwSignal<Option<Outcome>>,
    /// What the row would do (New, Update with its changes, Unchanged, Error), in the import's mode.
    pub diff: RwSignal<RowDiff>,
}

/// One file's rows. Each file gets its own generation, drawn as its own table: a new file's table is built while
/// the previous one is only hidden, and the previous one is torn down once the new one is fully drawn, so the
/// admin never waits for the old file's 250 rows to be taken apart before seeing the new one.
#[derive(Clone, Copy)]
pub(super) struct Generation {
    pub id: usize,
    pub rows: RwSignal<Vec<GridRow>>,
    /// How many rows are drawn: a new file shows its first screenful at once and the rest over the next frames,
    /// so the admin sees the highlighted grid without waiting for all 250 rows of inputs to be built.
    pub drawn: RwSignal<usize>,
    /// The rows shown while "only rows with errors" is on, fixed when it was switched on, so a row does not
    /// vanish under the cursor the moment its last error is fixed.
    pub only_errors: RwSignal<Option<HashSet<usize>>>,
    /// The rows of one label (a chip pressed), fixed when it was pressed, like `only_errors`.
    pub only_label: RwSignal<Option<(Label, HashSet<usize>)>>,
}

impl Generation {
    fn new(id: usize, rows: Vec<GridRow>) -> Self {
        let first = rows.len().min(FIRST_ROWS);
        Generation {
            id,
            rows: RwSignal::new(rows),
            drawn: RwSignal::new(first),
            only_errors: RwSignal::new(None),
            only_label: RwSignal::new(None),
        }
    }

    /// The rows on screen, in order: drawn so far, and kept by the "only rows with errors" filter.
    pub fn visible(&self) -> Vec<GridRow> {
        let filter = self.only_errors.get();
        let label = self.only_label.get();
        let drawn = self.drawn.get();
        self.rows
            .get()
            .into_iter()
            .take(drawn)
            .filter(move |r| filter.as_ref().is_none_or(|ids| ids.contains(&r.id)))
            .filter(move |r| label.as_ref().is_none_or(|(_, ids)| ids.contains(&r.id)))
            .collect()
    }
}

/// The grid's state, shared by the panel (load, confirm) and the grid component. Cheap to copy.
#[derive(Clone, Copy)]
pub struct GridState {
    pub(super) sheet: StoredValue<Sheet>,
    /// The file being edited.
    pub(super) current: RwSignal<Generation>,
    /// Every generation still in the DOM: the current one last; before it, hidden, the earlier ones that wait for
    /// the current one to be drawn before they are taken apart.
    pub(super) generations: RwSignal<Vec<Generation>>,
    /// The current file's table body. Every file's table binds it when it is built, and the newest table is the
    /// current file's, so it always holds the rows on screen.
    pub(super) body: NodeRef<html::Tbody>,
    pub summary: RwSignal<Summary>,
    /// The import's mode and its options, as the panel's choice sets them (`set_roster`).
    pub roster: RwSignal<RosterOptions>,
    /// How many rows carry each label.
    pub labels: RwSignal<LabelCounts>,
    /// The server's plan for the rows as they are (new groups, a sync's leaving members); `None` until it came.
    pub plan: RwSignal<Option<RosterPlan>>,
    /// Asks the server for the plan again once the typing in a group, email or identifier cell pauses.
    plan_check: Debounce,
    /// Asks the server whether an edited email or identifier is taken, once the typing pauses.
    existence_check: Debounce,
    /// The next row id: ids are never reused across files, so the DOM rows of one file never carry another's.
    next_id: StoredValue<usize>,
    next_generation: StoredValue<usize>,
    /// The owner the grid was made under (the panel's). A file's rows are signals, and signals belong to the
    /// owner current when they are made: loaded from a button's handler ("Import another file", Match columns'
    /// Apply), they would be disposed with that button's view while the grid still shows them.
    owner: StoredValue<Option<Owner>>,
}

/// Rows drawn in the first frame of a new file's grid: more than the panel shows above the fold on a 1080p
/// screen (about 16 rows of 38 px below the banner), so what the admin sees comes first and fast.
const FIRST_ROWS: usize = 20;
/// Rows drawn per animation frame afterwards, while the rest of the grid fills in.
#[cfg(feature = "hydrate")]
const ROWS_PER_FRAME: usize = 30;
/// The pause in typing after which an edited email or identifier is looked up.
const EXISTENCE_CHECK_MS: u32 = 400;

impl Default for GridState {
    fn default() -> Self {
        Self::new()
    }
}

impl GridState {
    pub fn new() -> Self {
        let empty = Generation::new(0, Vec::new());
        GridState {
            sheet: StoredValue::new(Sheet::default()),
            current: RwSignal::new(empty),
            generations: RwSignal::new(vec![empty]),
            body: NodeRef::new(),
            summary: RwSignal::new(Summary::default()),
            roster: RwSignal::new(RosterOptions::default()),
            labels: RwSignal::new(LabelCounts::default()),
            plan: RwSignal::new(None),
            plan_check: Debounce::new(EXISTENCE_CHECK_MS),
            existence_check: Debounce::new(EXISTENCE_CHECK_MS),
            next_id: StoredValue::new(0),
            next_generation: StoredValue::new(1),
            owner: StoredValue::new(Owner::current()),
        }
    }

    /// Empties the grid. The rows on screen are hidden at once, and taken apart only after the next file's rows
    /// are drawn.
    pub fn clear(&self) {
        self.load(Sheet::default());
    }

    pub fn load(&self, sheet: Sheet) {
        match self.owner.get_value() {
            Some(owner) => owner.with(|| self.load_here(sheet)),
            None => self.load_here(sheet),
        }
    }

    fn load_here(&self, mut sheet: Sheet) {
        let roster = self.roster.get_untracked();
        sheet.set_mode(roster.mode);
        let first_id = self.next_id.get_value();
        self.next_id.set_value(first_id + sheet.rows().len());
        let rows: Vec<GridRow> = sheet
            .rows()
            .iter()
            .enumerate()
            .map(|(i, r)| GridRow {
                id: first_id + i,
                report: RwSignal::new(r.clone()),
                raw: RwSignal::new(r.values.to_vec()),
                outcome: RwSignal::new(None),
                diff: RwSignal::new(row_diff(&sheet, i, &roster)),
            })
            .collect();
        self.summary.set(sheet.summary());
        self.labels.set(LabelCounts::of(rows.iter().map(|r| r.diff.with_untracked(|d| d.label))));
        self.plan.set(None);
        self.sheet.set_value(sheet);
        let id = self.next_generation.get_value();
        self.next_generation.set_value(id + 1);
        let total = rows.len();
        let generation = Generation::new(id, rows);
        self.generations.update(|all| all.push(generation));
        self.current.set(generation);
        if total > 0 {
            self.draw_rest(generation, total);
        }
    }

    /// Draws the remaining rows, a batch per animation frame, then takes the earlier files' tables apart.
    fn draw_rest(&self, generation: Generation, total: usize) {
        #[cfg(feature = "hydrate")]
        {
            let generations = self.generations;
            fn step(generations: RwSignal<Vec<Generation>>, generation: Generation, total: usize) {
                request_animation_frame(move || {
                    let Some(now) = generation.drawn.try_get_untracked() else { return };
                    if now < total {
                        generation.drawn.set((now + ROWS_PER_FRAME).min(total));
                        step(generations, generation, total);
                    } else {
                        // Every row of this file has been painted: the earlier files' tables can go.
                        generations.try_update(|all| all.retain(|g| g.id >= generation.id));
                    }
                });
            }
            // The first frame paints the first screenful alone; the batches start from the next one.
            request_animation_frame(move || step(generations, generation, total));
        }
        #[cfg(not(feature = "hydrate"))]
        {
            generation.drawn.set(total);
            self.generations.update(|all| all.retain(|g| g.id >= generation.id));
        }
    }

    fn rows(&self) -> RwSignal<Vec<GridRow>> {
        self.current.with_untracked(|g| g.rows)
    }

    /// Repaints the rows at these positions from the sheet, their labels and changes, and the summary. Only
    /// these rows' differences are computed again: an edit gives the edited row and the rows whose errors it
    /// changed, never the whole file.
    fn refresh(&self, positions: impl IntoIterator<Item = usize>) {
        let rows = self.rows().get_untracked();
        let roster = self.roster.get_untracked();
        self.sheet.with_value(|sheet| {
            for i in positions {
                if let (Some(row), Some(report)) = (rows.get(i), sheet.rows().get(i)) {
                    if row.report.with_untracked(|r| r != report) {
                        row.report.set(report.clone());
                    }
                    let diff = row_diff(sheet, i, &roster);
                    if row.diff.with_untracked(|d| *d != diff) {
                        row.diff.set(diff);
                    }
                }
            }
            self.summary.set(sheet.summary());
        });
        let labels = LabelCounts::of(rows.iter().map(|r| r.diff.with_untracked(|d| d.label)));
        if self.labels.get_untracked() != labels {
            self.labels.set(labels);
        }
    }

    /// The panel's mode choice: a new mode re-checks every row (a known learner is an error only in `add`), and
    /// any option relabels every row at once; the server's plan is asked for again.
    pub fn set_roster(&self, roster: RosterOptions) {
        let before = self.roster.get_untracked();
        if before == roster {
            return;
        }
        let mode = roster.mode;
        self.roster.set(roster);
        if before.mode != mode {
            self.sheet.update_value(|s| s.set_mode(mode));
        }
        self.refresh_all();
        self.check_plan_later();
    }

    fn refresh_all(&self) {
        let n = self.rows().with_untracked(Vec::len);
        self.refresh(0..n);
    }

    fn position(&self, id: usize) -> Option<usize> {
        self.rows().with_untracked(|rows| rows.iter().position(|r| r.id == id))
    }

    /// One keystroke in one cell.
    pub fn edit(&self, id: usize, column: Column, typed: String) {
        let Some(at) = self.position(id) else { return };
        let row = self.rows().with_untracked(|rows| rows[at]);
        let changed = self.sheet.try_update_value(|s| s.set_cell(at, column, &typed)).unwrap_or_default();
        row.raw.update(|raw| raw[column.index()] = typed.clone());
        self.refresh(changed);
        if matches!(column, Column::Email | Column::Identifier) {
            self.check_existing_later(column, typed);
        }
        if matches!(column, Column::Email | Column::Identifier | Column::Groups) {
            self.check_plan_later();
        }
    }

    /// Puts `to` in every cell of `column` that holds `from`.
    pub fn apply_suggestion(&self, column: Column, from: String, to: String) {
        let changed = self.sheet.try_update_value(|s| s.apply_suggestion(column, &from, &to)).unwrap_or_default();
        let rows = self.rows().get_untracked();
        self.sheet.with_value(|sheet| {
            for &i in &changed {
                if let (Some(row), Some(report)) = (rows.get(i), sheet.rows().get(i)) {
                    row.raw.set(report.values.to_vec());
                }
            }
        });
        self.refresh(changed);
        self.check_plan_later();
    }

    pub fn delete(&self, id: usize) {
        let Some(at) = self.position(id) else { return };
        self.sheet.update_value(|s| s.delete_row(at));
        self.rows().update(|rows| {
            rows.remove(at);
        });
        self.refresh_all();
        self.check_plan_later();
    }

    /// The rows as the confirm sends them: the values the rules checked, and in a mode that updates, the learner
    /// each row was compared with at the version the preview showed (the confirm overwrites no later change).
    pub fn submitted_rows(&self) -> Vec<SubmittedRow> {
        let updates = self.roster.with_untracked(|r| r.mode.updates());
        self.sheet.with_value(|s| {
            s.rows()
                .iter()
                .enumerate()
                .map(|(i, r)| SubmittedRow {
                    row: r.row,
                    values: r.values.to_vec(),
                    seen: updates.then(|| s.matched(i)).flatten().map(|l| Seen { learner: l.id, version: l.version }),
                })
                .collect()
        })
    }

    /// Asks the server for the plan (new groups, a sync's leaving members) of the rows as they are now. Not for
    /// a sync without its group yet: there is nothing to ask. The answer is dropped if another file took the
    /// grid meanwhile.
    pub async fn check_plan(&self) {
        let roster = RosterOptions { allow_removals: None, ..self.roster.get_untracked() };
        if roster.mode == Mode::Sync && roster.group.as_deref().is_none_or(|g| g.trim().is_empty()) {
            self.plan.set(None);
            return;
        }
        let rows = self.submitted_rows();
        if rows.is_empty() {
            return;
        }
        let generation = self.current.with_untracked(|g| g.id);
        let answer = crate::import::roster_preview(rows, roster.clone()).await;
        // A plan for other rows or other options is not this one.
        let same = self.current.try_with_untracked(|g| g.id == generation).unwrap_or(false)
            && self.roster.try_with_untracked(|r| r.mode == roster.mode && r.group == roster.group).unwrap_or(false);
        if same {
            self.plan.set(answer.ok());
        }
    }

    /// [`GridState::check_plan`] once the typing pauses.
    pub fn check_plan_later(&self) {
        let this = *self;
        self.plan_check.call(async move { this.check_plan().await });
    }

    /// The rows as they are now (edits made, deleted rows gone) as the CSV the admin downloads: the
    /// specification's columns in the template's order, the values the rules checked (trimmed, NFC).
    pub fn corrected_csv(&self) -> String {
        self.sheet.with_value(|s| corrected_csv(s.rows()))
    }

    /// Every email and identifier of the grid, for the existence check.
    pub fn keys(&self) -> (Vec<String>, Vec<String>) {
        self.sheet.with_value(|s| {
            let pick = |c: Column| {
                s.rows().iter().map(|r| r.value(c).to_owned()).filter(|v| !v.is_empty()).collect::<Vec<_>>()
            };
            (pick(Column::Email), pick(Column::Identifier))
        })
    }

    pub fn add_existing(&self, found: Vec<Learner>) {
        if found.is_empty() {
            return;
        }
        self.sheet.update_value(|s| s.add_existing(found));
        self.refresh_all();
    }

    /// The server's answer: each row's outcome, and any email or identifier it found taken meanwhile.
    pub fn show_outcomes(&self, answer: &ConfirmAnswer) {
        let taken = self.sheet.with_value(|s| {
            let by_row: HashMap<u32, &RowReport> = s.rows().iter().map(|r| (r.row, r)).collect();
            let (mut emails, mut identifiers) = (Vec::new(), Vec::new());
            for outcome in &answer.rows {
                let Some(report) = by_row.get(&outcome.row) else { continue };
                for problem in &outcome.problems {
                    match problem.code() {
                        Code::EmailExists => emails.push(report.value(Column::Email).to_owned()),
                        Code::IdentifierExists => identifiers.push(report.value(Column::Identifier).to_owned()),
                        _ => {}
                    }
                }
            }
            (emails, identifiers)
        });
        // Learners added meanwhile by someone else: their current values come from the server.
        if !taken.0.is_empty() || !taken.1.is_empty() {
            let this = *self;
            leptos::task::spawn_local(async move {
                if let Ok(found) = crate::import::existing_users(taken.0, taken.1).await {
                    this.add_existing(found);
                }
            });
        }
        if answer.imported {
            let outcomes: HashMap<u32, Outcome> = answer.rows.iter().map(|o| (o.row, o.outcome)).collect();
            for row in self.rows().get_untracked() {
                let number = row.report.with_untracked(|r| r.row);
                row.outcome.set(outcomes.get(&number).copied());
            }
        }
    }

    /// A label's chip: pressed, the grid shows the rows that carry that label now (and keeps them while they are
    /// edited); pressed again, every row.
    pub(super) fn toggle_label(&self, label: Label) {
        let generation = self.current.get_untracked();
        let pressed = generation.only_label.with_untracked(|f| f.as_ref().is_some_and(|(l, _)| *l == label));
        let shown = (!pressed).then(|| {
            let ids = generation.rows.with_untracked(|rows| {
                rows.iter().filter(|r| r.diff.with_untracked(|d| d.label == label)).map(|r| r.id).collect()
            });
            (label, ids)
        });
        generation.only_label.set(shown);
    }

    pub(super) fn toggle_only_errors(&self, on: bool) {
        let generation = self.current.get_untracked();
        let shown = on.then(|| {
            generation.rows.with_untracked(|rows| {
                rows.iter().filter(|r| r.report.with_untracked(|r| !r.errors.is_empty())).map(|r| r.id).collect()
            })
        });
        generation.only_errors.set(shown);
    }

    /// After a pause in typing, asks the server whether the edited email or identifier belongs to a user.
    fn check_existing_later(&self, column: Column, value: String) {
        let this = *self;
        self.existence_check.call(async move {
            if value.trim().is_empty() {
                return;
            }
            let (emails, identifiers) =
                if column == Column::Email { (vec![value], Vec::new()) } else { (Vec::new(), vec![value]) };
            if let Ok(found) = crate::import::existing_users(emails, identifiers).await {
                this.add_existing(found);
            }
        });
    }

    /// The cells on screen that have an error, in reading order: the position of their row among the visible rows,
    /// and their column.
    pub(super) fn visible_errors(&self) -> Vec<(usize, Column)> {
        let rows = untrack(|| self.current.get().visible());
        rows.iter()
            .enumerate()
            .flat_map(|(at, row)| {
                row.report.with_untracked(|r| {
                    Column::ALL
                        .into_iter()
                        .filter(|c| r.errors.iter().any(|p| p.column == Some(*c)))
                        .map(|c| (at, c))
                        .collect::<Vec<_>>()
                })
            })
            .collect()
    }
}

/// What row `i` of the sheet would do in these options.
fn row_diff(sheet: &Sheet, i: usize, roster: &RosterOptions) -> RowDiff {
    let sync_group = roster.group.as_deref().filter(|_| roster.mode == Mode::Sync).map(str::trim);
    sheet.diff(i, roster.empty, sync_group.filter(|g| !g.is_empty()))
}

/// The corrected file of these rows, written like every CSV the app hands out (see `rules::write_csv`).
fn corrected_csv(rows: &[RowReport]) -> String {
    let header = Column::ALL.map(Column::as_str);
    rules::write_csv(&header, rows.iter().map(|r| r.values.iter()))
}

#[cfg(test)]
mod tests {
    use rules::{check_bytes, Existing, Sheet};

    use super::*;

    #[test]
    fn a_row_is_labelled_in_the_panels_options_and_a_value_typed_back_is_unchanged() {
        use domain::RosterOptions;
        use rules::{Label, Learner, Mode, UserValues};
        let file = "firstname,lastname,email,language\nAna,Roux-Martin,ana@x.fr,fr\n";
        let report = check_bytes("class.csv", file.as_bytes(), &Existing::default());
        let ana = UserValues::from(["Ana", "Roux", "ana@x.fr", "", "", "fr", "3B", "Active"]);
        let existing = Existing::new([Learner { id: 7, values: ana, version: 42 }]);
        let mut sheet = Sheet::from_report(&report, existing);
        let add = RosterOptions::default();
        assert_eq!(row_diff(&sheet, 0, &add).label, Label::Error);
        sheet.set_mode(Mode::Update);
        let update = RosterOptions { mode: Mode::Update, ..RosterOptions::default() };
        let diff = row_diff(&sheet, 0, &update);
        assert_eq!((diff.label, diff.learner), (Label::Update, Some((7, 42))));
        assert_eq!(diff.changes[0].old, "Roux");
        // The sync's group counts only in a sync, trimmed; a blank name is no group.
        let sync = RosterOptions { mode: Mode::Sync, group: Some(" 4C ".into()), ..RosterOptions::default() };
        sheet.set_mode(Mode::Sync);
        let groups = row_diff(&sheet, 0, &sync).changes.into_iter().find(|c| c.column == Column::Groups);
        assert_eq!(groups.map(|c| c.new), Some("3B|4C".to_owned()));
        let blank = RosterOptions { group: Some("  ".into()), ..sync };
        assert!(row_diff(&sheet, 0, &blank).changes.iter().all(|c| c.column != Column::Groups));
        // The old value typed back: Unchanged.
        sheet.set_cell(0, Column::LastName, "Roux");
        assert_eq!(row_diff(&sheet, 0, &update).label, Label::Unchanged);
    }

    #[test]
    fn the_corrected_file_reads_back_as_the_edited_rows() {
        let file = "firstname,lastname,email,language\nAna,Roux,ana@example,fr\nBob,=cmd,bob@example.org,EN\n";
        let report = check_bytes("learners.csv", file.as_bytes(), &Existing::default());
        let mut sheet = Sheet::from_report(&report, Existing::default());
        sheet.set_cell(0, Column::Email, "  ana@example.fr ");
        sheet.set_cell(1, Column::Language, "en");
        let written = corrected_csv(sheet.rows());
        assert!(written.starts_with("\u{FEFF}firstname,lastname,email,identifier,country,language,groups,status\r\n"));
        assert!(written.contains("Bob,'=cmd,"), "{written}");
        let again = check_bytes("learners-corrected.csv", written.as_bytes(), &Existing::default());
        assert_eq!(
            again.rows.iter().map(|r| r.values.clone()).collect::<Vec<_>>(),
            sheet.rows().iter().map(|r| r.values.clone()).collect::<Vec<_>>()
        );
        assert_eq!(again.rows[0].value(Column::Email), "ana@example.fr");
        assert_eq!(again.rows[1].value(Column::LastName), "=cmd");
    }
}
