//! The table of users: one line per user, with the invitation's state and Resend.

use leptos::prelude::*;

use crate::i18n::use_texts;
use crate::invitations::ResendInvitation;
use crate::users::{InvitationCell, InvitationState, UserList, UserRow, UserStatus};

#[component]
pub(super) fn UsersTable(list: UserList, searching: bool) -> impl IntoView {
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
    let status_class = format!("status status-{}", status.as_str().to_ascii_lowercase());
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
