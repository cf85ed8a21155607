//! The sign-in page. Works before the wasm has loaded too: the form posts to the server function directly.

use leptos::prelude::*;

use super::SignIn;
use crate::form::PostForm;
use crate::i18n::{use_lang, use_texts, LangSwitch};

/// `next`: the address to go back to after signing in, from the `next` query parameter.
#[component]
pub fn SignInPage(next: String) -> impl IntoView {
    let texts = use_texts();
    let lang = use_lang();
    let action = ServerAction::<SignIn>::new();
    let error = move || match action.value().get() {
        Some(Err(err)) => Some(err.message(lang.get())),
        _ => None,
    };

    view! {
        <main class="sign-in">
            <div class="sign-in-card">
                <div class="sign-in-top">
                    <h1>{move || texts().sign_in_title}</h1>
                    <LangSwitch />
                </div>
                <p>{move || texts().sign_in_intro}</p>
                <PostForm
                    action
                    arguments=|f| SignIn {
                        email: f.text("email"),
                        password: f.text("password"),
                        next: Some(f.text("next")).filter(|n| !n.is_empty()),
                    }
                >
                    <input type="hidden" name="next" value=next />
                    <label for="email">{move || texts().email_label}</label>
                    <input id="email" type="email" name="email" autocomplete="username" required autofocus />
                    <label for="password">{move || texts().password_label}</label>
                    <input
                        id="password"
                        type="password"
                        name="password"
                        autocomplete="current-password"
                        required
                    />
                    {move || {
                        error()
                            .map(|message| {
                                view! {
                                    <p class="form-error" role="alert">
                                        {message}
                                    </p>
                                }
                            })
                    }}
                    <button type="submit" class="primary" disabled=move || action.pending().get()>
                        {move || {
                            if action.pending().get() {
                                texts().signing_in
                            } else {
                                texts().sign_in_button
                            }
                        }}
                    </button>
                </PostForm>
            </div>
        </main>
    }
}
