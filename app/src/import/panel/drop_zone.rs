//! The drop zone: drag a file onto it, or click it (or press Enter or Space on it) to pick one. Locked while a
//! file is read and checked and while the import runs (`aria-disabled`, `aria-busy`, dimmed, the file input
//! disabled): a second file then would take the grid from under the first one's answer.

use leptos::html;
use leptos::prelude::*;

use super::Phase;
use crate::i18n::use_lang;
use crate::import::texts::import_texts;

#[component]
pub(super) fn DropZone(phase: RwSignal<Phase>, on_file: Callback<web_sys::File>) -> impl IntoView {
    let lang = use_lang();
    let t = move || import_texts(lang.get());
    let input = NodeRef::<html::Input>::new();
    let dragging = RwSignal::new(false);
    // A memo: the phase changes at every step of the progress bar, the lock only twice.
    let busy = Memo::new(move |_| matches!(phase.get(), Phase::Working { .. }));
    // One closure for both ARIA states: one copy of the attribute's code in the bundle.
    let locked = move || busy.get().then_some("true");
    let pick = move || {
        if busy.get_untracked() {
            return;
        }
        if let Some(input) = input.get_untracked() {
            input.click();
        }
    };
    let take = move |files: Option<web_sys::FileList>| {
        if busy.get_untracked() {
            return;
        }
        if let Some(file) = files.and_then(|list| list.get(0)) {
            on_file.run(file);
        }
    };
    view! {
        <div
            id="drop-zone"
            class="drop-zone"
            class:dragging=move || dragging.get()
            class:busy=move || busy.get()
            role="button"
            tabindex="0"
            aria-describedby="drop-zone-hint"
            aria-disabled=locked
            aria-busy=locked
            on:click=move |_| pick()
            on:keydown=move |ev: leptos::ev::KeyboardEvent| {
                if ev.key() == "Enter" || ev.key() == " " {
                    ev.prevent_default();
                    pick();
                }
            }
            on:dragover=move |ev: leptos::ev::DragEvent| {
                // Prevented even when locked: otherwise the browser would open the dropped file in the tab.
                ev.prevent_default();
                if busy.get_untracked() {
                    if let Some(transfer) = ev.data_transfer() {
                        transfer.set_drop_effect("none");
                    }
                } else {
                    dragging.set(true);
                }
            }
            on:dragleave=move |_| dragging.set(false)
            on:drop=move |ev: leptos::ev::DragEvent| {
                ev.prevent_default();
                dragging.set(false);
                take(ev.data_transfer().and_then(|d| d.files()));
            }
        >
            <span class="drop-icon" aria-hidden="true">"⇪"</span>
            <span class="drop-text">{move || t().drop_zone}</span>
            <span id="drop-zone-hint" class="drop-hint">{move || t().drop_zone_hint}</span>
        </div>
        // Outside the drop zone: an interactive element may not hold another one.
        <input
            type="file"
            id="file-input"
            class="visually-hidden"
            tabindex="-1"
            aria-hidden="true"
            accept=".csv,text/csv"
            disabled=move || busy.get()
            node_ref=input
            on:change=move |_| {
                if let Some(input) = input.get_untracked() {
                    take(input.files());
                    input.set_value("");
                }
            }
        />
    }
    .into_any()
}
