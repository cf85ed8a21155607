//! The Groups page: a table of every group (its name links to the Users list filtered by it), with Rename (a
//! dialog with the new name, checked as a `groups` cell's name is) and Delete (a confirmation dialog saying the
//! members are kept). Both dialogs are native modal `<dialog>`s: the page behind is inert, Tab stays inside and
//! Escape closes them.

use leptos::html;
use leptos::prelude::*;
use rules::Catalog;

use super::texts::GroupTexts;
use super::{list_groups, DeleteGroup, GroupRow, RenameGroup};
use crate::i18n::{use_lang, use_texts};
use crate::import::panel::show_modal_while;
use crate::top_bar::top_bar;

#[component]
pub fn GroupsPage() -> impl IntoView {
    let lang = use_lang();
    let t = move || GroupTexts::of(lang.get());
    let texts = use_texts();
    let rename = ServerAction::<RenameGroup>::new();
    let delete = ServerAction::<DeleteGroup>::new();
    let groups = Resource::new(move || (rename.version().get(), delete.version().get()), |_| list_groups());
    let renaming = RwSignal::new(None::<GroupRow>);
    let deleting = RwSignal::new(None::<GroupRow>);
    let notice = RwSignal::new(None::<String>);
    view! {
        {top_bar()}
        <main class="history-page groups-page">
            <div class="page-head">
                <h1>{move || t().title}</h1>
                <a href="/">{move || crate::history::texts::HistoryTexts::of(lang.get()).back_to_users}</a>
            </div>
            <p class="intro">{move || t().intro}</p>
            {move || notice.get().map(|n| view! { <p class="notice" role="status" id="group-notice">{n}</p> })}
            <Transition fallback=move || view! { <p class="loading">{move || texts().loading}</p> }>
                {move || {
                    groups.get().map(|answer| match answer {
                        Ok(rows) if rows.is_empty() => view! { <p class="empty">{move || t().none}</p> }.into_any(),
                        Ok(rows) => group_table(rows, renaming, deleting).into_any(),
                        Err(e) => view! { <p class="form-error" role="alert">{e.message(lang.get())}</p> }.into_any(),
                    })
                }}
            </Transition>
            <RenameDialog rename renaming notice />
            <DeleteDialog delete deleting notice />
        </main>
    }
}

fn group_table(
    rows: Vec<GroupRow>,
    renaming: RwSignal<Option<GroupRow>>,
    deleting: RwSignal<Option<GroupRow>>,
) -> impl IntoView {
    let lang = use_lang();
    let t = move || GroupTexts::of(lang.get());
    view! {
        <table class="history groups">
            <thead>
                <tr>
                    <th scope="col">{move || t().col_name}</th>
                    <th scope="col" class="number">{move || t().col_members}</th>
                    <th scope="col">{move || t().col_actions}</th>
                </tr>
            </thead>
            <tbody>
                {rows
                    .into_iter()
                    .map(|row| {
                        let (for_rename, for_delete) = (row.clone(), row.clone());
                        let (name, name_r, name_d) = (row.name.clone(), row.name.clone(), row.name.clone());
                        let members = row.members;
                        view! {
                            <tr data-group-id=row.id.to_string()>
                                <td class="group-name">
                                    <a
                                        href=format!("/?group={}", row.id)
                                        aria-label=move || (t().show_members)(&name)
                                    >
                                        {row.name.clone()}
                                    </a>
                                </td>
                                <td class="number group-members">{move || (t().members)(members)}</td>
                                <td class="actions">
                                    <button
                                        type="button"
                                        class="link-button rename-group"
                                        aria-haspopup="dialog"
                                        on:click=move |_| renaming.set(Some(for_rename.clone()))
                                    >
                                        {move || t().rename}
                                        <span class="visually-hidden">" " {name_r.clone()}</span>
                                    </button>
                                    <button
                                        type="button"
                                        class="link-button delete-group"
                                        aria-haspopup="dialog"
                                        on:click=move |_| deleting.set(Some(for_delete.clone()))
                                    >
                                        {move || t().delete}
                                        <span class="visually-hidden">" " {name_d.clone()}</span>
                                    </button>
                                </td>
                            </tr>
                        }
                    })
                    .collect_view()}
            </tbody>
        </table>
    }
}

