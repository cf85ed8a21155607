//! "Some rows still have errors": import the valid rows only, or go back and fix the file. A native `<dialog>`
//! opened with `showModal()` over the panel: the panel is inert meanwhile, Tab stays in the dialog, and Escape
//! closes it (the panel stays open).

use leptos::html;
use leptos::prelude::*;

use super::{focus_soon, PanelState};
use crate::i18n::use_lang;
use crate::import::texts::import_texts;

#[component]
pub(super) fn ConfirmDialog(state: PanelState) -> impl IntoView {
    let lang = use_lang();
    let t = move || import_texts(lang.get());
    let summary = state.grid.summary;
    let dialog = NodeRef::<html::Dialog>::new();
    // The dialog follows `confirm_open`; when it closes (Escape included) the focus goes back to Confirm.
    Effect::new(move |_| {
        let open = state.confirm_open.get();
        let Some(dialog) = dialog.get() else { return };
        if open && !dialog.open() {
            let _ = dialog.show_modal();
        } else if !open && dialog.open() {
            dialog.close();
        }
    });
    let on_close = move |_| {
        state.confirm_open.set(false);
        focus_soon(state.confirm_button);
    };
    view! {
        <dialog
            id="ignore-dialog"
            class="dialog"
            role="alertdialog"
            aria-labelledby="ignore-dialog-title"
            aria-describedby="ignore-dialog-text"
            node_ref=dialog
            on:close=on_close
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
                <button type="button" on:click=move |_| state.confirm_open.set(false)>
                    {move || t().cancel_to_fix}
                </button>
            </div>
        </dialog>
    }
    .into_any()
}
