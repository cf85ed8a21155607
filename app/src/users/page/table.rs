//! The table of users: one line per user, with their groups, the invitation's state and Resend, and the row's
//! actions (edit, suspend or reactivate, delete); the name, email, status and created columns sort the list (a
//! second click reverses the order).

use leptos::prelude::*;

use super::View;
use crate::groups::texts::GroupTexts;
use crate::i18n::{use_lang, use_texts, Texts};
use crate::invitations::ResendInvitation;
use crate::users::address::default_descending;
use crate::users::texts::UserTexts;
use crate::users::{InvitationCell, InvitationState, UserList, UserQuery, UserRow, UserSort, UserStatus};
use rules::Catalog;

#[component]
pub(super) fn UsersTable(list: UserList, view: View) -> impl IntoView {
    let texts = use_texts();
    if list.users.is_empty() {
        let narrowed = view.query.with_untracked(|q| *q != UserQuery { page: q.page.clone(), ..Default::default() });
        return view! {
            <p class="empty">{move || if narrowed { texts().no_match } else { texts().no_users }}</p>
        }
        .into_any();
    }
    let lang = use_lang();
    let page_ids: Vec<i64> = list.users.iter().map(|u| u.id).collect();
    let sortable = move |sort: UserSort, label: fn(&Texts) -> &'static str| view! { <SortHeader view sort label /> };
    view! {
        <table class="users">
            <thead>
                <tr>
                    <th scope="col" class="select">{select_page(page_ids)}</th>
                    {sortable(UserSort::Name, |t| t.col_name)}
                    {sortable(UserSort::Email, |t| t.col_email)}
                    <th scope="col">{move || texts().col_identifier}</th>
                    <th scope="col">{move || texts().col_country}</th>
                    <th scope="col">{move || texts().col_language}</th>
                    <th scope="col">{move || GroupTexts::of(lang.get()).col_groups}</th>
                    {sortable(UserSort::Status, |t| t.col_status)}
                    <th scope="col">{move || texts().col_invitation}</th>
                    {sortable(UserSort::Created, |t| t.col_created)}
                    <th scope="col">{move || UserTexts::of(lang.get()).col_actions}</th>
                </tr>
            </thead>
            <tbody>
                {list.users.into_iter().map(|user| view! { <UserLine user /> }).collect_view()}
            </tbody>
        </table>
    }
    .into_any()
}

/// A column header that sorts the list by its column: `aria-sort` says how it is sorted now, a click sorts by it
/// (or reverses the order when it already does).
#[component]
fn SortHeader(view: View, sort: UserSort, label: fn(&Texts) -> &'static str) -> impl IntoView {
    let texts = use_texts();
    let current = move || view.query.with(|q| (q.sort == sort).then_some(q.descending));
    let aria_sort = move || match current() {
        None => "none",
        Some(true) => "descending",
        Some(false) => "ascending",
    };
    let arrow = move || match current() {
        None => "",
        Some(true) => " ↓",
        Some(false) => " ↑",
    };
    view! {
        <th scope="col" aria-sort=aria_sort>
            <button
                type="button"
                class="sort"
                data-sort=sort.as_str()
                on:click=move |_| {
                    let descending = match current() {
                        Some(descending) => !descending,
                        None => default_descending(sort),
                    };
                    view.refine(|q| {
                        q.sort = sort;
                        q.descending = descending;
                    });
                }
            >
                {move || label(texts())}
                <span aria-hidden="true">{arrow}</span>
            </button>
        </th>
    }
}

#[component]
fn UserLine(user: UserRow) -> impl IntoView {
    let texts = use_texts();
    let status = user.status;
    let status_is_pending = status == UserStatus::Pending;
    let status_class = format!("status status-{}", status.as_str().to_ascii_lowercase());
    let row_actions = actions(user.clone());
    let tick = select_one(user.id, format!("{} {}", user.firstname, user.lastname));
    let groups = (!user.groups.is_empty()).then(|| {
        view! {
            <ul class="group-chips">
                {user.groups.iter().map(|g| view! { <li>{g.clone()}</li> }).collect_view()}
            </ul>
        }
    });
    view! {
        <tr>
            <td class="select">{tick}</td>
            <td>{format!("{} {}", user.firstname, user.lastname)}</td>
            <td>{user.email}</td>
            <td>{user.identifier.unwrap_or_default()}</td>
            <td>{user.country.unwrap_or_default()}</td>
            <td>{user.language}</td>
            <td class="groups">{groups}</td>
            <td>
                <span class=status_class>
                    {move || match status {
                        UserStatus::Active => texts().status_active,
                        UserStatus::Pending => texts().status_pending,
                        UserStatus::Suspended => texts().status_suspended,
                    }}
                </span>
            </td>
            <td class="invitation">
                <InvitationInfo user_id=user.id pending=status_is_pending invitation=user.invitation.clone() />
            </td>
            <td>
                <time datetime=user.created_at.clone()>{user.created_at.get(..10).unwrap_or_default().to_owned()}</time>
            </td>
            <td class="actions">{row_actions}</td>
        </tr>
    }
}

