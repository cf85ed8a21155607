//! One cell of the grid: the input (re-checked at each keystroke), and beside it the cell's error and warning
//! messages, each with its code, and a button applying the rules' suggestion to every row with the same value.

use leptos::prelude::*;
use rules::{Column, Problem};

use super::state::{GridRow, GridState};
use crate::i18n::use_lang;
use crate::import::texts::import_texts;

#[component]
pub(super) fn GridCell(grid: GridState, row: GridRow, column: Column, locked: Signal<bool>) -> impl IntoView {
    let lang = use_lang();
    let t = move || import_texts(lang.get());
    let message_id = format!("msg-{}-{}", row.id, column.as_str());
    let problems = move || row.report.with(|r| r.problems(column).cloned().collect::<Vec<Problem>>());
    let has_error = move || row.report.with(|r| r.errors.iter().any(|p| p.column == Some(column)));
    let has_warning = move || row.report.with(|r| r.warnings.iter().any(|p| p.column == Some(column)));
    // An Update row's change of this cell: the learner's value now and the file's.
    let change = move || {
        row.diff.with(|d| d.changes.iter().find(|c| c.column == column).map(|c| (c.old.clone(), c.new.clone())))
    };
    let change_id = format!("change-{}-{}", row.id, column.as_str());
    let described = message_id.clone();
    let described_change = change_id.clone();
    let describedby = move || {
        let ids: Vec<&str> = [
            (has_error() || has_warning()).then_some(described.as_str()),
            change().is_some().then_some(described_change.as_str()),
        ]
        .into_iter()
        .flatten()
        .collect();
        (!ids.is_empty()).then(|| ids.join(" "))
    };
    view! {
        <td class="cell" class:cell-error=has_error class:cell-warning=has_warning>
            <input
                type="text"
                class="cell-input"
                data-column=column.as_str()
                readonly=move || locked.get()
                aria-label=move || format!("{} {}, {}", t().row, row.report.with(|r| r.row), column.as_str())
                aria-invalid=move || if has_error() { "true" } else { "false" }
                aria-describedby=describedby
                prop:value=move || row.raw.with(|raw| raw[column.index()].clone())
                on:input=move |ev| grid.edit(row.id, column, event_target_value(&ev))
            />
            {move || {
                change()
                    .map(|(old, new)| {
                        let old_shown = if old.is_empty() { t().empty_value.to_owned() } else { old.clone() };
                        let new_shown = if new.is_empty() { t().empty_value.to_owned() } else { new };
                        view! {
                            <p class="cell-change" id=change_id.clone()>
                                <span class="visually-hidden">{(t().was)(&old_shown)}" "</span>
                                <del aria-hidden="true">{old_shown.clone()}</del>
                                <span aria-hidden="true">" → "</span>
                                <ins aria-hidden="true">{new_shown}</ins>
                            </p>
                        }
                    })
            }}
            <div class="cell-messages" id=message_id>
                {move || {
                    problems()
                        .into_iter()
                        .map(|problem| cell_message(grid, row, column, problem, locked))
                        .collect_view()
                }}
            </div>
        </td>
    }
    .into_any()
}

/// One problem of a cell: an icon and its name for screen readers, the message, the code, and the suggestion
/// if the rules have one and the grid is still editable.
fn cell_message(
    grid: GridState,
    row: GridRow,
    column: Column,
    problem: Problem,
    locked: Signal<bool>,
) -> impl IntoView {
    let lang = use_lang();
    let t = import_texts(lang.get());
    let is_error = !problem.code().is_warning();
    let (icon, label, class) = if is_error {
        ("⚠", t.error_icon_label, "cell-message error")
    } else {
        ("ℹ", t.warning_icon_label, "cell-message warning")
    };
    let suggestion = problem.suggestion().map(str::to_owned).filter(|_| !locked.get());
    view! {
        <p class=class>
            <span class="icon" aria-hidden="true">{icon}</span>
            <span class="visually-hidden">{label}": "</span>
            {problem.message(lang.get())}
            " "
            <code class="code">{problem.code().as_str()}</code>
        </p>
        {suggestion.map(|to| view! { <SuggestionButton grid row column to /> })}
    }
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
