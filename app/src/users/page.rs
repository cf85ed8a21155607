//! The Users page's view: header with search and **Add users**, the table, and the pager.

use leptos::prelude::*;

use super::{list_users, InvitationState, UserList, UserRow, UserStatus};
use crate::auth::{current_admin, SignOut};
use crate::error::AppError;
use crate::form::PostForm;
use crate::i18n::{use_lang, use_texts, LangSwitch};
use crate::import::panel::AddUsersPanel;
use crate::invitations::{ResendFailedInvitations, ResendInvitation};

#[component]
pub fn UsersPage() -> impl IntoView {
    let texts = use_texts();
    let lang = use_lang();
    let search = RwSignal::new(String::new());
    // The cursors of the pages before the current one, so "Previous page" can go back.
    let cursors = RwSignal::new(Vec::<Option<i64>>::new());
    let cursor = RwSignal::new(None::<i64>);
    // Bumped after an import, so the list shows the new users at once, without a page reload.
    let imports = RwSignal::new(0u32);
    let users = Resource::new(
        move || (search.get(), cursor.get(), imports.get()),
        |(search, before, _)| list_users(search, before),
    );
    let panel_open = RwSignal::new(false);
    let resend = ServerAction::<ResendInvitation>::new();
    let resend_failed = ServerAction::<ResendFailedInvitations>::new();
    provide_context(resend);
    // Either Resend changes the invitation column: show it at once.
    Effect::new(move |_| {
        if resend.version().get() + resend_failed.version().get() > 0 {
            imports.update(|n| *n += 1);
        }
    });
    let on_imported = Callback::new(move |()| {
        cursors.set(Vec::new());
        cursor.set(None);
        imports.update(|n| *n += 1);
    });
    let admin = Resource::new(|| (), |_| current_admin());
    let sign_out = ServerAction::<SignOut>::new();

    let on_search = move |ev: leptos::ev::Event| {
        search.set(event_target_value(&ev));
        cursors.set(Vec::new());
        cursor.set(None);
    };

    view! {
        <header class="top-bar">
            <span class="brand">{move || texts().app_title}</span>
            <div class="top-bar-right">
                <LangSwitch />
                <Suspense>
                    {move || admin.get().and_then(Result::ok).map(|email| view! { <span class="admin-email">{email}</span> })}
                </Suspense>
                <PostForm action=sign_out arguments=|_| SignOut {}>
                    <button type="submit" class="link-button">{move || texts().sign_out}</button>
                </PostForm>
            </div>
        </header>
        <main class="users-page">
            <div class="page-head">
                <h1>{move || texts().users_title}</h1>
                <button
                    type="button"
                    class="primary add-users"
                    id="add-users"
                    aria-haspopup="dialog"
                    aria-expanded=move || if panel_open.get() { "true" } else { "false" }
                    on:click=move |_| panel_open.set(true)
                >
                    {move || texts().add_users}
                </button>
            </div>
            <div class="list-tools">
                <button
                    type="button"
                    id="resend-failed"
                    disabled=move || resend_failed.pending().get()
                    on:click=move |_| {
                        resend_failed.dispatch(ResendFailedInvitations {});
                    }
                >
                    {move || texts().resend_failed}
                </button>
                <span role="status" class="muted">
                    {move || resend_failed.value().get().and_then(Result::ok).map(|n| (texts().resent)(n))}
                </span>
            </div>
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
                {move || {
                    users
                        .get()
                        .map(|result| match result {
                            Ok(list) => {
                                view! { <UsersTable list searching=!search.get_untracked().trim().is_empty() /> }
                                    .into_any()
                            }
                            Err(err) => {
                                if err == AppError::Unauthorized {
                                    #[cfg(not(feature = "ssr"))]
                                    if let Some(window) = web_sys::window() {
                                        let _ = window.location().set_href("/sign-in");
                                    }
                                }
                                view! {
                                    <p class="form-error" role="alert">
                                        {err.message(lang.get())}
                                    </p>
                                }
                                    .into_any()
                            }
                        })
                }}
                <nav class="pager" aria-label="Pagination">
                    <button
                        type="button"
                        disabled=move || cursors.with(Vec::is_empty)
                        on:click=move |_| {
                            let previous = cursors.try_update(|c| c.pop()).flatten().flatten();
                            cursor.set(previous);
                        }
                    >
                        {move || texts().previous_page}
                    </button>
                    <button
                        type="button"
                        disabled=move || {
                            users.get().and_then(Result::ok).and_then(|l| l.next_cursor).is_none()
                        }
                        on:click=move |_| {
                            if let Some(next) = users
                                .get_untracked()
                                .and_then(Result::ok)
                                .and_then(|l| l.next_cursor)
                            {
                                cursors.update(|c| c.push(cursor.get_untracked()));
                                cursor.set(Some(next));
                            }
                        }
                    >
                        {move || texts().next_page}
                    </button>
                </nav>
            </Transition>
        </main>
        <AddUsersPanel open=panel_open on_imported />
    }
}

