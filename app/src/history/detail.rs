//! One import's page: who imported which file and when, its counts and invitations, the rows not added with their
//! reasons (and the error report to fix them), a link to its users, and the undo with its dialog.

use leptos::html;
use leptos::prelude::*;
use rules::Catalog;

use super::list::{counts_text, invitations_text, mode_text, undo_text};
use super::texts::HistoryTexts;
use super::{load_import, report_href, when, ImportDetail, PreviewUndo, UndoImport, UndoState};
use crate::error::AppError;
use crate::i18n::use_lang;
use crate::import::panel::show_modal_while;
use crate::top_bar::top_bar;
use domain::{KeptUser, Outcome, RowRecord, UserStatus};

#[component]
pub fn ImportDetailPage(id: i64) -> impl IntoView {
    let lang = use_lang();
    let t = move || HistoryTexts::of(lang.get());
    let undo = ServerAction::<UndoImport>::new();
    let preview = ServerAction::<PreviewUndo>::new();
    let detail: Resource<Result<ImportDetail, AppError>> =
        Resource::new(move || undo.version().get(), move |_| load_import(id));
    let dialog_open = RwSignal::new(false);
    let dialog = NodeRef::<html::Dialog>::new();
    Effect::new(move |_| show_modal_while(dialog.get(), dialog_open.get()));
    // The undo done (or refused), the dialog closes and the page shows what happened.
    Effect::new(move |_| {
        if undo.version().get() > 0 {
            dialog_open.set(false);
        }
    });
    let open_undo = move || {
        preview.dispatch(PreviewUndo { id });
        dialog_open.set(true);
    };
    view! {
        {top_bar()}
        <main class="import-page">
            <div class="page-head">
                <h1>{move || (t().import_title)(id)}</h1>
                <a href="/imports">{move || t().back_to_history}</a>
            </div>
            {undo_outcome(undo)}
            <Transition fallback=move || view! { <p class="loading">{move || t().loading}</p> }>
                {move || {
                    detail
                        .get()
                        .map(|result| match result {
                            Ok(detail) => {
                                view! {
                                    {summary(&detail, open_undo)}
                                    {rows_table(detail.rows)}
                                }
                                    .into_any()
                            }
                            Err(err) => {
                                view! { <p class="form-error" role="alert">{err.message(lang.get())}</p> }
                                    .into_any()
                            }
                        })
                }}
            </Transition>
            {undo_dialog(dialog, dialog_open, preview, undo, id)}
        </main>
    }
}

fn summary(detail: &ImportDetail, open_undo: impl Fn() + Copy + Send + Sync + 'static) -> impl IntoView {
    let lang = use_lang();
    let t = move || HistoryTexts::of(lang.get());
    let s = detail.summary.clone();
    let (who, at) = (s.admin_email.clone(), s.created_at.clone());
    let (added, with_errors, existing) = (s.added, s.with_errors, s.existing);
    let can_undo = matches!(s.undo, UndoState::Available { .. });
    let not_added = with_errors + existing > 0;
    let id = s.id;
    view! {
        <section class="import-summary" aria-labelledby="import-file">
            <h2 id="import-file" class="file-name">{s.file_name.clone()}</h2>
            <p>{move || (t().imported_by)(&who, &when(&at))}</p>
            <p class="counts">{move || (t().counts)(added, with_errors, existing)}</p>
            <p class="import-mode">
                <span class="label">{move || t().col_mode}": "</span>
                {mode_text(&s)}
            </p>
            {(s.mode != rules::Mode::Add || s.counts != Default::default())
                .then(|| view! { <p class="roster-counts" id="roster-counts">{counts_text(&s)}</p> })}
            <p>
                <span class="label">{move || t().col_invitations}": "</span>
                {invitations_text(&s)}
            </p>
            <p class="undo-state">{undo_text(s.undo.clone())}</p>
            <div class="import-actions">
                {not_added
                    .then(|| {
                        view! {
                            <a class="button" id="download-report" href=report_href(id) download="">
                                {move || t().download_report}
                            </a>
                        }
                    })}
                <a class="button" id="see-users" href=format!("/?import={id}")>
                    {move || t().see_users}
                </a>
                {can_undo
                    .then(|| {
                        view! {
                            <button type="button" id="undo-import" class="danger" on:click=move |_| open_undo()>
                                {move || t().undo}
                            </button>
                        }
                    })}
            </div>
        </section>
    }
}

fn rows_table(rows: Vec<RowRecord>) -> impl IntoView {
    let lang = use_lang();
    let t = move || HistoryTexts::of(lang.get());
    view! {
        <table class="import-rows">
            <thead>
                <tr>
                    <th scope="col" class="number">{move || t().col_row}</th>
                    <th scope="col">{move || t().col_email}</th>
                    <th scope="col">{move || t().col_outcome}</th>
                    <th scope="col">{move || t().col_reasons}</th>
                    <th scope="col">{move || t().col_changes}</th>
                </tr>
            </thead>
            <tbody>
                {rows
                    .into_iter()
                    .map(|r| {
                        let outcome = r.outcome;
                        let problems = r.problems;
                        let changes = r.changes;
                        let class = match outcome {
                            Outcome::Created => "row-created",
                            Outcome::Updated => "row-updated",
                            Outcome::Unchanged => "row-unchanged",
                            Outcome::Skipped => "row-skipped",
                        };
                        view! {
                            <tr class=class>
                                <td class="number">{r.row}</td>
                                <td>{r.email}</td>
                                <td>
                                    {move || match outcome {
                                        Outcome::Created => t().outcome_created,
                                        Outcome::Updated => t().outcome_updated,
                                        Outcome::Unchanged => t().outcome_unchanged,
                                        Outcome::Skipped => t().outcome_skipped,
                                    }}
                                </td>
                                <td>
                                    <ul class="reasons">
                                        {move || {
                                            problems
                                                .iter()
                                                .map(|p| view! { <li>{p.message(lang.get())}</li> })
                                                .collect_view()
                                        }}
                                    </ul>
                                </td>
                                <td>{changes_list(changes)}</td>
                            </tr>
                        }
                    })
                    .collect_view()}
            </tbody>
        </table>
    }
}

