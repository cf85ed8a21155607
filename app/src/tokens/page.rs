//! The API tokens page: the tokens with their state and last use, and Revoke behind a confirmation dialog; the
//! form that creates one (its secret then shown once, with Copy) is `create.rs`.

use leptos::html;
use leptos::prelude::*;
use rules::Catalog;

use super::create::{CreateForm, SecretBox};
use super::texts::TokenTexts;
use super::{list_tokens, CreateToken, RevokeToken, TokenRow};
use crate::history::when;
use crate::i18n::{use_lang, use_texts};
use crate::import::panel::show_modal_while;
use crate::top_bar::top_bar;

/// A token's state, as its row shows it.
#[derive(Clone, Copy)]
enum State {
    Live,
    Expired,
    Revoked,
}

impl State {
    fn of(row: &TokenRow) -> State {
        if row.revoked_at.is_some() {
            State::Revoked
        } else if row.live {
            State::Live
        } else {
            State::Expired
        }
    }

    fn class(self) -> &'static str {
        match self {
            State::Live => "status status-active",
            State::Expired => "status status-expired",
            State::Revoked => "status status-revoked",
        }
    }

    fn label(self, t: &TokenTexts) -> &'static str {
        match self {
            State::Live => t.live,
            State::Expired => t.expired,
            State::Revoked => t.revoked,
        }
    }
}

#[component]
pub fn TokensPage() -> impl IntoView {
    let lang = use_lang();
    let t = move || TokenTexts::of(lang.get());
    let texts = use_texts();
    let create = ServerAction::<CreateToken>::new();
    let revoke = ServerAction::<RevokeToken>::new();
    let tokens = Resource::new(move || (create.version().get(), revoke.version().get()), |_| list_tokens());
    let revoking = RwSignal::new(None::<TokenRow>);
    let notice = RwSignal::new(None::<String>);
    // The last secret made on this page, kept apart from the action's value so that a later failed attempt does
    // not hide it before it was copied.
    let secret = RwSignal::new(None::<String>);
    Effect::new(move |_| {
        if let Some(Ok(new)) = create.value().get() {
            secret.set(Some(new.secret));
        }
    });
    view! {
        {top_bar()}
        <main class="history-page tokens-page">
            <div class="page-head">
                <h1>{move || t().title}</h1>
                <a href="/">{move || crate::history::texts::HistoryTexts::of(lang.get()).back_to_users}</a>
            </div>
            <p class="intro">{move || t().intro}</p>
            <CreateForm create />
            {move || secret.get().map(|secret| view! { <SecretBox secret /> })}
            {move || notice.get().map(|n| view! { <p class="notice" role="status" id="token-notice">{n}</p> })}
            <section aria-labelledby="tokens-title">
                <h2 id="tokens-title">{move || t().list_title}</h2>
                <Transition fallback=move || view! { <p class="loading">{move || texts().loading}</p> }>
                    {move || {
                        tokens.get().map(|answer| match answer {
                            Ok(rows) if rows.is_empty() => view! { <p class="empty">{move || t().none}</p> }.into_any(),
                            Ok(rows) => token_table(rows, revoking).into_any(),
                            Err(e) => view! { <p class="form-error" role="alert">{e.message(lang.get())}</p> }.into_any(),
                        })
                    }}
                </Transition>
            </section>
            <RevokeDialog revoke revoking notice />
        </main>
    }
}

