//! The Users page: the top bar, the page's head with **Add users**, the list's search and filters (`filters`), the
//! table of users with its sortable columns (`table`) and the pager. The view (search, filters, sort, page) is one
//! signal kept in step with the address (`super::address`). The Add users panel opens over it.

mod bulk;
mod filters;
mod table;
mod user_form;

use leptos::html;
use leptos::prelude::*;

use self::bulk::{BulkBar, Selection};
use self::filters::Filters;
use self::table::UsersTable;
use self::user_form::{DeleteDialog, Editing, UserDialogs, UserForm};
use super::{list_users, Page, SetUserSuspended, Total, UserList, UserQuery};
use crate::error::AppError;
use crate::groups::texts::GroupTexts;
use crate::groups::{list_groups, GroupRow};
use crate::history::texts::HistoryTexts;
use crate::i18n::{use_lang, use_texts};
use crate::import::panel::AddUsersPanel;
use crate::invitations::{ResendFailedInvitations, ResendInvitation};
use crate::top_bar::top_bar;
use crate::users::texts::UserTexts;
use rules::Catalog;

type UsersResource = Resource<Result<UserList, AppError>>;
/// Every group (the filter's options, the bulk bar's choices), read again after a bulk action.
pub(super) type GroupsResource = Resource<Result<Vec<GroupRow>, AppError>>;

/// A row's Suspend or Reactivate, and the learner's name and the choice, for the notice once it is done.
#[derive(Clone, Copy)]
pub(super) struct Suspending {
    pub action: ServerAction<SetUserSuspended>,
    pub last: RwSignal<Option<(String, bool)>>,
}

/// The list's view and how it changes: every change is written to the address, so the back button and a
/// bookmark find it again. Cheap to copy.
#[derive(Clone, Copy)]
pub(super) struct View {
    pub query: RwSignal<UserQuery>,
}

impl View {
    /// Shows another view, as a new entry of the browser's history.
    pub fn show(&self, query: UserQuery) {
        self.write(&query, true);
        self.query.set(query);
    }

    /// Changes the view in place (the search box, at every keystroke: one history entry, not one per letter).
    pub fn replace(&self, query: UserQuery) {
        self.write(&query, false);
        self.query.set(query);
    }

    /// Changes the view with `change`, from its first page.
    pub fn refine(&self, change: impl FnOnce(&mut UserQuery)) {
        let mut query = self.query.get_untracked().first_page();
        change(&mut query);
        self.show(query);
    }

    fn write(&self, query: &UserQuery, push: bool) {
        #[cfg(feature = "hydrate")]
        if let Some(history) = web_sys::window().and_then(|w| w.history().ok()) {
            let href = super::address::to_href(query);
            let state = wasm_bindgen::JsValue::NULL;
            let _ = if push {
                history.push_state_with_url(&state, "", Some(&href))
            } else {
                history.replace_state_with_url(&state, "", Some(&href))
            };
        }
        #[cfg(not(feature = "hydrate"))]
        let _ = (query, push);
    }
}

