//! "Some rows still have errors": import the valid rows only, or go back and fix the file. A native `<dialog>`
//! opened with `showModal()` over the panel while `confirm_open` is true (see `AddUsersPanel`): the panel is
//! inert meanwhile, Tab stays in the dialog, and Escape closes it alone; the focus then goes back to Confirm.

use leptos::prelude::*;

use super::PanelState;
use crate::i18n::use_lang;
use crate::import::texts::import_texts;

pub(super) fn confirm_dialog(state: PanelState) -> impl IntoView {
    let lang = use_lang();
    let t = move || import_texts(lang.get());
    let summary = state.grid.summary;
    view! {
        <dialog
            id="ignore-dialog"
            class="dialog"
            role="alertdialog"
            aria-labelledby="ignore-dialog-title"
            aria-describedby="ignore-dialog-text"
            node_ref=state.ignore_dialog
            on:close=move |_| state.back_to_the_grid()
        >
            <h3 id="ignore-dialog-title">{move || t().dialog_title}</h3>
            <p id="ignore-dialog-text">{move || (t().dialog_text)(summary.get().invalid)}</p>
            <div class="dialog-actions">
                <button
                    type="button"
                    class="primary"
                    disabled=move || summary.get().valid == 0
                    on:click=move |_| state.import(true)
                >
                    {move || (t().ignore_errors)(summary.get().valid)}
                </button>
                <button type="button" on:click=move |_| state.back_to_the_grid()>
                    {move || t().cancel_to_fix}
                </button>
            </div>
        </dialog>
    }
}
