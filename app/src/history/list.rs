//! The history page: every import, newest first, a page at a time, each line leading to the import's page.

use leptos::prelude::*;
use rules::Catalog;

use super::texts::HistoryTexts;
use super::{import_history, import_href, when, ImportPage, ImportSummary, UndoState};
use crate::error::AppError;
use crate::i18n::use_lang;
use crate::import::panel::mode_text as mode_text_of;
use crate::import::texts::import_texts;
use crate::pager::CursorPager;
use crate::top_bar::top_bar;
use domain::RosterCounts;
use rules::Mode;

#[component]
pub fn HistoryPage() -> impl IntoView {
    let lang = use_lang();
    let t = move || HistoryTexts::of(lang.get());
    let pager = CursorPager::new();
    let history: Resource<Result<ImportPage, AppError>> = Resource::new(move || pager.cursor(), import_history);
    let next_cursor = move || history.get().and_then(Result::ok).and_then(|p| p.next_cursor);
    view! {
        {top_bar()}
        <main class="history-page">
            <div class="page-head">
                <h1>{move || t().title}</h1>
                <a href="/">{move || t().back_to_users}</a>
            </div>
            <Transition fallback=move || view! { <p class="loading">{move || t().loading}</p> }>
                {move || {
                    history
                        .get()
                        .map(|result| match result {
                            Ok(page) if page.imports.is_empty() => {
                                view! { <p class="empty">{move || t().no_imports}</p> }.into_any()
                            }
                            Ok(page) => history_table(page.imports).into_any(),
                            Err(err) => {
                                view! { <p class="form-error" role="alert">{err.message(lang.get())}</p> }
                                    .into_any()
                            }
                        })
                }}
                {pager.view(next_cursor)}
            </Transition>
        </main>
    }
}

fn history_table(imports: Vec<ImportSummary>) -> impl IntoView {
    let lang = use_lang();
    let t = move || HistoryTexts::of(lang.get());
    view! {
        <table class="history">
            <thead>
                <tr>
                    <th scope="col">{move || t().col_date}</th>
                    <th scope="col">{move || t().col_file}</th>
                    <th scope="col">{move || t().col_admin}</th>
                    <th scope="col" class="number">{move || t().col_rows}</th>
                    <th scope="col" class="number">{move || t().col_added}</th>
                    <th scope="col" class="number">{move || t().col_with_errors}</th>
                    <th scope="col" class="number">{move || t().col_existing}</th>
                    <th scope="col">{move || t().col_mode}</th>
                    <th scope="col">{move || t().col_changes}</th>
                    <th scope="col">{move || t().col_invitations}</th>
                    <th scope="col">{move || t().col_undo}</th>
                </tr>
            </thead>
            <tbody>{imports.into_iter().map(history_line).collect_view()}</tbody>
        </table>
    }
}

fn history_line(import: ImportSummary) -> impl IntoView {
    let created = import.created_at.clone();
    view! {
        <tr data-import=import.id>
            <td>
                <a href=import_href(import.id)>
                    <time datetime=created.clone()>{when(&created)}</time>
                </a>
            </td>
            <td class="file-name">{import.file_name.clone()}</td>
            <td>{import.admin_email.clone()}</td>
            <td class="number">{import.total}</td>
            <td class="number">{import.added}</td>
            <td class="number">{import.with_errors}</td>
            <td class="number">{import.existing}</td>
            <td class="import-mode">{mode_text(&import)}</td>
            <td class="roster-counts">{counts_text(&import)}</td>
            <td>{invitations_text(&import)}</td>
            <td>{undo_text(import.undo.clone())}</td>
        </tr>
    }
}

/// The import's mode as the panel names it; a sync names its group.
pub(super) fn mode_text(import: &ImportSummary) -> impl Fn() -> String + Send + Sync + 'static {
    let lang = use_lang();
    let (mode, group) = (import.mode, import.sync_group.clone().unwrap_or_default());
    move || {
        let t = HistoryTexts::of(lang.get());
        match mode {
            Mode::Sync => (t.sync_of)(&group),
            mode => mode_text_of(import_texts(lang.get()), mode).0.to_owned(),
        }
    }
}

/// "30 updated, 180 unchanged, 4 removed from the group": what an import did besides adding and skipping
/// (empty for an `add` import, which updates no one).
pub(super) fn counts_text(import: &ImportSummary) -> impl Fn() -> String + Send + Sync + 'static {
    let lang = use_lang();
    let (mode, counts) = (import.mode, import.counts);
    move || roster_counts(HistoryTexts::of(lang.get()), mode, counts)
}

/// The parts of [`counts_text`]: updated and unchanged for a mode that updates, removed and suspended when any.
pub(super) fn roster_counts(t: &HistoryTexts, mode: Mode, c: RosterCounts) -> String {
    let mut parts = Vec::new();
    if mode.updates() {
        parts.push((t.updated)(c.updated));
        parts.push((t.unchanged)(c.unchanged));
    }
    if c.removed > 0 {
        parts.push((t.removed_from_group)(c.removed));
    }
    if c.suspended > 0 {
        parts.push((t.suspended)(c.suspended));
    }
    parts.join(", ")
}

/// "3 sent, 1 queued, 0 failed", or "Not sent" when the import queued no invitation.
pub(super) fn invitations_text(import: &ImportSummary) -> impl Fn() -> String + Send + Sync + 'static {
    let lang = use_lang();
    let (send, counts) = (import.send_invitations, import.invitations);
    move || {
        let t = HistoryTexts::of(lang.get());
        if send {
            (t.invitations)(counts.sent, counts.queued, counts.failed)
        } else {
            t.no_invitations.to_owned()
        }
    }
}

/// Whether the import can still be undone, or who undid it.
pub(super) fn undo_text(undo: UndoState) -> impl Fn() -> String + Send + Sync + 'static {
    let lang = use_lang();
    move || {
        let t = HistoryTexts::of(lang.get());
        match &undo {
            UndoState::Available { until } => (t.undo_until)(&when(until)),
            UndoState::Expired => t.undo_expired.to_owned(),
            UndoState::Done { by, at, .. } => (t.undone_by)(by, &when(at)),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use rules::Lang;

    #[test]
    fn an_add_import_has_no_roster_counts_and_a_sync_says_who_left() {
        let t = HistoryTexts::of(Lang::En);
        let counts = RosterCounts { updated: 30, unchanged: 180, removed: 4, suspended: 0 };
        assert_eq!(roster_counts(t, Mode::Add, RosterCounts::default()), "");
        assert_eq!(roster_counts(t, Mode::Update, counts), "30 updated, 180 unchanged, 4 removed from the group");
        let suspended = RosterCounts { suspended: 2, ..RosterCounts::default() };
        assert_eq!(roster_counts(t, Mode::Sync, suspended), "0 updated, 0 unchanged, 2 suspended");
    }
}
