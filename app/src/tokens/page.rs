//! The API tokens page: the form that creates a token (its secret then shown once, with Copy), the tokens with
//! their state and last use, and Revoke behind a confirmation dialog.

use leptos::html;
use leptos::prelude::*;
use rules::Catalog;

use super::texts::TokenTexts;
use super::{list_tokens, CreateToken, RevokeToken, TokenRow};
use crate::history::when;
use crate::i18n::{use_lang, use_texts};
use crate::import::panel::show_modal_while;
use crate::top_bar::top_bar;

/// The lifetimes offered before "a number of days" (the select's values; "" is never, "custom" asks for days).
const PRESET_DAYS: [u32; 3] = [30, 90, 365];
const CUSTOM: &str = "custom";

/// The lifetime the form asks for, in days (`None`: never expires). A number the browser let through but that is not
/// one (it checks `min`/`max` first) goes to the server as 0 days, which answers with the lifetime's message.
fn expires_in_days(expiry: &str, days: &str) -> Option<u32> {
    match expiry {
        "" => None,
        CUSTOM => Some(days.trim().parse().unwrap_or(0)),
        preset => Some(preset.parse().unwrap_or(0)),
    }
}

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
                <Transition fallback=move || view! { <p class="loading">{texts().loading}</p> }>
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

/// Name, expiry, Create. The name is cleared once the token is made, so a second one is not made by mistake.
#[component]
fn CreateForm(create: ServerAction<CreateToken>) -> impl IntoView {
    let lang = use_lang();
    let t = move || TokenTexts::of(lang.get());
    let name = RwSignal::new(String::new());
    let expiry = RwSignal::new(String::new());
    let days = RwSignal::new(String::new());
    Effect::new(move |_| {
        if let Some(Ok(_)) = create.value().get() {
            name.set(String::new());
        }
    });
    let error = move || create.value().get().and_then(Result::err);
    let name_invalid = move || matches!(error(), Some(crate::error::AppError::TokenName { .. }));
    let days_invalid = move || matches!(error(), Some(crate::error::AppError::TokenExpiry { .. }));
    let max_days = domain::MAX_TOKEN_EXPIRY_DAYS;
    // The secret can only be shown by the running app: until it runs, Create waits (a plain form post would make a
    // token nobody ever sees).
    let running = RwSignal::new(false);
    Effect::new(move |_| running.set(true));
    view! {
        <section class="import-summary" aria-labelledby="new-token-title">
            <h2 id="new-token-title">{move || t().new_title}</h2>
            <form
                class="token-form"
                on:submit=move |ev| {
                    ev.prevent_default();
                    create.dispatch(CreateToken {
                        name: name.get_untracked(),
                        expires_in_days: expires_in_days(&expiry.get_untracked(), &days.get_untracked()),
                    });
                }
            >
                <div class="form-field token-name">
                    <label for="token-name">{move || t().name}</label>
                    <input
                        id="token-name"
                        type="text"
                        name="name"
                        required
                        maxlength={domain::MAX_TOKEN_NAME_CHARS.to_string()}
                        autocomplete="off"
                        aria-describedby="token-name-hint"
                        aria-invalid=move || if name_invalid() { "true" } else { "false" }
                        prop:value=move || name.get()
                        on:input=move |ev| name.set(event_target_value(&ev))
                    />
                    <p class="field-hint" id="token-name-hint">{move || t().name_hint}</p>
                </div>
                <div class="form-field">
                    <label for="token-expiry">{move || t().expiry}</label>
                    <select
                        id="token-expiry"
                        name="expiry"
                        prop:value=move || expiry.get()
                        on:change=move |ev| expiry.set(event_target_value(&ev))
                    >
                        <option value="">{move || t().never}</option>
                        {PRESET_DAYS
                            .iter()
                            .map(|&d| view! { <option value={d.to_string()}>{move || (t().in_days)(d)}</option> })
                            .collect_view()}
                        <option value=CUSTOM>{move || t().custom}</option>
                    </select>
                    <p class="field-hint">" "</p>
                </div>
                {move || {
                    (expiry.get() == CUSTOM)
                        .then(|| {
                            view! {
                                <div class="form-field">
                                    <label for="token-days">{move || (t().days)(max_days)}</label>
                                    <input
                                        id="token-days"
                                        type="number"
                                        name="days"
                                        inputmode="numeric"
                                        min="1"
                                        max={max_days.to_string()}
                                        required
                                        aria-invalid=move || if days_invalid() { "true" } else { "false" }
                                        prop:value=move || days.get()
                                        on:input=move |ev| days.set(event_target_value(&ev))
                                    />
                                    <p class="field-hint">" "</p>
                                </div>
                            }
                        })
                }}
                <div class="form-field">
                    <button type="submit" class="primary" id="create-token" disabled=move || !running.get() || create.pending().get()>
                        {move || t().create}
                    </button>
                    <p class="field-hint">" "</p>
                </div>
            </form>
            {move || error().map(|e| view! { <p class="form-error" role="alert">{e.message(lang.get())}</p> })}
        </section>
    }
}

