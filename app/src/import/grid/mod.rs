//! The editable grid of the file's rows: every cell an input re-checked at each keystroke by the shared rules
//! (only the edited row and the rows sharing its old or new email or identifier are re-checked and repainted),
//! messages beside the bad cells, suggestions applied to every row with the same value, row deletion, the
//! "only rows with errors" filter and "next error" navigation.
//!
//! `state` holds the rows and what an edit does to them; this file draws the tools and one table per file;
//! `row` draws a line, `cell` an input with its messages.

mod cell;
pub(crate) mod debounce;
mod row;
mod state;

use leptos::prelude::*;
use rules::{Column, Label};

pub use state::GridState;

use self::row::GridLine;
use self::state::Generation;
use super::roster::LABELS;
use super::texts::{import_texts, ImportTexts};
use crate::i18n::use_lang;

/// A label's word, as the label column and the chips write it.
pub(crate) fn label_text(t: &ImportTexts, label: Label) -> &'static str {
    match label {
        Label::New => t.label_new,
        Label::Update => t.label_update,
        Label::Unchanged => t.label_unchanged,
        Label::Error => t.label_error,
    }
}

/// A label's name for tests and styles, whatever the language.
fn label_key(label: Label) -> &'static str {
    match label {
        Label::New => "new",
        Label::Update => "update",
        Label::Unchanged => "unchanged",
        Label::Error => "error",
    }
}

/// The CSS class of a label (its colour: the word says it too).
pub(crate) fn label_class(label: Label) -> &'static str {
    match label {
        Label::New => "label label-new",
        Label::Update => "label label-update",
        Label::Unchanged => "label label-unchanged",
        Label::Error => "label label-error",
    }
}

/// The grid. `file_name` is the dropped file's, which the corrected file is named after.
#[component]
pub fn Grid(
    grid: GridState,
    #[prop(into)] locked: Signal<bool>,
    #[prop(into)] file_name: Signal<String>,
) -> impl IntoView {
    let lang = use_lang();
    let t = move || import_texts(lang.get());
    let current = move || grid.current.get();
    view! {
        <div class="grid-tools">
            <div class="label-chips" role="group" aria-label=move || t().show_rows_labelled>
                {LABELS
                    .map(|label| {
                        let pressed = move || {
                            current().only_label.with(|f| f.as_ref().is_some_and(|(l, _)| *l == label))
                        };
                        view! {
                            <button
                                type="button"
                                class=format!("chip {}", label_class(label))
                                data-label=label_key(label)
                                aria-pressed=move || if pressed() { "true" } else { "false" }
                                on:click=move |_| grid.toggle_label(label)
                            >
                                {move || format!("{} ({})", label_text(t(), label), grid.labels.get().get(label))}
                            </button>
                        }
                    })
                    .collect_view()}
            </div>
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
                on:click=move |_| focus_next_error(grid)
            >
                {move || t().next_error}
            </button>
            <button
                type="button"
                id="download-corrected"
                disabled=move || current().rows.with(Vec::is_empty)
                on:click=move |_| download_corrected(grid, &file_name.get_untracked())
            >
                {move || t().download_corrected}
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
    view! {
        <div class="grid-file" hidden=move || !is_current()>
            <table id=move || is_current().then_some("import-grid") class="grid">
                <thead>
                    <tr>
                        <th scope="col">{move || t().row}</th>
                        <th scope="col">{move || t().label_column}</th>
                        {Column::ALL.map(|c| view! { <th scope="col">{c.as_str()}</th> }).collect_view()}
                        <th scope="col">
                            <span class="visually-hidden">{move || t().delete_row}</span>
                        </th>
                    </tr>
                </thead>
                <tbody node_ref=grid.body>
                    <For
                        each=move || generation.visible()
                        key=|row| row.id
                        children=move |row| view! { <GridLine grid row locked /> }
                    />
                </tbody>
            </table>
        </div>
    }
    .into_any()
}

/// Saves the rows as they are now in the grid as `<file>-corrected.csv`, written in the browser: the admin keeps
/// the fixes made here, to finish in a spreadsheet or drop again later.
fn download_corrected(grid: GridState, file_name: &str) {
    let name = crate::import::download::derived_name(file_name, "corrected");
    let text = grid.corrected_csv();
    #[cfg(feature = "hydrate")]
    crate::import::download::save_text(&name, &text, "text/csv;charset=utf-8");
    #[cfg(not(feature = "hydrate"))]
    let _ = (name, text);
}

/// Moves the focus to the next cell with an error after the focused element, wrapping to the first: the grid
/// knows which cells have errors, the current table's body gives their inputs.
fn focus_next_error(grid: GridState) {
    let Some(body) = grid.body.get_untracked() else { return };
    let inputs: Vec<web_sys::HtmlElement> =
        grid.visible_errors().into_iter().filter_map(|(at, column)| cell_input(&body, at, column)).collect();
    let active = document().active_element();
    let after = |input: &web_sys::HtmlElement| {
        active.as_ref().is_some_and(|a| {
            body.contains(Some(a.as_ref()))
                && a.compare_document_position(input) & web_sys::Node::DOCUMENT_POSITION_FOLLOWING != 0
        })
    };
    if let Some(input) = inputs.iter().find(|i| after(i)).or(inputs.first()) {
        let _ = input.focus();
        input.scroll_into_view_with_bool(false);
    }
}

/// The input of `column` in the table body's row at `at`. A row is its number (a header cell), its label, then
/// the cells in [`Column::ALL`] order, each starting with its input.
fn cell_input(body: &web_sys::HtmlTableSectionElement, at: usize, column: Column) -> Option<web_sys::HtmlElement> {
    use wasm_bindgen::JsCast;
    let row: web_sys::HtmlTableRowElement = body.rows().item(at as u32)?.dyn_into().ok()?;
    row.cells().item(column.index() as u32 + 2)?.first_element_child()?.dyn_into().ok()
}