fn token_table(rows: Vec<TokenRow>, revoking: RwSignal<Option<TokenRow>>) -> impl IntoView {
    let lang = use_lang();
    let t = move || TokenTexts::of(lang.get());
    view! {
        <table class="history tokens">
            <thead>
                <tr>
                    <th scope="col">{move || t().col_name}</th>
                    <th scope="col">{move || t().col_admin}</th>
                    <th scope="col">{move || t().col_created}</th>
                    <th scope="col">{move || t().col_expires}</th>
                    <th scope="col">{move || t().col_last_used}</th>
                    <th scope="col">{move || t().col_state}</th>
                    <th scope="col"><span class="visually-hidden">{move || t().revoke}</span></th>
                </tr>
            </thead>
            <tbody>
                {rows
                    .into_iter()
                    .map(|row| {
                        let expires = row.expires_at.clone();
                        let last_used = row.last_used_at.clone();
                        let state = State::of(&row);
                        let for_revoke = row.clone();
                        view! {
                            <tr data-token-id={row.id.to_string()}>
                                <td class="token-name">{row.name.clone()}</td>
                                <td>{row.admin.clone()}</td>
                                <td><time datetime=row.created_at.clone()>{when(&row.created_at)}</time></td>
                                <td>
                                    {match expires {
                                        Some(at) => view! { <time datetime=at.clone()>{when(&at)}</time> }.into_any(),
                                        None => view! { <span class="muted">{move || t().no_expiry}</span> }.into_any(),
                                    }}
                                </td>
                                <td>
                                    {match last_used {
                                        Some(at) => view! { <time datetime=at.clone()>{when(&at)}</time> }.into_any(),
                                        None => view! { <span class="muted">{move || t().never_used}</span> }.into_any(),
                                    }}
                                </td>
                                <td>
                                    <span class=state.class()>{move || state.label(t())}</span>
                                </td>
                                <td class="actions">
                                    {row.live.then(|| {
                                        let name = row.name.clone();
                                        view! {
                                            <button
                                                type="button"
                                                class="link-button revoke-token"
                                                aria-haspopup="dialog"
                                                on:click=move |_| revoking.set(Some(for_revoke.clone()))
                                            >
                                                {move || t().revoke}
                                                <span class="visually-hidden">" " {name}</span>
                                            </button>
                                        }
                                    })}
                                </td>
                            </tr>
                        }
                    })
                    .collect_view()}
            </tbody>
        </table>
    }
}

/// "Revoke “SIS nightly”?", saying that it cannot be undone; then Revoke or Cancel. A native modal `<dialog>`: the
/// page behind is inert, Tab stays inside and Escape closes it.
#[component]
fn RevokeDialog(
    revoke: ServerAction<RevokeToken>,
    revoking: RwSignal<Option<TokenRow>>,
    notice: RwSignal<Option<String>>,
) -> impl IntoView {
    let lang = use_lang();
    let t = move || TokenTexts::of(lang.get());
    let dialog = NodeRef::<html::Dialog>::new();
    Effect::new(move |_| show_modal_while(dialog.get(), revoking.with(Option::is_some)));
    let name = move || revoking.with(|r| r.as_ref().map(|r| r.name.clone()).unwrap_or_default());
    Effect::new(move |_| {
        if let Some(Ok(())) = revoke.value().get() {
            let name = untrack(name);
            notice.set(Some((TokenTexts::of(lang.get_untracked()).revoke_done)(&name)));
            revoking.set(None);
        }
    });
    // A refusal shows in the dialog while it is open (the token may have been revoked meanwhile elsewhere).
    let error = move || revoke.value().get().and_then(Result::err).map(|e| e.message(lang.get()));
    view! {
        <dialog
            id="revoke-dialog"
            class="dialog"
            role="alertdialog"
            aria-labelledby="revoke-dialog-title"
            aria-describedby="revoke-dialog-text"
            node_ref=dialog
            on:close=move |_| revoking.set(None)
        >
            <h3 id="revoke-dialog-title">{move || (t().revoke_title)(&name())}</h3>
            <p id="revoke-dialog-text">{move || t().revoke_text}</p>
            {move || error().map(|e| view! { <p class="form-error" role="alert">{e}</p> })}
            <div class="dialog-actions">
                <button
                    type="button"
                    class="danger"
                    id="revoke-confirm"
                    disabled=move || revoke.pending().get()
                    on:click=move |_| {
                        if let Some(row) = revoking.get_untracked() {
                            revoke.dispatch(RevokeToken { id: row.id });
                        }
                    }
                >
                    {move || t().revoke}
                </button>
                // The safe choice has the focus when the dialog opens: Enter alone never revokes.
                <button type="button" autofocus on:click=move |_| revoking.set(None)>
                    {move || t().cancel}
                </button>
            </div>
        </dialog>
    }
}