/// The header's checkbox: ticks (or unticks) every learner of the page.
fn select_page(ids: Vec<i64>) -> impl IntoView {
    let lang = use_lang();
    let selection = use_context::<super::bulk::Selection>();
    let all_ticked = {
        let ids = ids.clone();
        move || selection.is_some_and(|s| s.ids.with(|set| !ids.is_empty() && ids.iter().all(|id| set.contains(id))))
    };
    view! {
        <input
            type="checkbox"
            id="select-page"
            aria-label=move || UserTexts::of(lang.get()).select_page
            prop:checked=all_ticked
            on:change=move |ev| {
                let on = event_target_checked(&ev);
                if let Some(s) = selection {
                    s.ids.update(|set| {
                        for id in &ids {
                            if on {
                                set.insert(*id);
                            } else {
                                set.remove(id);
                            }
                        }
                    });
                }
            }
        />
    }
}

/// A row's checkbox.
fn select_one(id: i64, name: String) -> impl IntoView {
    let lang = use_lang();
    let selection = use_context::<super::bulk::Selection>();
    view! {
        <input
            type="checkbox"
            class="select-user"
            aria-label=move || (UserTexts::of(lang.get()).select_one)(&name)
            prop:checked=move || selection.is_some_and(|s| s.ids.with(|set| set.contains(&id)))
            on:change=move |ev| {
                let on = event_target_checked(&ev);
                if let Some(s) = selection {
                    s.ids.update(|set| {
                        if on {
                            set.insert(id);
                        } else {
                            set.remove(&id);
                        }
                    });
                }
            }
        />
    }
}

/// Edit, Suspend (or Reactivate) and Delete: the first and last open the page's form and dialog (see
/// `user_form`); suspending is undone by Reactivate, so it asks nothing.
fn actions(user: UserRow) -> impl IntoView {
    let lang = use_lang();
    let t = move || UserTexts::of(lang.get());
    let g = move || GroupTexts::of(lang.get());
    let dialogs = use_context::<super::user_form::UserDialogs>();
    let suspending = use_context::<super::Suspending>();
    let name = format!("{} {}", user.firstname, user.lastname);
    let suspend = user.status != UserStatus::Suspended;
    let (id, name_s, name_label) = (user.id, name.clone(), name.clone());
    let (for_edit, for_delete) = (user.clone(), user);
    view! {
        <button
            type="button"
            class="link-button edit-user"
            aria-label=format!("{} {name}", t().edit)
            on:click=move |_| {
                if let Some(d) = dialogs {
                    d.notice.set(None);
                    d.editing.set(Some(super::user_form::Editing::Edit(Box::new(for_edit.clone()))));
                }
            }
        >
            {move || t().edit}
        </button>
        <button
            type="button"
            class=if suspend { "link-button suspend-user" } else { "link-button reactivate-user" }
            aria-label=move || if suspend { (g().suspend_one)(&name_label) } else { (g().reactivate_one)(&name_label) }
            disabled=move || suspending.is_some_and(|s| s.action.pending().get())
            on:click=move |_| {
                if let Some(s) = suspending {
                    if let Some(d) = dialogs {
                        d.notice.set(None);
                    }
                    s.last.set(Some((name_s.clone(), suspend)));
                    s.action.dispatch(crate::users::SetUserSuspended { id, suspend });
                }
            }
        >
            {move || if suspend { g().suspend } else { g().reactivate }}
        </button>
        <button
            type="button"
            class="link-button delete-user"
            aria-label=format!("{} {name}", t().delete)
            on:click=move |_| {
                if let Some(d) = dialogs {
                    d.notice.set(None);
                    d.deleting.set(Some(for_delete.clone()));
                }
            }
        >
            {move || t().delete}
        </button>
    }
}

#[component]
fn InvitationInfo(user_id: i64, pending: bool, invitation: Option<InvitationCell>) -> impl IntoView {
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
