//! The bar at the top of every admin page: the portal's name, the main pages (Users, Groups), the language switch,
//! the admin's email and Sign out.

use leptos::prelude::*;

use crate::auth::{current_admin, SignOut};
use crate::form::PostForm;
use crate::i18n::{use_texts, LangSwitch};

/// The bar at the top: the portal's name, the main pages, the language switch, the admin's email and Sign out.
pub fn top_bar() -> impl IntoView {
    let texts = use_texts();
    let lang = crate::i18n::use_lang();
    let groups_texts = move || <crate::groups::texts::GroupTexts as rules::Catalog>::of(lang.get());
    // The link to the page being shown says so (`aria-current`), read once from the address.
    let path = crate::pages::Address::current().path().to_owned();
    let current = move |href: &str| (path == href).then_some("page");
    let admin = Resource::new(|| (), |_| current_admin());
    let sign_out = ServerAction::<SignOut>::new();
    view! {
        <header class="top-bar">
            <div class="top-bar-left">
                <span class="brand">{move || texts().app_title}</span>
                <nav class="top-nav" aria-label=move || texts().app_title>
                    <a href="/" id="nav-users" aria-current=current("/")>{move || texts().users_title}</a>
                    <a href="/groups" id="nav-groups" aria-current=current("/groups")>{move || groups_texts().open}</a>
                </nav>
            </div>
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
