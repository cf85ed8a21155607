//! One learner at a time: the form that adds or edits a learner, and the dialog that deletes one. Every value is
//! checked as you type by the same rules as an import row (`rules::ValidUser::check_with`), including whether
//! another user has the email or identifier (asked of the server once the typing pauses); the server checks
//! everything again when the form is saved.

use leptos::html;
use leptos::prelude::*;
use rules::{Catalog, Column, Existing, Problem, UserValues};

use crate::i18n::use_lang;
use crate::import::grid::debounce::Debounce;
use crate::import::panel::show_modal_while;
use crate::users::texts::UserTexts;
use crate::users::{AddUser, DeleteUser, EditUser, SaveAnswer, UserRow, UserStatus};

/// What the form is doing: adding a learner, or editing this one.
#[derive(Clone, Debug, PartialEq)]
pub(super) enum Editing {
    Add,
    Edit(Box<UserRow>),
}

/// The page's handles on the form and the deletion dialog (in context, for the table's buttons).
#[derive(Clone, Copy)]
pub(super) struct UserDialogs {
    pub editing: RwSignal<Option<Editing>>,
    pub deleting: RwSignal<Option<UserRow>>,
    /// "Ana Roux was saved.", shown on the page once the form closes.
    pub notice: RwSignal<Option<String>>,
}

impl UserDialogs {
    pub fn new() -> Self {
        UserDialogs { editing: RwSignal::new(None), deleting: RwSignal::new(None), notice: RwSignal::new(None) }
    }
}

fn values_of(user: &UserRow) -> UserValues {
    UserValues {
        firstname: user.firstname.clone(),
        lastname: user.lastname.clone(),
        email: user.email.clone(),
        identifier: user.identifier.clone().unwrap_or_default(),
        country: user.country.clone().unwrap_or_default(),
        language: user.language.clone(),
        ..UserValues::default()
    }
}

/// The form's fields: a learner's own values, the import's first six columns.
const PROFILE: [Column; 6] =
    [Column::FirstName, Column::LastName, Column::Email, Column::Identifier, Column::Country, Column::Language];

fn label(t: &UserTexts, column: Column) -> &'static str {
    match column {
        Column::FirstName => t.firstname,
        Column::LastName => t.lastname,
        Column::Email => t.email,
        Column::Identifier => t.identifier,
        Column::Country => t.country,
        Column::Language => t.language,
        // Not fields of the form (`PROFILE`): groups and status have their own actions on the Users page.
        Column::Groups | Column::Status => "",
    }
}

