//! One line of the grid: its spreadsheet row number (with the import's outcome once done), a cell per column,
//! and the delete button.

use leptos::prelude::*;
use rules::Column;

use super::cell::GridCell;
use super::state::{GridRow, GridState};
use super::{label_class, label_text};
use crate::i18n::use_lang;
use crate::import::texts::import_texts;
use crate::import::Outcome;

#[component]
pub(super) fn GridLine(grid: GridState, row: GridRow, locked: Signal<bool>) -> impl IntoView {
    let lang = use_lang();
    let t = move || import_texts(lang.get());
    let number = move || row.report.with(|r| r.row);
    let invalid = move || row.report.with(|r| !r.errors.is_empty());
    let outcome = move || {
        row.outcome.get().map(|o| {
            let (class, text) = match o {
                Outcome::Created => ("outcome created", t().outcome_created),
                Outcome::Updated => ("outcome updated", t().outcome_updated),
                Outcome::Unchanged => ("outcome unchanged", t().outcome_unchanged),
                Outcome::Skipped => ("outcome skipped", t().outcome_skipped),
            };
            view! { <span class=class>{text}</span> }
        })
    };
    view! {
        <tr class:invalid=invalid data-row=number>
            <th scope="row" class="row-number">
                {number}
                {outcome}
            </th>
            <td class="row-label">
                {move || {
                    let label = row.diff.with(|d| d.label);
                    view! { <span class=label_class(label)>{label_text(t(), label)}</span> }
                }}
            </td>
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
