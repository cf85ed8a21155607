//! The admins page: the list of admins with Remove (after a confirmation), inviting an admin by email and the
//! open invitations with Cancel, one's password form, and one's sessions with End.

use leptos::prelude::*;
use rules::Catalog;

use super::texts::AdminTexts;
use super::{
    list_admin_invitations, list_admins, my_sessions, AdminInvitationState, CancelAdminInvitation, ChangePassword,
    EndSession, InviteAdmin, RemoveAdmin,
};
use crate::history::when;
use crate::i18n::{use_lang, use_texts};
use crate::top_bar::top_bar;

#[component]
pub fn AdminsPage() -> impl IntoView {
    let lang = use_lang();
    let t = move || AdminTexts::of(lang.get());
    let texts = use_texts();
    let remove = ServerAction::<RemoveAdmin>::new();
    let change = ServerAction::<ChangePassword>::new();
    let end = ServerAction::<EndSession>::new();
    let invite = ServerAction::<InviteAdmin>::new();
    let cancel = ServerAction::<CancelAdminInvitation>::new();
    let admins = Resource::new(move || remove.version().get(), |_| list_admins());
    let invitations =
        Resource::new(move || (invite.version().get(), cancel.version().get()), |_| list_admin_invitations());
    // The address typed in, emptied once its invitation is queued.
    let invite_email = RwSignal::new(String::new());
    Effect::new(move |_| {
        if matches!(invite.value().get(), Some(Ok(_))) {
            invite_email.set(String::new());
        }
    });
    let sessions = Resource::new(move || (end.version().get(), change.version().get()), |_| my_sessions());
    let error = move |result: Option<Result<(), crate::error::AppError>>| {
        result.and_then(Result::err).map(|e| view! { <p class="form-error" role="alert">{e.message(lang.get())}</p> })
    };
    view! {
        {top_bar()}
        <main class="history-page admins-page">
            <div class="page-head">
                <h1>{move || t().title}</h1>
                <a href="/">{move || crate::history::texts::HistoryTexts::of(lang.get()).back_to_users}</a>
            </div>
            {move || error(remove.value().get())}
            {move || {
                remove.value().get().and_then(Result::ok).map(|()| view! { <p class="notice" role="status">{t().removed}</p> })
            }}
            <Transition fallback=move || view! { <p class="loading">{move || texts().loading}</p> }>
                <table class="history admins">
                    <thead>
                        <tr>
                            <th scope="col">{move || t().col_email}</th>
                            <th scope="col">{move || t().col_since}</th>
                            <th scope="col"></th>
                        </tr>
                    </thead>
                    <tbody>
                        {move || {
                            admins.get().and_then(Result::ok).map(|rows| {
                                rows.into_iter()
                                    .map(|a| {
                                        let (id, email) = (a.id, a.email.clone());
                                        view! {
                                            <tr>
                                                <td>
                                                    {a.email}
                                                    {a.you.then(|| view! { <span class="muted">" (" {move || t().you} ")"</span> })}
                                                </td>
                                                <td><time datetime=a.created_at.clone()>{when(&a.created_at)}</time></td>
                                                <td>
                                                    {(!a.you).then(|| view! {
                                                        <button
                                                            type="button"
                                                            class="link-button remove-admin"
                                                            on:click=move |_| {
                                                                let question = (AdminTexts::of(lang.get_untracked()).confirm_remove)(&email);
                                                                if confirm(&question) {
                                                                    remove.dispatch(RemoveAdmin { id });
                                                                }
                                                            }
                                                        >
                                                            {move || t().remove}
                                                        </button>
                                                    })}
                                                </td>
                                            </tr>
                                        }
                                    })
                                    .collect_view()
                            })
                        }}
                    </tbody>
                </table>
            </Transition>

            <section class="import-summary" aria-labelledby="invite-title">
                <h2 id="invite-title">{move || t().invite_title}</h2>
                <ActionForm action=invite>
                    <div class="form-field">
                        <label for="invite-email">{move || t().invite_email}</label>
                        <input
                            id="invite-email"
                            type="email"
                            name="email"
                            autocomplete="off"
                            required
                            prop:value=move || invite_email.get()
                            on:input=move |ev| invite_email.set(event_target_value(&ev))
                        />
                    </div>
                    <button type="submit" class="primary" id="invite-admin" disabled=move || invite.pending().get()>
                        {move || t().invite_button}
                    </button>
                </ActionForm>
                {move || {
                    invite.value().get().map(|result| match result {
                        Ok(email) => view! { <p class="notice" role="status" id="admin-invited">{(t().invited)(&email)}</p> }.into_any(),
                        Err(e) => view! { <p class="form-error" role="alert">{e.message(lang.get())}</p> }.into_any(),
                    })
                }}
                {move || error(cancel.value().get())}
                {move || {
                    cancel.value().get().and_then(Result::ok).map(|()| view! { <p class="notice" role="status">{t().cancelled}</p> })
                }}
                <h3>{move || t().pending_title}</h3>
                <Transition fallback=move || view! { <p class="loading">{move || texts().loading}</p> }>
                    {move || {
                        invitations.get().and_then(Result::ok).map(|rows| {
                            if rows.is_empty() {
                                return view! { <p class="muted" id="no-admin-invitations">{move || t().no_pending}</p> }.into_any();
                            }
                            view! {
                                <table class="history admin-invitations">
                                    <thead>
                                        <tr>
                                            <th scope="col">{move || t().col_email}</th>
                                            <th scope="col">{move || t().col_invited_by}</th>
                                            <th scope="col">{move || t().col_invited_at}</th>
                                            <th scope="col">{move || t().col_link_expires}</th>
                                            <th scope="col">{move || t().col_state}</th>
                                            <th scope="col"></th>
                                        </tr>
                                    </thead>
                                    <tbody>
                                        {rows.into_iter()
                                            .map(|i| {
                                                let (id, email) = (i.id, i.email.clone());
                                                let state = i.state;
                                                view! {
                                                    <tr>
                                                        <td>{i.email}</td>
                                                        <td>{i.invited_by}</td>
                                                        <td><time datetime=i.created_at.clone()>{when(&i.created_at)}</time></td>
                                                        <td>
                                                            {match i.expires_at {
                                                                Some(at) => view! { <time datetime=at.clone()>{when(&at)}</time> }.into_any(),
                                                                None => view! { <span class="muted">"—"</span> }.into_any(),
                                                            }}
                                                        </td>
                                                        <td class=move || format!("invitation-state {}", state_class(state))>
                                                            {move || state_text(t(), state)}
                                                        </td>
                                                        <td>
                                                            <button
                                                                type="button"
                                                                class="link-button cancel-invitation"
                                                                on:click=move |_| {
                                                                    let question = (AdminTexts::of(lang.get_untracked()).confirm_cancel)(&email);
                                                                    if confirm(&question) {
                                                                        cancel.dispatch(CancelAdminInvitation { id });
                                                                    }
                                                                }
                                                            >
                                                                {move || t().cancel}
                                                            </button>
                                                        </td>
                                                    </tr>
                                                }
                                            })
                                            .collect_view()}
                                    </tbody>
                                </table>
                            }
                                .into_any()
                        })
                    }}
                </Transition>
            </section>

            <section class="import-summary" aria-labelledby="password-title">
                <h2 id="password-title">{move || t().password_title}</h2>
                <ActionForm action=change>
                    <div class="form-field">
                        <label for="current-password">{move || t().current_password}</label>
                        <input id="current-password" type="password" name="current" autocomplete="current-password" required />
                    </div>
                    <div class="form-field">
                        <label for="new-password">{move || t().new_password}</label>
                        <input id="new-password" type="password" name="new" autocomplete="new-password" minlength="12" required />
                    </div>
                    <button type="submit" class="primary" id="change-password" disabled=move || change.pending().get()>
                        {move || t().change_password}
                    </button>
                </ActionForm>
                {move || error(change.value().get())}
                {move || {
                    change.value().get().and_then(Result::ok).map(|()| view! { <p class="notice" role="status" id="password-changed">{t().password_changed}</p> })
                }}
            </section>

            <section aria-labelledby="sessions-title">
                <h2 id="sessions-title">{move || t().sessions_title}</h2>
                <Transition fallback=move || view! { <p class="loading">{move || texts().loading}</p> }>
                    <table class="history sessions">
                        <thead>
                            <tr>
                                <th scope="col">{move || t().col_started}</th>
                                <th scope="col">{move || t().col_expires}</th>
                                <th scope="col"></th>
                            </tr>
                        </thead>
                        <tbody>
                            {move || {
                                sessions.get().and_then(Result::ok).map(|rows| {
                                    rows.into_iter()
                                        .map(|s| {
                                            let id = s.id.clone();
                                            view! {
                                                <tr class:current=s.current>
                                                    <td><time datetime=s.created_at.clone()>{when(&s.created_at)}</time></td>
                                                    <td><time datetime=s.expires_at.clone()>{when(&s.expires_at)}</time></td>
                                                    <td>
                                                        {if s.current {
                                                            view! { <span class="muted">{move || t().this_browser}</span> }.into_any()
                                                        } else {
                                                            view! {
                                                                <button
                                                                    type="button"
                                                                    class="link-button end-session"
                                                                    on:click=move |_| {
                                                                        end.dispatch(EndSession { id: id.clone() });
                                                                    }
                                                                >
                                                                    {move || t().end_session}
                                                                </button>
                                                            }.into_any()
                                                        }}
                                                    </td>
                                                </tr>
                                            }
                                        })
                                        .collect_view()
                                })
                            }}
                        </tbody>
                    </table>
                </Transition>
            </section>
        </main>
    }
}

/// An invitation's state, as the admin reads it.
fn state_text(t: &'static AdminTexts, state: AdminInvitationState) -> &'static str {
    match state {
        AdminInvitationState::Queued => t.state_queued,
        AdminInvitationState::Sent => t.state_sent,
        AdminInvitationState::Expired => t.state_expired,
        AdminInvitationState::Failed => t.state_failed,
    }
}

/// The state's class name, for its colour.
fn state_class(state: AdminInvitationState) -> &'static str {
    match state {
        AdminInvitationState::Queued => "queued",
        AdminInvitationState::Sent => "sent",
        AdminInvitationState::Expired => "expired",
        AdminInvitationState::Failed => "failed",
    }
}

/// The browser's own confirmation (a plain, keyboard-accessible dialog); always yes on the server.
fn confirm(question: &str) -> bool {
    #[cfg(feature = "hydrate")]
    {
        web_sys::window().and_then(|w| w.confirm_with_message(question).ok()).unwrap_or(false)
    }
    #[cfg(not(feature = "hydrate"))]
    {
        let _ = question;
        true
    }
}