#[component]
fn UsersTable(list: UserList, searching: bool) -> impl IntoView {
    let texts = use_texts();
    if list.users.is_empty() {
        return view! {
            <p class="empty">{move || if searching { texts().no_match } else { texts().no_users }}</p>
        }
        .into_any();
    }
    view! {
        <table class="users">
            <thead>
                <tr>
                    <th scope="col">{move || texts().col_name}</th>
                    <th scope="col">{move || texts().col_email}</th>
                    <th scope="col">{move || texts().col_identifier}</th>
                    <th scope="col">{move || texts().col_country}</th>
                    <th scope="col">{move || texts().col_language}</th>
                    <th scope="col">{move || texts().col_status}</th>
                    <th scope="col">{move || texts().col_invitation}</th>
                    <th scope="col">{move || texts().col_created}</th>
                </tr>
            </thead>
            <tbody>
                {list.users.into_iter().map(|user| view! { <UserLine user /> }).collect_view()}
            </tbody>
        </table>
    }
    .into_any()
}

#[component]
fn UserLine(user: UserRow) -> impl IntoView {
    let texts = use_texts();
    let status = user.status;
    let status_is_pending = status == UserStatus::Pending;
    let status_class = format!("status status-{}", status.as_str().to_lowercase());
    view! {
        <tr>
            <td>{format!("{} {}", user.firstname, user.lastname)}</td>
            <td>{user.email}</td>
            <td>{user.identifier.unwrap_or_default()}</td>
            <td>{user.country.unwrap_or_default()}</td>
            <td>{user.language}</td>
            <td>
                <span class=status_class>
                    {move || match status {
                        UserStatus::Active => texts().status_active,
                        UserStatus::Pending => texts().status_pending,
                    }}
                </span>
            </td>
            <td class="invitation">
                <InvitationInfo user_id=user.id pending=status_is_pending invitation=user.invitation.clone() />
            </td>
            <td>
                <time datetime=user.created_at.clone()>{user.created_at.get(..10).unwrap_or_default().to_owned()}</time>
            </td>
        </tr>
    }
}

#[component]
fn InvitationInfo(user_id: i64, pending: bool, invitation: Option<super::InvitationCell>) -> impl IntoView {
    let texts = use_texts();
    let resend = use_context::<ServerAction<ResendInvitation>>();
    let state = invitation.as_ref().map(|i| i.state);
    let error = invitation.and_then(|i| i.error);
    let label = move || match state {
        None => texts().invitation_not_sent,
        Some(InvitationState::Queued | InvitationState::Sending) => texts().invitation_queued,
        Some(InvitationState::Sent) => texts().invitation_sent,
        Some(InvitationState::Failed) => texts().invitation_failed,
    };
    let class = match state {
        Some(InvitationState::Failed) => "invitation-state failed",
        Some(InvitationState::Sent) => "invitation-state sent",
        _ => "invitation-state",
    };
    // Resend is offered while the learner is Pending and nothing is waiting to go.
    let can_resend = pending && !matches!(state, Some(InvitationState::Queued | InvitationState::Sending));
    view! {
        <span class=class>{label}</span>
        {error.map(|e| view! { <span class="invitation-error">{e}</span> })}
        {(can_resend && resend.is_some())
            .then(|| {
                view! {
                    <button
                        type="button"
                        class="link-button resend"
                        on:click=move |_| {
                            if let Some(action) = resend {
                                action.dispatch(ResendInvitation { user_id });
                            }
                        }
                    >
                        {move || texts().resend}
                    </button>
                }
            })}
    }
    .into_any()
}
