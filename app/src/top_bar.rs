//! The bar at the top of every admin page: the portal's name, the language switch, the admin's email and Sign
//! out.

use leptos::prelude::*;

use crate::auth::{current_admin, SignOut};
use crate::form::PostForm;
use crate::i18n::{use_texts, LangSwitch};

/// The bar at the top: the portal's name, the language switch, the admin's email and Sign out.
pub fn top_bar() -> impl IntoView {
    let texts = use_texts();
    let admin = Resource::new(|| (), |_| current_admin());
    let sign_out = ServerAction::<SignOut>::new();
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
    }
}
