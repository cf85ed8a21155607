//! "This sync takes N learners out of the group": past the safety threshold (docs/rosters.md), the admin types
//! that number to proceed, which the confirm then sends as `allow_removals`. A native modal `<dialog>` like the
//! "ignore errors?" one; Cancel or Escape sends nothing and gives the focus back to Confirm.

use domain::Missing;
use leptos::prelude::*;

use super::PanelState;
use crate::i18n::use_lang;
use crate::import::roster::typed_the_number;
use crate::import::texts::import_texts;

pub(super) fn removals_dialog(state: PanelState) -> impl IntoView {
    let lang = use_lang();
    let t = move || import_texts(lang.get());
    let typed = RwSignal::new(String::new());
    let count = move || state.removals_open.get().unwrap_or(0);
    let group = move || state.grid.roster.with(|r| r.group.clone().unwrap_or_default());
    let suspend = move || state.grid.roster.with(|r| r.missing == Missing::Suspend);
    let matches = move || typed_the_number(&typed.get(), count());
    // A new question starts with an empty field.
    Effect::new(move |_| {
        if state.removals_open.get().is_some() {
            typed.set(String::new());
        }
    });
    let proceed = move || {
        if let Some(n) = state.removals_open.get_untracked().filter(|n| typed_the_number(&typed.get_untracked(), *n)) {
            state.allow_removals(n);
        }
    };
    view! {
        <dialog
            id="removals-dialog"
            class="dialog"
            role="alertdialog"
            aria-labelledby="removals-dialog-title"
            aria-describedby="removals-dialog-text"
            node_ref=state.removals_dialog
            on:close=move |_| state.keep_members()
        >
            <h3 id="removals-dialog-title">{move || t().removals_title}</h3>
            <p id="removals-dialog-text">
                {move || {
                    if suspend() {
                        (t().removals_text_suspend)(&group(), count())
                    } else {
                        (t().removals_text_remove)(&group(), count())
                    }
                }}
            </p>
            <form
                class="field"
                on:submit=move |ev| {
                    ev.prevent_default();
                    proceed();
                }
            >
                <label for="removals-typed">{move || (t().removals_type)(count())}</label>
                <input
                    type="text"
                    id="removals-typed"
                    inputmode="numeric"
                    autocomplete="off"
                    autofocus
                    prop:value=typed
                    on:input=move |ev| typed.set(event_target_value(&ev))
                />
                <div class="dialog-actions">
                    <button type="submit" class="danger" id="removals-confirm" disabled=move || !matches()>
                        {move || (t().removals_proceed)(count())}
                    </button>
                    <button type="button" on:click=move |_| state.keep_members()>
                        {move || t().cancel}
                    </button>
                </div>
            </form>
        </dialog>
    }
}