#[component]
pub fn UsersPage(view: UserQuery) -> impl IntoView {
    let texts = use_texts();
    let lang = use_lang();
    let history_texts = move || HistoryTexts::of(lang.get());
    let view = View { query: RwSignal::new(view) };
    // The back and forward buttons move between views: read the address again.
    #[cfg(feature = "hydrate")]
    {
        let handle = window_event_listener(leptos::ev::popstate, move |_| {
            let search = web_sys::window().and_then(|w| w.location().search().ok()).unwrap_or_default();
            view.query.set(super::address::from_query(search.trim_start_matches('?')));
        });
        on_cleanup(move || handle.remove());
    }
    // Bumped after an import or a resend, so the list shows the change at once, without a page reload.
    let changes = RwSignal::new(0u32);
    let users: UsersResource = Resource::new(move || (view.query.get(), changes.get()), |(query, _)| list_users(query));
    let panel_open = RwSignal::new(false);
    let add_users = NodeRef::<html::Button>::new();
    let resend = ServerAction::<ResendInvitation>::new();
    let resend_failed = ServerAction::<ResendFailedInvitations>::new();
    provide_context(resend);
    // Either Resend changes the invitation column: show it at once.
    Effect::new(move |_| {
        if resend.version().get() + resend_failed.version().get() > 0 {
            changes.update(|n| *n += 1);
        }
    });
    let on_imported = Callback::new(move |()| {
        view.refine(|_| {});
        changes.update(|n| *n += 1);
    });
    let dialogs = UserDialogs::new();
    provide_context(dialogs);
    let refresh = Callback::new(move |()| changes.update(|n| *n += 1));
    let groups: GroupsResource = Resource::new(move || changes.get(), |_| list_groups());
    let group_texts = move || GroupTexts::of(lang.get());
    let suspending = Suspending { action: ServerAction::<SetUserSuspended>::new(), last: RwSignal::new(None) };
    provide_context(suspending);
    Effect::new(move |_| match suspending.action.value().get() {
        Some(Ok(_)) => {
            if let Some((name, suspend)) = suspending.last.get_untracked() {
                let t = GroupTexts::of(lang.get_untracked());
                let notice = if suspend { (t.suspended_one)(&name) } else { (t.reactivated_one)(&name) };
                dialogs.notice.set(Some(notice));
            }
            changes.update(|n| *n += 1);
        }
        Some(Err(err)) => dialogs.notice.set(Some(err.message(lang.get_untracked()))),
        None => {}
    });
    let selection = Selection::new();
    provide_context(selection);
    // Another view, another page: nothing stays ticked that the admin no longer sees.
    Effect::new(move |_| {
        view.query.track();
        selection.clear();
    });
    let total_now = Signal::derive(move || users.get().and_then(Result::ok).map(|l| l.total));
    let bulk_done = Callback::new(move |changed: u64| {
        dialogs.notice.set(Some((UserTexts::of(lang.get_untracked()).bulk_done)(changed)));
        selection.clear();
        changes.update(|n| *n += 1);
    });
    let user_texts = move || UserTexts::of(lang.get());
    // "Showing the members of the group 3B. Show every user", above the list filtered by a group.
    let group_note = move || {
        view.query.with(|q| q.group).map(|id| {
            let name = move || {
                groups
                    .get()
                    .and_then(Result::ok)
                    .and_then(|all| all.into_iter().find(|g| g.id == id).map(|g| g.name))
                    .unwrap_or_else(|| format!("#{id}"))
            };
            view! {
                <p class="filter-note" role="status" id="group-note">
                    {move || (group_texts().members_of)(&name())}
                    " "
                    <a href="/">{move || group_texts().show_all_users}</a>
                </p>
            }
        })
    };
    let import_note = move || {
        view.query.with(|q| q.import).map(|id| {
            view! {
                <p class="filter-note" role="status">
                    {move || (history_texts().users_of_import)(id)}
                    " "
                    <a href="/">{move || history_texts().show_all_users}</a>
                </p>
            }
        })
    };

    view! {
        {top_bar()}
        <main class="users-page">
            <div class="page-head">
                <h1>{move || texts().users_title}</h1>
                <div class="page-actions">
                <button
                    type="button"
                    id="add-one"
                    aria-haspopup="dialog"
                    on:click=move |_| dialogs.editing.set(Some(Editing::Add))
                >
                    {move || user_texts().add_one}
                </button>
                <button
                    type="button"
                    class="primary add-users"
                    id="add-users"
                    aria-haspopup="dialog"
                    aria-expanded=move || if panel_open.get() { "true" } else { "false" }
                    node_ref=add_users
                    on:click=move |_| panel_open.set(true)
                >
                    {move || texts().add_users}
                </button>
                </div>
            </div>
            {move || dialogs.notice.get().map(|n| view! { <p class="notice" role="status" id="user-notice">{n}</p> })}
            <nav class="page-links">
                <a href="/imports" id="open-history">{move || history_texts().open_history}</a>
                <a href="/activity" id="open-activity">
                    {move || crate::activity::texts::ActivityTexts::of(lang.get()).open}
                </a>
                <a href="/admins" id="open-admins">{move || crate::admins::texts::AdminTexts::of(lang.get()).open}</a>
                <a href="/tokens" id="open-tokens">{move || crate::tokens::texts::TokenTexts::of(lang.get()).open}</a>
                <a href="/groups" id="open-groups">{move || group_texts().open}</a>
            </nav>
            {import_note}
            <Transition>{group_note}</Transition>
            {resend_failed_button(resend_failed)}
            <Filters view groups />
            <p class="export">
                <a class="button" id="export-csv" download="" href=move || export_href(&view.query.get(), "csv")>
                    {move || user_texts().export_csv}
                </a>
                " "
                <a class="button" id="export-xlsx" download="" href=move || export_href(&view.query.get(), "xlsx")>
                    {move || user_texts().export_xlsx}
                </a>
            </p>
            <BulkBar view selection total=total_now groups on_done=bulk_done />
            <Transition fallback=move || view! { <p class="loading">{move || texts().loading}</p> }>
                {total(users)}
                {users_or_error(users, view)}
                {pager(users, view)}
            </Transition>
        </main>
        <AddUsersPanel open=panel_open on_imported return_focus=add_users />
        <UserForm dialogs on_saved=refresh />
        <DeleteDialog dialogs on_deleted=refresh />
    }
}

