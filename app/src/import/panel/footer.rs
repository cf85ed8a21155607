//! The panel's footer: the "Send an invitation email" switch, Cancel and Confirm; once the import is done,
//! "Another file" and Close.

use leptos::prelude::*;

use super::{PanelState, Phase};
use crate::i18n::use_lang;
use crate::import::texts::import_texts;

pub(super) fn footer(state: PanelState, close: Callback<()>) -> impl IntoView {
    view! {
        <footer class="panel-foot">
            // `locked`: the import is done.
            {move || {
                if state.locked.get() {
                    done_actions(state, close).into_any()
                } else {
                    confirm_actions(state, close).into_any()
                }
            }}
        </footer>
    }
}

fn confirm_actions(state: PanelState, close: Callback<()>) -> impl IntoView {
    let lang = use_lang();
    let t = move || import_texts(lang.get());
    let send = state.send_invitations;
    let cannot_confirm = move || state.phase.get() != Phase::Checked || state.grid.summary.get().valid == 0;
    view! {
        <label class="switch">
            <input
                type="checkbox"
                role="switch"
                id="send-invitations"
                prop:checked=send
                on:change=move |ev| send.set(event_target_checked(&ev))
            />
            {move || t().send_invitations}
        </label>
        <span class="spacer"></span>
        <button type="button" on:click=move |_| close.run(())>
            {move || t().cancel}
        </button>
        <button
            type="button"
            class="primary"
            id="confirm-import"
            disabled=cannot_confirm
            node_ref=state.confirm_button
            on:click=move |_| state.confirm()
        >
            {move || if state.grid.roster.with(|r| r.mode.updates()) { t().confirm_changes } else { t().confirm }}
        </button>
    }
}

fn done_actions(state: PanelState, close: Callback<()>) -> impl IntoView {
    let lang = use_lang();
    let t = move || import_texts(lang.get());
    view! {
        <button type="button" on:click=move |_| state.reset()>
            {move || t().another_file}
        </button>
        <button type="button" class="primary" node_ref=state.done_button on:click=move |_| close.run(())>
            {move || t().close}
        </button>
    }
}