/// The secret, once: a read-only field (select and copy by hand works too), Copy, and the warning. Shown from the
/// action's answer, held only in this page's memory: leaving or reloading the page drops it.
#[component]
fn SecretBox(secret: String) -> impl IntoView {
    let lang = use_lang();
    let t = move || TokenTexts::of(lang.get());
    // None: not tried yet; then whether the clipboard took it.
    let copied = RwSignal::new(None::<bool>);
    let copy_button = NodeRef::<html::Button>::new();
    // The box takes the focus, so keyboard and screen reader users land on it and hear the warning.
    Effect::new(move |_| {
        if let Some(button) = copy_button.get() {
            request_animation_frame(move || {
                let _ = button.focus();
            });
        }
    });
    let to_copy = secret.clone();
    view! {
        <section class="secret-box" aria-labelledby="secret-title" aria-describedby="secret-warning">
            <h2 id="secret-title">{move || t().secret_title}</h2>
            <p id="secret-warning" class="secret-warning">
                <strong>{move || t().secret_warning}</strong>
            </p>
            // Focused, the field selects the whole token, ready to copy by hand.
            <div class="secret-row">
                <label for="token-secret" class="visually-hidden">{move || t().secret_label}</label>
                <input
                    id="token-secret"
                    type="text"
                    readonly
                    spellcheck="false"
                    autocomplete="off"
                    value=secret
                    on:focus=select_all
                />
                <button
                    type="button"
                    id="copy-token"
                    node_ref=copy_button
                    on:click=move |_| copy_to_clipboard(to_copy.clone(), copied)
                >
                    {move || t().copy}
                </button>
            </div>
            <p class="copy-state" role="status">
                {move || match copied.get() {
                    Some(true) => t().copied,
                    Some(false) => t().copy_failed,
                    None => "",
                }}
            </p>
        </section>
    }
}

/// Selects the whole field that took the focus.
fn select_all(ev: leptos::ev::FocusEvent) {
    event_target::<web_sys::HtmlInputElement>(&ev).select();
}

/// Writes `text` to the clipboard (`navigator.clipboard`), then says whether it worked.
fn copy_to_clipboard(text: String, copied: RwSignal<Option<bool>>) {
    #[cfg(feature = "hydrate")]
    {
        let Some(window) = web_sys::window() else { return copied.set(Some(false)) };
        let promise = window.navigator().clipboard().write_text(&text);
        leptos::task::spawn_local(async move {
            let done = wasm_bindgen_futures::JsFuture::from(promise).await.is_ok();
            copied.set(Some(done));
        });
    }
    #[cfg(not(feature = "hydrate"))]
    {
        let _ = (text, copied);
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