/// An updated row's changes, each "field: old → new"; the old value is read out as "was …" (the arrow and the
/// struck-out text are not).
fn changes_list(changes: Vec<rules::Change>) -> impl IntoView {
    let lang = use_lang();
    let t = move || HistoryTexts::of(lang.get());
    (!changes.is_empty()).then(|| {
        view! {
            <ul class="changes">
                {changes
                    .into_iter()
                    .map(|c| {
                        let (old, new) = (c.old, c.new);
                        let shown = move |v: &str| if v.is_empty() { t().empty_value.to_owned() } else { v.to_owned() };
                        let old_read = old.clone();
                        let old_shown = move || shown(&old);
                        let new_shown = move || shown(&new);
                        view! {
                            <li data-column=c.column.as_str()>
                                <span class="field">{c.column.as_str()}": "</span>
                                <del aria-hidden="true">{old_shown}</del>
                                <span aria-hidden="true">" → "</span>
                                <ins>{new_shown}</ins>
                                <span class="visually-hidden">{move || format!(" ({})", (t().was)(&shown(&old_read)))}</span>
                            </li>
                        }
                    })
                    .collect_view()}
            </ul>
        }
    })
}

/// "Import undone: 12 users removed, 1 kept", with the kept users named; or why the undo was refused.
fn undo_outcome(undo: ServerAction<UndoImport>) -> impl IntoView {
    let lang = use_lang();
    let t = move || HistoryTexts::of(lang.get());
    move || {
        undo.value().get().map(|result| match result {
            Ok(answer) => {
                let kept = answer.kept.clone();
                view! {
                    <div class="notice" role="status" id="undo-outcome">
                        <p>
                            {move || {
                                if answer.already_undone {
                                    t().already_undone.to_owned()
                                } else {
                                    (t().undone)(answer.removed, answer.kept.len() as u32)
                                }
                            }}
                        </p>
                        {kept_list(kept)}
                    </div>
                }
                .into_any()
            }
            Err(err) => view! { <p class="form-error" role="alert">{err.message(lang.get())}</p> }.into_any(),
        })
    }
}

fn kept_list(kept: Vec<KeptUser>) -> impl IntoView {
    let lang = use_lang();
    let t = move || HistoryTexts::of(lang.get());
    (!kept.is_empty()).then(|| {
        view! {
            <ul class="kept-users">
                {kept
                    .into_iter()
                    .map(|k| {
                        let active = k.status == UserStatus::Active;
                        view! {
                            <li>
                                {format!("{} {} <{}> — ", k.firstname, k.lastname, k.email)}
                                {move || if active { t().status_active } else { t().status_changed }}
                            </li>
                        }
                    })
                    .collect_view()}
            </ul>
        }
    })
}

/// The undo's dialog: what it will do (fetched when it opens), then Undo or Cancel. A native modal `<dialog>`:
/// the page behind is inert, Tab stays inside and Escape closes it.
fn undo_dialog(
    dialog: NodeRef<html::Dialog>,
    open: RwSignal<bool>,
    preview: ServerAction<PreviewUndo>,
    undo: ServerAction<UndoImport>,
    id: i64,
) -> impl IntoView {
    let lang = use_lang();
    let t = move || HistoryTexts::of(lang.get());
    let ready = move || !preview.pending().get() && matches!(preview.value().get(), Some(Ok(_)));
    view! {
        <dialog
            id="undo-dialog"
            class="dialog"
            role="alertdialog"
            aria-labelledby="undo-dialog-title"
            aria-describedby="undo-dialog-text"
            node_ref=dialog
            on:close=move |_| open.set(false)
        >
            <h3 id="undo-dialog-title">{move || t().undo_title}</h3>
            <div id="undo-dialog-text">
                {move || match (preview.pending().get(), preview.value().get()) {
                    (true, _) | (_, None) => view! { <p class="loading">{t().loading}</p> }.into_any(),
                    (false, Some(Ok(p))) => {
                        let (removable, kept) = (p.removable, p.kept.len() as u32);
                        view! {
                            <p>{move || (t().undo_removes)(removable)}</p>
                            {(kept > 0).then(|| view! { <p>{move || (t().undo_keeps)(kept)}</p> })}
                            {kept_list(p.kept)}
                        }
                            .into_any()
                    }
                    (false, Some(Err(err))) => {
                        view! { <p class="form-error" role="alert">{err.message(lang.get())}</p> }.into_any()
                    }
                }}
            </div>
            <div class="dialog-actions">
                <button
                    type="button"
                    class="danger"
                    id="undo-confirm"
                    disabled=move || !ready() || undo.pending().get()
                    on:click=move |_| {
                        undo.dispatch(UndoImport { id });
                    }
                >
                    {move || t().undo_confirm}
                </button>
                <button type="button" on:click=move |_| open.set(false)>
                    {move || t().cancel}
                </button>
            </div>
        </dialog>
    }
}
