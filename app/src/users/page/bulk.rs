//! Bulk actions on the list: the ticked learners (or, with the switch, every learner the view finds) are deleted,
//! sent their invitation again, or given another language. A dialog states how many first (counted by the
//! server), then the action runs in one transaction on the server.

use std::collections::BTreeSet;

use leptos::html;
use leptos::prelude::*;
use rules::Catalog;

use super::View;
use crate::i18n::use_lang;
use crate::import::panel::show_modal_while;
use crate::users::texts::UserTexts;
use crate::users::{BulkAction, BulkApply, BulkTarget, Total};

/// The ticked learners, and whether the action is for the whole view instead. Cheap to copy; in context for the
/// table's checkboxes.
#[derive(Clone, Copy)]
pub(super) struct Selection {
    pub ids: RwSignal<BTreeSet<i64>>,
    pub whole_filter: RwSignal<bool>,
}

impl Selection {
    pub fn new() -> Self {
        Selection { ids: RwSignal::new(BTreeSet::new()), whole_filter: RwSignal::new(false) }
    }

    pub fn clear(&self) {
        self.ids.set(BTreeSet::new());
        self.whole_filter.set(false);
    }
}

/// The bar above the table, shown while learners are ticked.
#[component]
pub(super) fn BulkBar(
    view: View,
    selection: Selection,
    total: Signal<Option<Total>>,
    on_done: Callback<u64>,
) -> impl IntoView {
    let lang = use_lang();
    let t = move || UserTexts::of(lang.get());
    let language = RwSignal::new(String::new());
    // The action waiting for the admin's confirmation, with the count the server gave.
    let pending = RwSignal::new(None::<(BulkAction, u64)>);
    let dialog = NodeRef::<html::Dialog>::new();
    Effect::new(move |_| show_modal_while(dialog.get(), pending.with(Option::is_some)));
    let apply = ServerAction::<BulkApply>::new();
    let target = move || {
        if selection.whole_filter.get_untracked() {
            BulkTarget::Filter(view.query.get_untracked().first_page())
        } else {
            BulkTarget::Selection(selection.ids.get_untracked().into_iter().collect())
        }
    };
    let ask = move |action: BulkAction| {
        let target = target();
        leptos::task::spawn_local(async move {
            if let Ok(count) = crate::users::bulk_count(target).await {
                pending.set(Some((action, count)));
            }
        });
    };
    Effect::new(move |_| {
        if let Some(Ok(changed)) = apply.value().get() {
            pending.set(None);
            on_done.run(changed);
        }
    });
    let filter_count = move || match total.get() {
        Some(Total::Exact(n)) | Some(Total::MoreThan(n)) => n,
        None => 0,
    };
    let question = move || {
        pending.get().map(|(action, n)| match action {
            BulkAction::Delete => (t().confirm_delete)(n),
            BulkAction::Resend => (t().confirm_resend)(n),
            BulkAction::Language(code) => (t().confirm_language)(&code, n),
        })
    };
    view! {
        <Show when=move || !selection.ids.with(BTreeSet::is_empty)>
            <div class="bulk-bar" role="region" aria-label=move || (t().selected)(selection.ids.with(|s| s.len() as u64))>
                <strong id="bulk-selected">{move || (t().selected)(selection.ids.with(|s| s.len() as u64))}</strong>
                <label class="check">
                    <input
                        type="checkbox"
                        id="bulk-whole-filter"
                        prop:checked=selection.whole_filter
                        on:change=move |ev| selection.whole_filter.set(event_target_checked(&ev))
                    />
                    {move || (t().whole_filter)(filter_count())}
                </label>
                <button type="button" id="bulk-resend" on:click=move |_| ask(BulkAction::Resend)>
                    {move || t().bulk_resend}
                </button>
                <label class="inline">
                    <span class="visually-hidden">{move || t().bulk_language}</span>
                    <select id="bulk-language" on:change=move |ev| language.set(event_target_value(&ev))>
                        <option value="">{move || t().bulk_language}</option>
                        {rules::LANGUAGES.iter().map(|&code| view! { <option value=code>{code}</option> }).collect_view()}
                    </select>
                </label>
                <button
                    type="button"
                    id="bulk-apply-language"
                    disabled=move || language.with(String::is_empty)
                    on:click=move |_| ask(BulkAction::Language(language.get_untracked()))
                >
                    {move || t().bulk_apply_language}
                </button>
                <button type="button" id="bulk-delete" class="danger" on:click=move |_| ask(BulkAction::Delete)>
                    {move || t().bulk_delete}
                </button>
            </div>
        </Show>
        <dialog
            id="bulk-dialog"
            class="dialog"
            role="alertdialog"
            aria-labelledby="bulk-dialog-text"
            node_ref=dialog
            on:close=move |_| pending.set(None)
        >
            <p id="bulk-dialog-text">{question}</p>
            {move || apply.value().get().and_then(Result::err).map(|e| view! { <p class="form-error" role="alert">{e.message(lang.get())}</p> })}
            <div class="dialog-actions">
                <button
                    type="button"
                    class="primary"
                    id="bulk-confirm"
                    disabled=move || apply.pending().get()
                    on:click=move |_| {
                        if let Some((action, _)) = pending.get_untracked() {
                            apply.dispatch(BulkApply { target: target(), action });
                        }
                    }
                >
                    {move || t().confirm}
                </button>
                <button type="button" on:click=move |_| pending.set(None)>
                    {move || t().cancel}
                </button>
            </div>
        </dialog>
    }
}
