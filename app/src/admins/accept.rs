//! The invited admin's page (`/admin-invite/{token}`): choose a password, and be signed in on the Users page. An
//! unusable link says so, and nothing about whose it was.

use leptos::prelude::*;
use rules::Catalog;

use super::texts::AdminTexts;
use super::{admin_invitation_link, AcceptAdminInvitation, AdminLinkState};
use crate::form::PostForm;
use crate::i18n::{use_lang, LangSwitch};
use domain::MIN_PASSWORD_CHARS;

/// `token`: the link's token, from the address `/admin-invite/{token}`.
#[component]
pub fn AdminAcceptPage(token: String) -> impl IntoView {
    let token = Signal::stored(token);
    let lang = use_lang();
    let t = move || AdminTexts::of(lang.get());
    let link = Resource::new(move || token.get(), admin_invitation_link);
    let accept = ServerAction::<AcceptAdminInvitation>::new();
    view! {
        <main class="sign-in">
            <div class="sign-in-card">
                <div class="sign-in-top">
                    <h1>{move || t().accept_title}</h1>
                    <LangSwitch />
                </div>
                <Suspense fallback=move || view! { <p>{move || crate::i18n::texts(lang.get()).loading}</p> }>
                    {move || {
                        link.get()
                            .map(|state| match state {
                                Ok(AdminLinkState::Valid { email }) => accept_form(accept, token, email).into_any(),
                                _ => unusable_link().into_any(),
                            })
                    }}
                </Suspense>
            </div>
        </main>
    }
    .into_any()
}

/// The invitee chooses a password. Works before the wasm has loaded too (a plain POST, answered by a redirect).
fn accept_form(accept: ServerAction<AcceptAdminInvitation>, token: Signal<String>, email: String) -> impl IntoView {
    let lang = use_lang();
    let t = move || AdminTexts::of(lang.get());
    let error = move || match accept.value().get() {
        Some(Err(err)) => Some(err.message(lang.get())),
        _ => None,
    };
    view! {
        <p>{move || (t().accept_intro)(&email)}</p>
        <PostForm
            action=accept
            arguments=|f| AcceptAdminInvitation { token: f.text("token"), password: f.text("password") }
        >
            <input type="hidden" name="token" value=token />
            <label for="admin-password">{move || t().accept_password}</label>
            <input
                id="admin-password"
                type="password"
                name="password"
                autocomplete="new-password"
                minlength=MIN_PASSWORD_CHARS.to_string()
                aria-describedby="admin-password-hint"
                required
            />
            <p id="admin-password-hint" class="muted">
                {move || (t().password_hint)(MIN_PASSWORD_CHARS)}
            </p>
            {move || error().map(|m| view! { <p class="form-error" role="alert">{m}</p> })}
            <button type="submit" class="primary" disabled=move || accept.pending().get()>
                {move || t().accept_button}
            </button>
        </PostForm>
    }
}

/// Expired, used, cancelled or unknown: the same words for each.
fn unusable_link() -> impl IntoView {
    let lang = use_lang();
    let t = move || AdminTexts::of(lang.get());
    view! {
        <h2>{move || t().unusable_title}</h2>
        <p>{move || t().unusable_text}</p>
        <p>
            <a href="/sign-in">{move || t().go_sign_in}</a>
        </p>
    }
}
