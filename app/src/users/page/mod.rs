//! The Users page: the top bar, the page's head with **Add users**, the list's tools and search, the table of
//! users (`table`) and the pager. The Add users panel opens over it.

mod table;

use leptos::html;
use leptos::prelude::*;

use self::table::UsersTable;
use super::{list_users, UserList};
use crate::error::AppError;
use crate::history::texts::HistoryTexts;
use crate::i18n::{use_lang, use_texts};
use crate::import::panel::AddUsersPanel;
use crate::invitations::{ResendFailedInvitations, ResendInvitation};
use crate::top_bar::top_bar;
use rules::Catalog;

/// Which page of the list is shown: the cursors of the pages before the current one (so "Previous page" can go
/// back) and the current one's.
#[derive(Clone, Copy)]
struct Paging {
    before: RwSignal<Vec<Option<i64>>>,
    cursor: RwSignal<Option<i64>>,
}

impl Paging {
    fn first_page(&self) {
        self.before.set(Vec::new());
        self.cursor.set(None);
    }

    fn previous(&self) {
        let previous = self.before.try_update(|c| c.pop()).flatten().flatten();
        self.cursor.set(previous);
    }

    fn next(&self, next: i64) {
        self.before.update(|c| c.push(self.cursor.get_untracked()));
        self.cursor.set(Some(next));
    }
}

type UsersResource = Resource<Result<UserList, AppError>>;

/// `import`: show only the users this import created (the history's "See the users it added").
#[component]
pub fn UsersPage(import: Option<i64>) -> impl IntoView {
    let texts = use_texts();
    let lang = use_lang();
    let history_texts = move || HistoryTexts::of(lang.get());
    let search = RwSignal::new(String::new());
    let paging = Paging { before: RwSignal::new(Vec::new()), cursor: RwSignal::new(None) };
    // Bumped after an import or a resend, so the list shows the change at once, without a page reload.
    let changes = RwSignal::new(0u32);
    let users: UsersResource = Resource::new(
        move || (search.get(), paging.cursor.get(), changes.get()),
        move |(search, before, _)| list_users(search, import, before),
    );
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
        paging.first_page();
        changes.update(|n| *n += 1);
    });
    let on_search = move |ev: leptos::ev::Event| {
        search.set(event_target_value(&ev));
        paging.first_page();
    };

    view! {
        {top_bar()}
        <main class="users-page">
            <div class="page-head">
                <h1>{move || texts().users_title}</h1>
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
            <nav class="page-links">
                <a href="/imports" id="open-history">{move || history_texts().open_history}</a>
            </nav>
            {import
                .map(|id| {
                    view! {
                        <p class="filter-note" role="status">
                            {move || (history_texts().users_of_import)(id)}
                            " "
                            <a href="/">{move || history_texts().show_all_users}</a>
                        </p>
                    }
                })}
            {resend_failed_button(resend_failed)}
            <div class="search">
                <label for="user-search" class="visually-hidden">{move || texts().search_label}</label>
                <input
                    id="user-search"
                    type="search"
                    placeholder=move || texts().search_placeholder
                    on:input=on_search
                    prop:value=search
                />
            </div>
            <Transition fallback=move || view! { <p class="loading">{texts().loading}</p> }>
                {users_or_error(users, search)}
                {pager(users, paging)}
            </Transition>
        </main>
        <AddUsersPanel open=panel_open on_imported return_focus=add_users />
    }
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

/// The table of users, or why there is none. A signed-out admin is sent to the sign-in page.
fn users_or_error(users: UsersResource, search: RwSignal<String>) -> impl IntoView {
    let lang = use_lang();
    move || {
        users.get().map(|result| match result {
            Ok(list) => view! { <UsersTable list searching=!search.get_untracked().trim().is_empty() /> }.into_any(),
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

fn pager(users: UsersResource, paging: Paging) -> impl IntoView {
    let texts = use_texts();
    let next_cursor = move || users.get().and_then(Result::ok).and_then(|l| l.next_cursor);
    view! {
        <nav class="pager" aria-label="Pagination">
            <button
                type="button"
                disabled=move || paging.before.with(Vec::is_empty)
                on:click=move |_| paging.previous()
            >
                {move || texts().previous_page}
            </button>
            <button
                type="button"
                disabled=move || next_cursor().is_none()
                on:click=move |_| {
                    if let Some(next) = untrack(next_cursor) {
                        paging.next(next);
                    }
                }
            >
                {move || texts().next_page}
            </button>
        </nav>
    }
}
