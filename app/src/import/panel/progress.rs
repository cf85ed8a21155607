//! The progress bar: reading, checking, importing.

use leptos::prelude::*;

use super::{Phase, Working};
use crate::i18n::use_lang;
use crate::import::texts::import_texts;

#[component]
pub(super) fn ProgressBar(phase: RwSignal<Phase>) -> impl IntoView {
    let lang = use_lang();
    let t = move || import_texts(lang.get());
    let state = move || match phase.get() {
        Phase::Working { label, percent } => Some((label, percent)),
        _ => None,
    };
    view! {
        {move || {
            state()
                .map(|(label, percent)| {
                    let text = match label {
                        Working::Reading => t().reading,
                        Working::Checking => t().checking,
                        Working::Importing => t().importing,
                    };
                    view! {
                        <div class="progress-wrap">
                            <span id="progress-text">{text}</span>
                            <div
                                class="progress"
                                role="progressbar"
                                aria-labelledby="progress-text"
                                aria-valuemin="0"
                                aria-valuemax="100"
                                aria-valuenow=percent.to_string()
                            >
                                <div class="progress-fill" style=format!("width: {percent}%")></div>
                            </div>
                        </div>
                    }
                })
        }}
    }
    .into_any()
}