/// The add or edit form, a modal `<dialog>` open while `dialogs.editing` is set. `on_saved` refreshes the list.
#[component]
pub(super) fn UserForm(dialogs: UserDialogs, on_saved: Callback<()>) -> impl IntoView {
    let lang = use_lang();
    let t = move || UserTexts::of(lang.get());
    let dialog = NodeRef::<html::Dialog>::new();
    let values = RwSignal::new(UserValues::default());
    // Emails and identifiers other users have, as last answered by the server.
    let taken = RwSignal::new(Existing::default());
    let server_problems = RwSignal::new(Vec::<Problem>::new());
    // A field's problem shows once the field was typed in, or once Save was pressed: a new, empty form does not
    // open covered in "missing" messages.
    let touched = RwSignal::new(Vec::<Column>::new());
    let saved_once = RwSignal::new(false);
    let invite = RwSignal::new(true);
    let add = ServerAction::<AddUser>::new();
    let edit = ServerAction::<EditUser>::new();
    let lookup = Debounce::new(400);
    let editing = dialogs.editing;
    Effect::new(move |_| show_modal_while(dialog.get(), editing.with(Option::is_some)));
    // A new form starts from the learner's values (or empty ones).
    Effect::new(move |_| {
        let start = editing.with(|e| match e {
            Some(Editing::Edit(user)) => values_of(user),
            _ => Default::default(),
        });
        values.set(start);
        taken.set(Existing::default());
        server_problems.set(Vec::new());
        touched.set(Vec::new());
        saved_once.set(false);
    });
    let own = move || {
        editing.with_untracked(|e| match e {
            Some(Editing::Edit(user)) => Some(user.id),
            _ => None,
        })
    };
    let check_taken = move || {
        let (email, identifier) = values.with_untracked(|v| (v.email.clone(), v.identifier.clone()));
        lookup.call(async move {
            let found = crate::import::existing_users(vec![email], vec![identifier.trim().to_owned()]).await;
            if let Ok(found) = found {
                let mut existing = Existing::new(found);
                // The learner's own email and identifier are not "taken".
                if let Some(id) = own() {
                    existing.remove(id);
                }
                taken.set(existing);
            }
        });
    };
    // The rules' problems with the values as typed, then the server's, by column.
    let problems = Memo::new(move |_| {
        let checked = values.with(|v| rules::ValidUser::check_with(v.clone(), taken.get()).err().unwrap_or_default());
        let mut all = checked;
        for p in server_problems.get() {
            if !all.iter().any(|q| q.code() == p.code()) {
                all.push(p);
            }
        }
        all
    });
    let email_locked = move || editing.with(|e| matches!(e, Some(Editing::Edit(u)) if u.status == UserStatus::Active));
    let pending = move || add.pending().get() || edit.pending().get();
    // The server's answer: saved (close, tell, refresh) or its problems beside the fields.
    let answered = move |answer: Option<Result<SaveAnswer, crate::error::AppError>>| match answer {
        Some(Ok(SaveAnswer::Saved { .. })) => {
            let name = values.with_untracked(|v| format!("{} {}", v.firstname.trim(), v.lastname.trim()));
            dialogs.notice.set(Some((UserTexts::of(lang.get_untracked()).saved)(&name)));
            editing.set(None);
            on_saved.run(());
        }
        Some(Ok(SaveAnswer::Invalid { problems })) => server_problems.set(problems),
        _ => {}
    };
    Effect::new(move |_| answered(add.value().get()));
    Effect::new(move |_| answered(edit.value().get()));
    let error = move || add.value().get().or(edit.value().get()).and_then(Result::err).map(|e| e.message(lang.get()));
    let save = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        server_problems.set(Vec::new());
        saved_once.set(true);
        let sent = values.get_untracked();
        match editing.get_untracked() {
            Some(Editing::Edit(user)) => {
                edit.dispatch(EditUser { id: user.id, values: sent });
            }
            Some(Editing::Add) => {
                add.dispatch(AddUser { values: sent, invite: invite.get_untracked() });
            }
            None => {}
        }
    };
    let field = move |column: Column| {
        let id = format!("user-{}", column.as_str());
        let message_id = format!("{id}-message");
        let shown = move || saved_once.get() || touched.with(|t| t.contains(&column));
        let message = move || {
            problems
                .with(|all| all.iter().find(|p| p.column == Some(column)).map(|p| p.message(lang.get())))
                .filter(|_| shown())
        };
        let readonly = move || column == Column::Email && email_locked();
        view! {
            <div class="form-field">
                <label for=id.clone()>
                    {move || label(t(), column)}
                    {(!column.is_required()).then(|| view! { <span class="muted">" (" {move || t().optional} ")"</span> })}
                </label>
                <input
                    id=id
                    type="text"
                    autocomplete="off"
                    prop:value=move || values.with(|v| v.get(column).to_owned())
                    readonly=readonly
                    aria-invalid=move || if message().is_some() { "true" } else { "false" }
                    aria-describedby=message_id.clone()
                    on:input=move |ev| {
                        let value = event_target_value(&ev);
                        values.update(|v| *v.get_mut(column) = value);
                        touched.update(|t| t.push(column));
                        server_problems.set(Vec::new());
                        if matches!(column, Column::Email | Column::Identifier) {
                            check_taken();
                        }
                    }
                />
                <p class="field-message" id=message_id>
                    {move || {
                        if readonly() { Some(t().email_locked.to_owned()) } else { message() }
                    }}
                </p>
            </div>
        }
    };
    view! {
        <dialog
            id="user-form"
            class="dialog user-dialog"
            aria-labelledby="user-form-title"
            node_ref=dialog
            on:close=move |_| editing.set(None)
        >
            <form on:submit=save novalidate>
                <h3 id="user-form-title">
                    {move || if matches!(editing.get(), Some(Editing::Edit(_))) { t().edit_title } else { t().add_title }}
                </h3>
                {PROFILE.into_iter().map(field).collect_view()}
                <Show when=move || matches!(editing.get(), Some(Editing::Add))>
                    <label class="check">
                        <input
                            type="checkbox"
                            id="user-invite"
                            prop:checked=invite
                            on:change=move |ev| invite.set(event_target_checked(&ev))
                        />
                        {move || t().invite}
                    </label>
                </Show>
                {move || error().map(|e| view! { <p class="form-error" role="alert">{e}</p> })}
                <div class="dialog-actions">
                    <button type="submit" class="primary" id="user-save" disabled=pending>
                        {move || t().save}
                    </button>
                    <button type="button" on:click=move |_| editing.set(None)>
                        {move || t().cancel}
                    </button>
                </div>
            </form>
        </dialog>
    }
}

/// "Delete Ana Roux?", saying what an Active learner loses; then Delete or Cancel.
#[component]
pub(super) fn DeleteDialog(dialogs: UserDialogs, on_deleted: Callback<()>) -> impl IntoView {
    let lang = use_lang();
    let t = move || UserTexts::of(lang.get());
    let dialog = NodeRef::<html::Dialog>::new();
    let delete = ServerAction::<DeleteUser>::new();
    let deleting = dialogs.deleting;
    Effect::new(move |_| show_modal_while(dialog.get(), deleting.with(Option::is_some)));
    let name =
        move || deleting.with(|u| u.as_ref().map(|u| format!("{} {}", u.firstname, u.lastname)).unwrap_or_default());
    Effect::new(move |_| {
        if let Some(Ok(())) = delete.value().get() {
            let name = untrack(name);
            dialogs.notice.set(Some((UserTexts::of(lang.get_untracked()).deleted)(&name)));
            deleting.set(None);
            on_deleted.run(());
        }
    });
    let active = move || deleting.with(|u| u.as_ref().is_some_and(|u| u.status == UserStatus::Active));
    let error = move || delete.value().get().and_then(Result::err).map(|e| e.message(lang.get()));
    view! {
        <dialog
            id="delete-dialog"
            class="dialog"
            role="alertdialog"
            aria-labelledby="delete-dialog-title"
            aria-describedby="delete-dialog-text"
            node_ref=dialog
            on:close=move |_| deleting.set(None)
        >
            <h3 id="delete-dialog-title">{move || (t().delete_title)(&name())}</h3>
            <p id="delete-dialog-text">
                {move || if active() { t().delete_active } else { t().delete_pending }}
            </p>
            {move || error().map(|e| view! { <p class="form-error" role="alert">{e}</p> })}
            <div class="dialog-actions">
                <button
                    type="button"
                    class="danger"
                    id="delete-confirm"
                    disabled=move || delete.pending().get()
                    on:click=move |_| {
                        if let Some(user) = deleting.get_untracked() {
                            delete.dispatch(DeleteUser { id: user.id });
                        }
                    }
                >
                    {move || t().delete_confirm}
                </button>
                <button type="button" on:click=move |_| deleting.set(None)>
                    {move || t().cancel}
                </button>
            </div>
        </dialog>
    }
}
