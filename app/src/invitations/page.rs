//! The learner's pages: accepting an invitation (`/invite/{token}`) and signing in (`/learn/sign-in`).

use leptos::prelude::*;

use super::texts::invitation_texts;
use super::{invitation_link, AcceptInvitation, LearnerAnswer, LearnerSignIn, LinkState, MIN_PASSWORD_CHARS};
use crate::form::PostForm;
use crate::i18n::{use_lang, LangSwitch};

/// `token`: the invitation link's token, from the address `/invite/{token}`.
#[component]
pub fn AcceptPage(token: String) -> impl IntoView {
    let token = Signal::stored(token);
    let lang = use_lang();
    let t = move || invitation_texts(lang.get());
    let link = Resource::new(move || token.get(), invitation_link);
    let accept = ServerAction::<AcceptInvitation>::new();
    let done = move || matches!(accept.value().get(), Some(Ok(())));
    view! {
        <main class="sign-in">
            <div class="sign-in-card">
                <div class="sign-in-top">
                    <h1>{move || t().accept_title}</h1>
                    <LangSwitch />
                </div>
                <Suspense fallback=move || view! { <p>{move || t().loading}</p> }>
                    {move || {
                        link.get()
                            .map(|state| match state {
                                Ok(LinkState::Valid { firstname, email }) => {
                                    view! {
                                        <Show
                                            when=done
                                            fallback=move || {
                                                let (firstname, email) = (firstname.clone(), email.clone());
                                                accept_form(accept, token, firstname, email)
                                            }
                                        >
                                            {activated()}
                                        </Show>
                                    }
                                        .into_any()
                                }
                                Ok(LinkState::Suspended) => suspended_link().into_any(),
                                _ => unusable_link().into_any(),
                            })
                    }}
                </Suspense>
            </div>
        </main>
    }
    .into_any()
}

/// The learner chooses a password. Works before the wasm has loaded too (a plain POST).
fn accept_form(
    accept: ServerAction<AcceptInvitation>,
    token: Signal<String>,
    firstname: String,
    email: String,
) -> impl IntoView {
    let lang = use_lang();
    let t = move || invitation_texts(lang.get());
    let error = move || match accept.value().get() {
        Some(Err(err)) => Some(err.message(lang.get())),
        _ => None,
    };
    view! {
        <p>{move || (t().accept_intro)(&firstname, &email)}</p>
        <PostForm
            action=accept
            arguments=|f| AcceptInvitation { token: f.text("token"), password: f.text("password") }
        >
            <input type="hidden" name="token" value=token />
            <label for="new-password">{move || t().new_password}</label>
            <input
                id="new-password"
                type="password"
                name="password"
                autocomplete="new-password"
                minlength=MIN_PASSWORD_CHARS.to_string()
                aria-describedby="password-hint"
                required
            />
            <p id="password-hint" class="muted">
                {move || (t().password_hint)(MIN_PASSWORD_CHARS)}
            </p>
            {move || error().map(|m| view! { <p class="form-error" role="alert">{m}</p> })}
            <button type="submit" class="primary">
                {move || t().activate}
            </button>
        </PostForm>
    }
}

/// The account is active: on to the learner's sign-in.
fn activated() -> impl IntoView {
    let lang = use_lang();
    let t = move || invitation_texts(lang.get());
    view! {
        <p role="status" class="banner banner-ok">{move || t().activated}</p>
        <p>
            <a href="/learn/sign-in">{move || t().go_sign_in}</a>
        </p>
    }
}

/// Expired, used, or replaced by a newer invitation: signing in sends a fresh one.
fn unusable_link() -> impl IntoView {
    let lang = use_lang();
    let t = move || invitation_texts(lang.get());
    view! {
        <h2>{move || t().unusable_title}</h2>
        <p>{move || t().unusable_text}</p>
        <p>
            <a href="/learn/sign-in">{move || t().go_sign_in}</a>
        </p>
    }
}

/// A live link of a learner suspended since: it does not work, and no new invitation would come.
fn suspended_link() -> impl IntoView {
    let lang = use_lang();
    let t = move || invitation_texts(lang.get());
    view! {
        <h2>{move || t().unusable_title}</h2>
        <p id="link-suspended">{move || t().suspended}</p>
    }
}

#[component]
pub fn LearnerSignInPage() -> impl IntoView {
    let lang = use_lang();
    let t = move || invitation_texts(lang.get());
    let action = ServerAction::<LearnerSignIn>::new();
    let answer = move || {
        action.value().get().map(|result| match result {
            Ok(LearnerAnswer::Welcome { firstname }) => (t().welcome)(&firstname),
            Ok(LearnerAnswer::CheckYourInbox) => t().check_inbox.to_owned(),
            Ok(LearnerAnswer::Suspended) => t().suspended.to_owned(),
            Err(err) => err.message(lang.get()),
        })
    };
    view! {
        <main class="sign-in">
            <div class="sign-in-card">
                <div class="sign-in-top">
                    <h1>{move || t().learner_sign_in_title}</h1>
                    <LangSwitch />
                </div>
                <p>{move || t().learner_sign_in_intro}</p>
                <PostForm
                    action
                    arguments=|f| LearnerSignIn { email: f.text("email"), password: f.text("password") }
                >
                    <label for="learner-email">{move || t().email}</label>
                    <input id="learner-email" type="email" name="email" autocomplete="username" required />
                    <label for="learner-password">{move || t().password}</label>
                    <input
                        id="learner-password"
                        type="password"
                        name="password"
                        autocomplete="current-password"
                        required
                    />
                    <button type="submit" class="primary" disabled=move || action.pending().get()>
                        {move || t().sign_in}
                    </button>
                </PostForm>
                {move || answer().map(|m| view! { <p role="status" class="banner banner-ok" id="learner-answer">{m}</p> })}
            </div>
        </main>
    }
    .into_any()
}