/// The export of a view as `extension` (`csv`, `xlsx`): the same parameters as the list's address, on the
/// export's path.
fn export_href(query: &UserQuery, extension: &str) -> String {
    let list = super::address::to_href(&query.clone().first_page());
    format!("/users/export.{extension}{}", list.trim_start_matches('/'))
}

/// "Resend all failed invitations", and how many went.
fn resend_failed_button(action: ServerAction<ResendFailedInvitations>) -> impl IntoView {
    let texts = use_texts();
    view! {
        <div class="list-tools">
            <button
                type="button"
                id="resend-failed"
                disabled=move || action.pending().get()
                on:click=move |_| {
                    action.dispatch(ResendFailedInvitations {});
                }
            >
                {move || texts().resend_failed}
            </button>
            <span role="status" class="muted">
                {move || action.value().get().and_then(Result::ok).map(|n| (texts().resent)(n))}
            </span>
        </div>
    }
}

/// "120 users", or "More than 10,000 users" when counting would cost more than the list.
fn total(users: UsersResource) -> impl IntoView {
    let texts = use_texts();
    move || {
        users.get().and_then(Result::ok).map(|list| {
            let text = match list.total {
                Total::Exact(n) => (texts().total)(n),
                Total::MoreThan(n) => (texts().total_more_than)(n),
            };
            view! { <p class="total" id="users-total" role="status">{text}</p> }
        })
    }
}

/// The table of users, or why there is none. A signed-out admin is sent to the sign-in page.
fn users_or_error(users: UsersResource, view: View) -> impl IntoView {
    let lang = use_lang();
    move || {
        users.get().map(|result| match result {
            Ok(list) => view! { <UsersTable list view /> }.into_any(),
            Err(err) => {
                if err == AppError::Unauthorized {
                    #[cfg(not(feature = "ssr"))]
                    if let Some(window) = web_sys::window() {
                        let _ = window.location().set_href("/sign-in");
                    }
                }
                view! { <p class="form-error" role="alert">{err.message(lang.get())}</p> }.into_any()
            }
        })
    }
}

fn pager(users: UsersResource, view: View) -> impl IntoView {
    let texts = use_texts();
    let list = move || users.get().and_then(Result::ok);
    let previous = move || list().and_then(|l| l.previous);
    let next = move || list().and_then(|l| l.next);
    let go = move |page: Page| {
        let mut query = view.query.get_untracked();
        query.page = page;
        view.show(query);
    };
    view! {
        <nav class="pager" aria-label="Pagination">
            <button
                type="button"
                id="previous-page"
                disabled=move || previous().is_none()
                on:click=move |_| {
                    if let Some(cursor) = untrack(previous) {
                        go(Page::Before(cursor));
                    }
                }
            >
                {move || texts().previous_page}
            </button>
            <button
                type="button"
                id="next-page"
                disabled=move || next().is_none()
                on:click=move |_| {
                    if let Some(cursor) = untrack(next) {
                        go(Page::After(cursor));
                    }
                }
            >
                {move || texts().next_page}
            </button>
        </nav>
    }
}
