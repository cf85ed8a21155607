//! The information banner: the whole file rejected (why, and the code), "N users ready, M rows with errors"
//! (with the file's warnings and a server error if the confirm failed), or what the import did.

use leptos::prelude::*;
use rules::Problem;

use super::{PanelState, Phase};
use crate::i18n::use_lang;
use crate::import::texts::import_texts;
use crate::import::ConfirmAnswer;

#[component]
pub(super) fn Banner(state: PanelState) -> impl IntoView {
    move || match state.phase.get() {
        Phase::Rejected(problem) => view! { <RejectedBanner problem /> }.into_any(),
        Phase::Checked => view! { <CheckedBanner state /> }.into_any(),
        Phase::Done(answer) => view! { <DoneBanner answer /> }.into_any(),
        Phase::Empty | Phase::Working { .. } => ().into_any(),
    }
}

#[component]
fn RejectedBanner(problem: Problem) -> impl IntoView {
    let lang = use_lang();
    let t = move || import_texts(lang.get());
    let code = problem.code().as_str();
    view! {
        <div class="banner banner-error" role="alert" id="import-banner">
            <strong>{move || t().file_rejected}</strong>
            <p>{move || problem.message(lang.get())}</p>
            <code class="code">{code}</code>
        </div>
    }
    .into_any()
}

#[component]
fn CheckedBanner(state: PanelState) -> impl IntoView {
    let lang = use_lang();
    let t = move || import_texts(lang.get());
    let summary = state.grid.summary;
    let class = move || if summary.get().invalid > 0 { "banner banner-warn" } else { "banner banner-ok" };
    let text = move || {
        let summary = summary.get();
        if summary.invalid > 0 {
            (t().ready)(summary.valid, summary.invalid)
        } else {
            (t().all_ready)(summary.valid)
        }
    };
    let warnings = move || {
        state.file.with(|f| f.warnings.iter().map(|w| view! { <li>{w.message(lang.get())}</li> }).collect_view())
    };
    let server_error = move || {
        state.server_error.get().map(|e| view! { <p class="form-error" role="alert">{e.message(lang.get())}</p> })
    };
    view! {
        <div class=class role="status" id="import-banner">
            <strong>{text}</strong>
            <ul class="banner-warnings">{warnings}</ul>
            {server_error}
        </div>
    }
    .into_any()
}

#[component]
fn DoneBanner(answer: ConfirmAnswer) -> impl IntoView {
    let lang = use_lang();
    let t = move || import_texts(lang.get());
    view! {
        <div class="banner banner-ok" role="status" id="import-banner">
            <strong>{move || (t().done)(answer.created, answer.skipped)}</strong>
        </div>
    }
    .into_any()
}
