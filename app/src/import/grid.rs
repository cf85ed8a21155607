//! The editable grid of the file's rows: every cell an input re-checked at each keystroke by the shared rules
//! (only the edited row and the rows sharing its old or new email or identifier are re-checked and repainted),
//! messages beside the bad cells, suggestions applied to every row with the same value, row deletion, the
//! "only rows with errors" filter and "next error" navigation.

use std::collections::{HashMap, HashSet};

use leptos::prelude::*;
use rules::{Code, Column, Problem, RowReport, Sheet, Summary};

use super::texts::import_texts;
use super::{ConfirmAnswer, ExistingKeys, Outcome, SubmittedRow};
use crate::i18n::use_lang;

/// One line of the grid. `id` stays the same when rows above it are deleted (it keys the DOM row).
#[derive(Clone, Copy)]
struct GridRow {
    id: usize,
    report: RwSignal<RowReport>,
    /// What the admin typed, untrimmed (the rules see the normalised value; the input keeps the keystrokes).
    raw: RwSignal<Vec<String>>,
    outcome: RwSignal<Option<Outcome>>,
}

/// One file's rows. Each file gets its own generation, drawn as its own table: a new file's table is built while
/// the previous one is only hidden, and the previous one is torn down once the new one is fully drawn, so the
/// admin never waits for the old file's 250 rows to be taken apart before seeing the new one.
#[derive(Clone, Copy)]
struct Generation {
    id: usize,
    rows: RwSignal<Vec<GridRow>>,
    /// How many rows are drawn: a new file shows its first screenful at once and the rest over the next frames,
    /// so the admin sees the highlighted grid without waiting for all 250 rows of inputs to be built.
    drawn: RwSignal<usize>,
    /// The rows shown while "only rows with errors" is on, fixed when it was switched on, so a row does not
    /// vanish under the cursor the moment its last error is fixed.
    only_errors: RwSignal<Option<HashSet<usize>>>,
}

impl Generation {
    fn new(id: usize, rows: Vec<GridRow>) -> Self {
        let first = rows.len().min(FIRST_ROWS);
        Generation { id, rows: RwSignal::new(rows), drawn: RwSignal::new(first), only_errors: RwSignal::new(None) }
    }
}

/// The grid's state, shared by the panel (load, confirm) and the grid component. Cheap to copy.
#[derive(Clone, Copy)]
pub struct GridState {
    sheet: StoredValue<Sheet>,
    /// The file being edited.
    current: RwSignal<Generation>,
    /// Every generation still in the DOM: the current one last; before it, hidden, the earlier ones that wait for
    /// the current one to be drawn before they are taken apart.
    generations: RwSignal<Vec<Generation>>,
    pub summary: RwSignal<Summary>,
    /// Bumped at every edit of an email or identifier; a debounced existence check runs only if still current.
    edits: StoredValue<u64>,
    /// The next row id: ids are never reused across files, so the DOM rows of one file never carry another's.
    next_id: StoredValue<usize>,
    next_generation: StoredValue<usize>,
}

