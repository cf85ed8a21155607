//! The information banner: the whole file rejected (why, and the code), "N users ready, M rows with errors"
//! (with the file's warnings and a server error if the confirm failed), or what the import did. Below it, when
//! the file's header does not name the portal's columns, Match columns (`matching.rs`).

use leptos::prelude::*;
use rules::Problem;

use super::matching::matching_offer;
use super::{PanelState, Phase};
use crate::history::texts::HistoryTexts;
use crate::history::{import_href, report_href};
use crate::i18n::use_lang;
use crate::import::texts::import_texts;
use crate::import::ConfirmAnswer;
use domain::Missing;
use rules::{Catalog, Mode};

/// The leaving members the banner names; past them it says how many more.
const SHOWN_LEAVERS: usize = 50;

/// Drawn again whenever the phase, the language or the grid's summary changes.
#[component]
pub(super) fn Banner(state: PanelState) -> impl IntoView {
    let banner = move || match state.phase.get() {
        Phase::Rejected(problem) => rejected(&problem).into_any(),
        Phase::Checked => checked(state).into_any(),
        Phase::Done(answer) => done(&answer).into_any(),
        Phase::Empty | Phase::Working { .. } => ().into_any(),
    };
    // Apart from the banner, which is drawn again at every edit of the grid: the form keeps its focus.
    view! {
        {banner}
        {matching_offer(state)}
    }
}

fn rejected(problem: &Problem) -> impl IntoView {
    let lang = use_lang().get();
    view! {
        <div class="banner banner-error" role="alert" id="import-banner">
            <strong>{import_texts(lang).file_rejected}</strong>
            <p>{problem.message(lang)}</p>
            <code class="code">{problem.code().as_str()}</code>
        </div>
    }
}

fn checked(state: PanelState) -> impl IntoView {
    let lang = use_lang();
    let t = import_texts(lang.get());
    let summary = state.grid.summary.get();
    let roster = state.grid.roster.get();
    let (class, mut text) = if summary.invalid > 0 {
        ("banner banner-warn", (t.ready)(summary.valid, summary.invalid))
    } else {
        ("banner banner-ok", (t.all_ready)(summary.valid))
    };
    if roster.mode.updates() {
        let l = state.grid.labels.get();
        text = [
            (t.count_new)(l.new),
            (t.count_update)(l.update),
            (t.count_unchanged)(l.unchanged),
            (t.count_error)(l.error),
        ]
        .join(", ");
    }
    let plan = state.grid.plan.get().unwrap_or_default();
    let new_groups = (!plan.new_groups.is_empty()).then(|| {
        view! { <p id="new-groups">{(t.new_groups)(&plan.new_groups.join(", "), plan.new_groups.len())}</p> }
    });
    let group = roster.group.clone().unwrap_or_default();
    let leaving = (roster.mode == Mode::Sync && !plan.leaving.is_empty()).then(|| {
        let count = plan.leaving.len();
        let sentence = match roster.missing {
            Missing::Remove => (t.leaving_remove)(&group, count),
            Missing::Suspend => (t.leaving_suspend)(&group, count),
        };
        let more = count.saturating_sub(SHOWN_LEAVERS);
        view! {
            <div class="leaving" id="sync-leaving">
                <p>
                    <strong>{sentence}</strong>
                    {plan.needs_approval.then(|| view! { " " {(t.leaving_threshold)(count)} })}
                </p>
                <ul class="leavers" aria-label=t.leavers_label>
                    {plan
                        .leaving
                        .iter()
                        .take(SHOWN_LEAVERS)
                        .map(|l| view! { <li>{format!("{} {} <{}>", l.firstname, l.lastname, l.email)}</li> })
                        .collect_view()}
                    {(more > 0).then(|| view! { <li>{(t.and_more)(more)}</li> })}
                </ul>
            </div>
        }
    });
    let class = if plan.needs_approval && roster.mode == Mode::Sync { "banner banner-warn" } else { class };
    let warnings = state.file.with(|f| f.warnings.iter().map(|w| w.message(lang.get())).collect::<Vec<_>>());
    let server_error = move || {
        state.server_error.get().map(|e| view! { <p class="form-error" role="alert">{e.message(lang.get())}</p> })
    };
    view! {
        <div class=class role="status" id="import-banner">
            <strong>{text}</strong>
            {new_groups}
            {leaving}
            <ul class="banner-warnings">{warnings.into_iter().map(|w| view! { <li>{w}</li> }).collect_view()}</ul>
            {super::earlier::earlier_warning(state.earlier)}
            {server_error}
        </div>
    }
}

/// What the import did, with its page in the history and, when rows were left out, their error report.
fn done(answer: &ConfirmAnswer) -> impl IntoView {
    let lang = use_lang().get();
    let (t, h) = (import_texts(lang), HistoryTexts::of(lang));
    let links = answer.import_id.map(|id| {
        view! {
            <p class="import-links">
                {(answer.skipped > 0)
                    .then(|| {
                        view! {
                            <a id="panel-report" href=report_href(id) download="">
                                {h.download_report}
                            </a>
                            " · "
                        }
                    })}
                <a id="panel-history" href=import_href(id)>{h.see_in_history}</a>
            </p>
        }
    });
    view! {
        <div class="banner banner-ok" role="status" id="import-banner">
            <strong>{(t.done)(answer.created, answer.skipped)}</strong>
            {(answer.counts != Default::default())
                .then(|| {
                    let c = answer.counts;
                    let parts = [
                        (t.done_updated)(c.updated),
                        (t.done_unchanged)(c.unchanged),
                        (t.done_removed)(c.removed),
                        (t.done_suspended)(c.suspended),
                    ];
                    view! { <p id="done-counts">{parts.join(", ")}</p> }
                })}
            {links}
        </div>
    }
}