/// "Rename 3B": the new name (checked as you type by the rules' reading of a group's name), then Save or Cancel.
/// A name another group has, ignoring case and accents, is the server's answer, shown in the dialog.
#[component]
fn RenameDialog(
    rename: ServerAction<RenameGroup>,
    renaming: RwSignal<Option<GroupRow>>,
    notice: RwSignal<Option<String>>,
) -> impl IntoView {
    let lang = use_lang();
    let t = move || GroupTexts::of(lang.get());
    let dialog = NodeRef::<html::Dialog>::new();
    let input = NodeRef::<html::Input>::new();
    let name = RwSignal::new(String::new());
    // Whether Save was pressed since the dialog opened: the name's problem shows from then on.
    let tried = RwSignal::new(false);
    Effect::new(move |_| {
        let open = renaming.with(Option::is_some);
        if open {
            name.set(renaming.with_untracked(|r| r.as_ref().map(|r| r.name.clone()).unwrap_or_default()));
            tried.set(false);
            rename.clear();
        }
        show_modal_while(dialog.get(), open);
        if open {
            // Once the name is drawn in the field: focused and selected, so typing replaces it.
            request_animation_frame(move || {
                if let Some(input) = input.get_untracked() {
                    let _ = input.focus();
                    input.select();
                }
            });
        }
    });
    let old_name = move || renaming.with(|r| r.as_ref().map(|r| r.name.clone()).unwrap_or_default());
    Effect::new(move |_| {
        if let Some(Ok(())) = rename.value().get() {
            let (old, new) = (untrack(old_name), name.get_untracked());
            if renaming.with_untracked(Option::is_some) {
                let new = rules::group_name(&new).unwrap_or(new);
                notice.set(Some((GroupTexts::of(lang.get_untracked()).renamed)(&old, &new)));
                renaming.set(None);
            }
        }
    });
    let invalid = move || rules::group_name(&name.get()).is_none();
    let local_error = move || {
        (tried.get() && invalid()).then_some(crate::error::AppError::GroupName { max_chars: rules::MAX_GROUP_CHARS })
    };
    let error =
        move || local_error().or_else(|| rename.value().get().and_then(Result::err)).map(|e| e.message(lang.get()));
    let save = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        tried.set(true);
        if invalid() {
            return;
        }
        if let Some(row) = renaming.get_untracked() {
            rename.dispatch(RenameGroup { id: row.id, name: name.get_untracked() });
        }
    };
    view! {
        <dialog
            id="rename-dialog"
            class="dialog user-dialog"
            aria-labelledby="rename-dialog-title"
            node_ref=dialog
            on:close=move |_| renaming.set(None)
        >
            <form on:submit=save novalidate>
                <h3 id="rename-dialog-title">{move || (t().rename_title)(&old_name())}</h3>
                <div class="form-field">
                    <label for="group-new-name">{move || t().new_name}</label>
                    <input
                        id="group-new-name"
                        type="text"
                        autocomplete="off"
                        aria-describedby="group-name-hint group-name-error"
                        aria-invalid=move || if error().is_some() { "true" } else { "false" }
                        node_ref=input
                        prop:value=name
                        on:input=move |ev| name.set(event_target_value(&ev))
                    />
                    <p id="group-name-hint" class="field-hint">
                        {move || (t().name_hint)(rules::MAX_GROUP_CHARS)}
                    </p>
                </div>
                <p id="group-name-error" class="field-message" role="alert">
                    {error}
                </p>
                <div class="dialog-actions">
                    <button type="submit" class="primary" id="rename-save" disabled=move || rename.pending().get()>
                        {move || t().save}
                    </button>
                    <button type="button" on:click=move |_| renaming.set(None)>
                        {move || t().cancel}
                    </button>
                </div>
            </form>
        </dialog>
    }
}

/// "Delete the group 3B?", saying that its members stay learners; then Delete or Cancel (which has the focus, so
/// Enter alone never deletes).
#[component]
fn DeleteDialog(
    delete: ServerAction<DeleteGroup>,
    deleting: RwSignal<Option<GroupRow>>,
    notice: RwSignal<Option<String>>,
) -> impl IntoView {
    let lang = use_lang();
    let t = move || GroupTexts::of(lang.get());
    let dialog = NodeRef::<html::Dialog>::new();
    Effect::new(move |_| {
        let open = deleting.with(Option::is_some);
        if open {
            delete.clear();
        }
        show_modal_while(dialog.get(), open);
    });
    let name = move || deleting.with(|r| r.as_ref().map(|r| r.name.clone()).unwrap_or_default());
    let members = move || deleting.with(|r| r.as_ref().map(|r| r.members).unwrap_or(0));
    Effect::new(move |_| {
        if let Some(Ok(_)) = delete.value().get() {
            if deleting.with_untracked(Option::is_some) {
                let name = untrack(name);
                notice.set(Some((GroupTexts::of(lang.get_untracked()).deleted)(&name)));
                deleting.set(None);
            }
        }
    });
    let error = move || delete.value().get().and_then(Result::err).map(|e| e.message(lang.get()));
    view! {
        <dialog
            id="delete-group-dialog"
            class="dialog"
            role="alertdialog"
            aria-labelledby="delete-group-title"
            aria-describedby="delete-group-text"
            node_ref=dialog
            on:close=move |_| deleting.set(None)
        >
            <h3 id="delete-group-title">{move || (t().delete_title)(&name())}</h3>
            <p id="delete-group-text">{move || (t().delete_text)(members())}</p>
            {move || error().map(|e| view! { <p class="form-error" role="alert">{e}</p> })}
            <div class="dialog-actions">
                <button
                    type="button"
                    class="danger"
                    id="delete-group-confirm"
                    disabled=move || delete.pending().get()
                    on:click=move |_| {
                        if let Some(row) = deleting.get_untracked() {
                            delete.dispatch(DeleteGroup { id: row.id });
                        }
                    }
                >
                    {move || t().delete_confirm}
                </button>
                <button type="button" autofocus on:click=move |_| deleting.set(None)>
                    {move || t().cancel}
                </button>
            </div>
        </dialog>
    }
}
