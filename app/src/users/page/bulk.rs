//! Bulk actions on the list: the ticked learners (or, with the switch, every learner the view finds) are deleted,
//! sent their invitation again, given another language, suspended, reactivated, added to a group (picked or typed:
//! a new one is created) or removed from one (picked). A dialog states how many first (counted by the server),
//! then the action runs in one transaction on the server.

use std::collections::BTreeSet;

use leptos::html;
use leptos::prelude::*;
use rules::Catalog;

use super::{GroupsResource, View};
use crate::groups::texts::GroupTexts;
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
    groups: GroupsResource,
    on_done: Callback<u64>,
) -> impl IntoView {
    let lang = use_lang();
    let t = move || UserTexts::of(lang.get());
    let g = move || GroupTexts::of(lang.get());
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
    let group_name = move |id: i64| {
        groups
            .get_untracked()
            .and_then(Result::ok)
            .and_then(|all| all.into_iter().find(|g| g.id == id).map(|g| g.name))
            .unwrap_or_else(|| format!("#{id}"))
    };
    let question = move || {
        pending.get().map(|(action, n)| match action {
            BulkAction::Delete => (t().confirm_delete)(n),
            BulkAction::Resend => (t().confirm_resend)(n),
            BulkAction::Language(code) => (t().confirm_language)(&code, n),
            BulkAction::Suspend => (g().confirm_suspend)(n),
            BulkAction::Reactivate => (g().confirm_reactivate)(n),
            BulkAction::AddToGroup(name) => (g().confirm_add_to_group)(&name, n),
            BulkAction::RemoveFromGroup(id) => (g().confirm_remove_from_group)(&group_name(id), n),
        })
    };
    // The group dialog: which group to add the learners to (`Some(true)`) or remove them from (`Some(false)`).
    let choosing = RwSignal::new(None::<bool>);
    let on_group = Callback::new(move |action: BulkAction| {
        choosing.set(None);
        ask(action);
    });
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
                <button type="button" id="bulk-suspend" on:click=move |_| ask(BulkAction::Suspend)>
                    {move || g().bulk_suspend}
                </button>
                <button type="button" id="bulk-reactivate" on:click=move |_| ask(BulkAction::Reactivate)>
                    {move || g().bulk_reactivate}
                </button>
                <button type="button" id="bulk-add-to-group" aria-haspopup="dialog" on:click=move |_| choosing.set(Some(true))>
                    {move || g().bulk_add_to_group}
                </button>
                <button
                    type="button"
                    id="bulk-remove-from-group"
                    aria-haspopup="dialog"
                    on:click=move |_| choosing.set(Some(false))
                >
                    {move || g().bulk_remove_from_group}
                </button>
                <button type="button" id="bulk-delete" class="danger" on:click=move |_| ask(BulkAction::Delete)>
                    {move || t().bulk_delete}
                </button>
            </div>
        </Show>
        <GroupDialog choosing groups on_group />
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

/// "Add to a group": a name to type, or one of the groups to pick (a list the browser offers as you type); "Remove
/// from a group": one of the groups. Next goes on to the usual confirmation with the count.
#[component]
fn GroupDialog(
    choosing: RwSignal<Option<bool>>,
    groups: GroupsResource,
    on_group: Callback<BulkAction>,
) -> impl IntoView {
    let lang = use_lang();
    let g = move || GroupTexts::of(lang.get());
    let dialog = NodeRef::<html::Dialog>::new();
    let name = RwSignal::new(String::new());
    let picked = RwSignal::new(String::new());
    let tried = RwSignal::new(false);
    Effect::new(move |_| {
        let open = choosing.with(Option::is_some);
        if open {
            name.set(String::new());
            picked.set(String::new());
            tried.set(false);
        }
        show_modal_while(dialog.get(), open);
    });
    let adding = move || choosing.get() == Some(true);
    let all = move || groups.get().and_then(Result::ok).unwrap_or_default();
    let chosen = move || -> Option<BulkAction> {
        if adding() {
            rules::group_name(&name.get()).map(BulkAction::AddToGroup)
        } else {
            picked.get().parse().ok().map(BulkAction::RemoveFromGroup)
        }
    };
    let error = move || {
        (tried.get() && chosen().is_none()).then(|| {
            if adding() {
                crate::error::AppError::GroupName { max_chars: rules::MAX_GROUP_CHARS }.message(lang.get())
            } else {
                g().pick_group.to_owned()
            }
        })
    };
    let next = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        tried.set(true);
        if let Some(action) = chosen() {
            on_group.run(action);
        }
    };
    view! {
        <dialog
            id="group-dialog"
            class="dialog user-dialog"
            aria-labelledby="group-dialog-title"
            node_ref=dialog
            on:close=move |_| choosing.set(None)
        >
            <form on:submit=next novalidate>
                <h3 id="group-dialog-title">
                    {move || if adding() { g().add_to_group_title } else { g().remove_from_group_title }}
                </h3>
                <Show
                    when=adding
                    fallback=move || {
                        view! {
                            <div class="form-field">
                                <label for="group-pick">{move || g().pick_group}</label>
                                <select
                                    id="group-pick"
                                    aria-describedby="group-dialog-error"
                                    prop:value=picked
                                    on:change=move |ev| picked.set(event_target_value(&ev))
                                >
                                    <option value="">"—"</option>
                                    <Transition>
                                        {move || {
                                            all()
                                                .into_iter()
                                                .map(|g| view! { <option value=g.id.to_string()>{g.name}</option> })
                                                .collect_view()
                                        }}
                                    </Transition>
                                </select>
                            </div>
                        }
                    }
                >
                    <div class="form-field">
                        <label for="group-name">{move || g().group_name}</label>
                        <input
                            id="group-name"
                            type="text"
                            list="group-names"
                            autocomplete="off"
                            autofocus
                            aria-describedby="group-name-help group-dialog-error"
                            prop:value=name
                            on:input=move |ev| name.set(event_target_value(&ev))
                        />
                        <datalist id="group-names">
                            <Transition>
                                {move || all().into_iter().map(|g| view! { <option value=g.name></option> }).collect_view()}
                            </Transition>
                        </datalist>
                        <p id="group-name-help" class="field-hint">{move || g().group_name_hint}</p>
                    </div>
                </Show>
                <p id="group-dialog-error" class="field-message" role="alert">{error}</p>
                <div class="dialog-actions">
                    <button type="submit" class="primary" id="group-next">
                        {move || g().next}
                    </button>
                    <button type="button" on:click=move |_| choosing.set(None)>
                        {move || UserTexts::of(lang.get()).cancel}
                    </button>
                </div>
            </form>
        </dialog>
    }
}