/// Rows drawn in the first frame of a new file's grid: more than the panel shows above the fold on a 1080p
/// screen (about 16 rows of 38 px below the banner), so what the admin sees comes first and fast.
const FIRST_ROWS: usize = 20;
/// Rows drawn per animation frame afterwards, while the rest of the grid fills in.
#[cfg(feature = "hydrate")]
const ROWS_PER_FRAME: usize = 30;

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
            summary: RwSignal::new(Summary::default()),
            edits: StoredValue::new(0),
            next_id: StoredValue::new(0),
            next_generation: StoredValue::new(1),
        }
    }

    /// Empties the grid. The rows on screen are hidden at once, and taken apart only after the next file's rows
    /// are drawn.
    pub fn clear(&self) {
        self.load(Sheet::default());
    }

    pub fn load(&self, sheet: Sheet) {
        let first_id = self.next_id.get_value();
        self.next_id.set_value(first_id + sheet.rows().len());
        let rows: Vec<GridRow> = sheet
            .rows()
            .iter()
            .enumerate()
            .map(|(i, r)| GridRow {
                id: first_id + i,
                report: RwSignal::new(r.clone()),
                raw: RwSignal::new(r.values.clone()),
                outcome: RwSignal::new(None),
            })
            .collect();
        self.summary.set(sheet.summary());
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

    /// Repaints the rows at these positions from the sheet, and the summary.
    fn refresh(&self, positions: impl IntoIterator<Item = usize>) {
        let rows = self.rows().get_untracked();
        self.sheet.with_value(|sheet| {
            for i in positions {
                if let (Some(row), Some(report)) = (rows.get(i), sheet.rows().get(i)) {
                    if row.report.with_untracked(|r| r != report) {
                        row.report.set(report.clone());
                    }
                }
            }
            self.summary.set(sheet.summary());
        });
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
    }

    /// Puts `to` in every cell of `column` that holds `from`.
    pub fn apply_suggestion(&self, column: Column, from: String, to: String) {
        let changed = self.sheet.try_update_value(|s| s.apply_suggestion(column, &from, &to)).unwrap_or_default();
        let rows = self.rows().get_untracked();
        self.sheet.with_value(|sheet| {
            for &i in &changed {
                if let (Some(row), Some(report)) = (rows.get(i), sheet.rows().get(i)) {
                    row.raw.set(report.values.clone());
                }
            }
        });
        self.refresh(changed);
    }

    pub fn delete(&self, id: usize) {
        let Some(at) = self.position(id) else { return };
        self.sheet.update_value(|s| s.delete_row(at));
        self.rows().update(|rows| {
            rows.remove(at);
        });
        self.refresh_all();
    }

    /// The rows as the confirm sends them: the values the rules checked.
    pub fn submitted_rows(&self) -> Vec<SubmittedRow> {
        self.sheet
            .with_value(|s| s.rows().iter().map(|r| SubmittedRow { row: r.row, values: r.values.clone() }).collect())
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

    pub fn add_existing(&self, found: ExistingKeys) {
        if found.emails.is_empty() && found.identifiers.is_empty() {
            return;
        }
        self.sheet.update_value(|s| s.add_existing(found.emails, found.identifiers));
        self.refresh_all();
    }

    /// The server's answer: each row's outcome, and any email or identifier it found taken meanwhile.
    pub fn show_outcomes(&self, answer: &ConfirmAnswer) {
        let taken = self.sheet.with_value(|s| {
            let by_row: HashMap<u32, &RowReport> = s.rows().iter().map(|r| (r.row, r)).collect();
            let mut taken = ExistingKeys::default();
            for outcome in &answer.rows {
                let Some(report) = by_row.get(&outcome.row) else { continue };
                for problem in &outcome.problems {
                    match problem.code() {
                        Code::EmailExists => taken.emails.push(report.value(Column::Email).to_owned()),
                        Code::IdentifierExists => taken.identifiers.push(report.value(Column::Identifier).to_owned()),
                        _ => {}
                    }
                }
            }
            taken
        });
        self.add_existing(taken);
        if answer.imported {
            let outcomes: HashMap<u32, Outcome> = answer.rows.iter().map(|o| (o.row, o.outcome)).collect();
            for row in self.rows().get_untracked() {
                let number = row.report.with_untracked(|r| r.row);
                row.outcome.set(outcomes.get(&number).copied());
            }
        }
    }

    fn toggle_only_errors(&self, on: bool) {
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
        self.edits.update_value(|n| *n += 1);
        #[cfg(feature = "hydrate")]
        {
            let this = *self;
            let generation = self.edits.get_value();
            leptos::task::spawn_local(async move {
                gloo_timers::future::TimeoutFuture::new(400).await;
                if this.edits.try_get_value() != Some(generation) || value.trim().is_empty() {
                    return;
                }
                let (emails, identifiers) =
                    if column == Column::Email { (vec![value], Vec::new()) } else { (Vec::new(), vec![value]) };
                if let Ok(found) = super::existing_users(emails, identifiers).await {
                    this.add_existing(found);
                }
            });
        }
        #[cfg(not(feature = "hydrate"))]
        let _ = (column, value);
    }
}

#[component]
pub fn Grid(grid: GridState, #[prop(into)] locked: Signal<bool>) -> impl IntoView {
    let lang = use_lang();
    let t = move || import_texts(lang.get());
    let current = move || grid.current.get();
    view! {
        <div class="grid-tools">
            <label class="check">
                <input
                    type="checkbox"
                    id="only-errors"
                    prop:checked=move || current().only_errors.with(Option::is_some)
                    on:change=move |ev| grid.toggle_only_errors(event_target_checked(&ev))
                />
                {move || t().only_errors}
            </label>
            <button
                type="button"
                id="next-error"
                disabled=move || grid.summary.get().invalid == 0 || locked.get()
                on:click=move |_| focus_next_error()
            >
                {move || t().next_error}
            </button>
        </div>
        <div class="grid-scroll">
            <For
                each=move || grid.generations.get()
                key=|generation| generation.id
                children=move |generation| view! { <GridTable grid generation locked /> }
            />
            <Show when=move || current().rows.with(Vec::is_empty)>
                <p class="muted">{move || t().no_rows}</p>
            </Show>
        </div>
    }
    .into_any()
}

/// One file's table. Only the current file's is shown, and only it carries the `import-grid` id.
#[component]
fn GridTable(grid: GridState, generation: Generation, locked: Signal<bool>) -> impl IntoView {
    let lang = use_lang();
    let t = move || import_texts(lang.get());
    let is_current = move || grid.current.with(|c| c.id == generation.id);
    let visible = move || {
        let filter = generation.only_errors.get();
        let drawn = generation.drawn.get();
        generation
            .rows
            .get()
            .into_iter()
            .take(drawn)
            .filter(move |r| filter.as_ref().is_none_or(|ids| ids.contains(&r.id)))
            .collect::<Vec<_>>()
    };
    view! {
        <div class="grid-file" hidden=move || !is_current()>
            <table id=move || is_current().then_some("import-grid") class="grid">
                <thead>
                    <tr>
                        <th scope="col">{move || t().row}</th>
                        {Column::ALL.map(|c| view! { <th scope="col">{c.as_str()}</th> }).collect_view()}
                        <th scope="col">
                            <span class="visually-hidden">{move || t().delete_row}</span>
                        </th>
                    </tr>
                </thead>
                <tbody>
                    <For each=visible key=|row| row.id children=move |row| view! { <GridLine grid row locked /> } />
                </tbody>
            </table>
        </div>
    }
    .into_any()
}

#[component]
fn GridLine(grid: GridState, row: GridRow, locked: Signal<bool>) -> impl IntoView {
    let lang = use_lang();
    let t = move || import_texts(lang.get());
    let number = move || row.report.with(|r| r.row);
    let invalid = move || row.report.with(|r| !r.errors.is_empty());
    view! {
        <tr class:invalid=invalid data-row=number>
            <th scope="row" class="row-number">
                {number}
                {move || {
                    row.outcome
                        .get()
                        .map(|o| {
                            let (class, text) = match o {
                                Outcome::Created => ("outcome created", t().outcome_created),
                                Outcome::Skipped => ("outcome skipped", t().outcome_skipped),
                            };
                            view! { <span class=class>{text}</span> }
                        })
                }}
            </th>
            {Column::ALL.map(|column| view! { <GridCell grid row column locked /> }).collect_view()}
            <td class="row-actions">
                <button
                    type="button"
                    class="icon-button delete-row"
                    disabled=move || locked.get()
                    aria-label=move || format!("{} {}", t().delete_row, number())
                    on:click=move |_| grid.delete(row.id)
                >
                    "✕"
                </button>
            </td>
        </tr>
    }
    .into_any()
}

#[component]
fn GridCell(grid: GridState, row: GridRow, column: Column, locked: Signal<bool>) -> impl IntoView {
    let lang = use_lang();
    let t = move || import_texts(lang.get());
    let message_id = format!("msg-{}-{}", row.id, column.as_str());
    let problems = move || row.report.with(|r| r.problems(column).cloned().collect::<Vec<Problem>>());
    let has_error = move || row.report.with(|r| r.errors.iter().any(|p| p.column == Some(column)));
    let has_warning = move || row.report.with(|r| r.warnings.iter().any(|p| p.column == Some(column)));
    let described = message_id.clone();
    view! {
        <td class="cell" class:cell-error=has_error class:cell-warning=has_warning>
            <input
                type="text"
                class="cell-input"
                data-column=column.as_str()
                readonly=move || locked.get()
                aria-label=move || format!("{} {}, {}", t().row, row.report.with(|r| r.row), column.as_str())
                aria-invalid=move || if has_error() { "true" } else { "false" }
                aria-describedby=move || (has_error() || has_warning()).then(|| described.clone())
                prop:value=move || row.raw.with(|raw| raw[column.index()].clone())
                on:input=move |ev| grid.edit(row.id, column, event_target_value(&ev))
            />
            <div class="cell-messages" id=message_id>
                {move || {
                    problems()
                        .into_iter()
                        .map(|problem| {
                            let is_error = !problem.code().is_warning();
                            let (icon, label) = if is_error {
                                ("⚠", t().error_icon_label)
                            } else {
                                ("ℹ", t().warning_icon_label)
                            };
                            let suggestion = problem.suggestion().map(str::to_owned).filter(|_| !locked.get());
                            view! {
                                <p class=if is_error { "cell-message error" } else { "cell-message warning" }>
                                    <span class="icon" aria-hidden="true">{icon}</span>
                                    <span class="visually-hidden">{label}": "</span>
                                    {problem.message(lang.get())}
                                    " "
                                    <code class="code">{problem.code().as_str()}</code>
                                </p>
                                {suggestion.map(|to| view! { <SuggestionButton grid row column to /> })}
                            }
                        })
                        .collect_view()
                }}
            </div>
        </td>
    }
    .into_any()
}

#[component]
fn SuggestionButton(grid: GridState, row: GridRow, column: Column, to: String) -> impl IntoView {
    let lang = use_lang();
    let t = move || import_texts(lang.get());
    let from = row.report.with_untracked(|r| r.value(column).to_owned());
    let count = grid.sheet.with_value(|s| s.count_value(column, &from));
    let label = {
        let to = to.clone();
        move || (t().apply_to_all)(&to, count)
    };
    view! {
        <button
            type="button"
            class="suggestion"
            on:click=move |_| grid.apply_suggestion(column, from.clone(), to.clone())
        >
            {label}
        </button>
    }
    .into_any()
}

/// Moves the focus to the next cell with an error after the focused one (wrapping to the first).
fn focus_next_error() {
    #[cfg(feature = "hydrate")]
    {
        use wasm_bindgen::JsCast;
        let Some(document) = web_sys::window().and_then(|w| w.document()) else { return };
        let Ok(list) = document.query_selector_all("#import-grid input[aria-invalid='true']") else { return };
        let cells: Vec<web_sys::HtmlElement> =
            (0..list.length()).filter_map(|i| list.item(i)).filter_map(|n| n.dyn_into().ok()).collect();
        let active = document.active_element();
        let after = |cell: &web_sys::HtmlElement| {
            active.as_ref().is_some_and(|a| {
                a.compare_document_position(cell) & web_sys::Node::DOCUMENT_POSITION_FOLLOWING != 0
                    && a.closest("#import-grid").ok().flatten().is_some()
            })
        };
        if let Some(cell) = cells.iter().find(|c| after(c)).or(cells.first()) {
            let _ = cell.focus();
            cell.scroll_into_view_with_bool(false);
        }
    }
}
