//! The admin app: pages and components by feature (`auth`, `users`, `import`, `history`, `invitations`), each with the thin
//! server functions it calls (authorise, call one `service` function, map the error). The server-only parts are
//! behind the `ssr` feature; the use cases themselves live in the `service` crate.

pub mod activity;
pub mod admins;
pub mod auth;
pub mod error;
pub mod form;
pub mod groups;
pub mod history;
pub mod i18n;
pub mod import;
pub mod invitations;
mod pager;
pub mod pages;
#[cfg(feature = "ssr")]
mod respond;
#[cfg(feature = "ssr")]
pub mod state;
pub mod tokens;
mod top_bar;
pub mod users;

use leptos::prelude::*;
use leptos_meta::{provide_meta_context, HashedStylesheet, Link, MetaTags, Title};

use crate::auth::SignInPage;
use crate::i18n::{provide_lang, use_texts};
use crate::pages::{Address, Page};
use crate::users::UsersPage;

#[cfg(feature = "ssr")]
pub use respond::respond;

/// The HTML document the server renders around the app.
pub fn shell(options: LeptosOptions) -> impl IntoView {
    let lang = i18n::lang_from_request();
    view! {
        <!DOCTYPE html>
        <html lang=lang.code()>
            <head>
                <meta charset="utf-8" />
                <meta name="viewport" content="width=device-width, initial-scale=1" />
                <AutoReload options=options.clone() />
                // The stylesheet's name carries its content's hash in a release build (`assets::HASHED` on the
                // server); the shell is rendered on the server only, where `hash.txt` can be read.
                <HashedStylesheet options=options.clone() id="leptos" />
                <HydrationScripts options />
                <MetaTags />
            </head>
            <body>
                <App />
            </body>
        </html>
    }
}

#[component]
pub fn App() -> impl IntoView {
    provide_meta_context();
    provide_lang();
    // Read once: the address chooses the page and may carry a no-JavaScript form's error.
    let address = Address::current();
    if let Some(error) = address.form_error() {
        provide_context(error);
    }
    let texts = use_texts();

    view! {
        <Link rel="icon" href="/favicon.svg" />
        <Title text=move || texts().app_title />
        {match address.page() {
            Page::Users { view } => view! { <UsersPage view /> }.into_any(),
            Page::History => view! { <history::HistoryPage /> }.into_any(),
            Page::Activity => view! { <activity::ActivityLogPage /> }.into_any(),
            Page::Admins => view! { <admins::AdminsPage /> }.into_any(),
            Page::Tokens => view! { <tokens::TokensPage /> }.into_any(),
            Page::Groups => view! { <groups::GroupsPage /> }.into_any(),
            Page::ImportDetail { id } => view! { <history::ImportDetailPage id /> }.into_any(),
            Page::SignIn { next } => view! { <SignInPage next /> }.into_any(),
            Page::Accept { token } => view! { <invitations::AcceptPage token /> }.into_any(),
            Page::AdminAccept { token } => view! { <admins::AdminAcceptPage token /> }.into_any(),
            Page::LearnerSignIn => view! { <invitations::LearnerSignInPage /> }.into_any(),
            Page::NotFound => view! { <NotFound /> }.into_any(),
        }}
    }
}

/// Any other address. The server answers it with a 404 status.
#[component]
fn NotFound() -> impl IntoView {
    #[cfg(feature = "ssr")]
    if let Some(response) = use_context::<leptos_axum::ResponseOptions>() {
        response.set_status(axum::http::StatusCode::NOT_FOUND);
    }
    let texts = use_texts();
    view! { <p class="not-found">{move || texts().not_found}</p> }
}
