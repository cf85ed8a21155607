//! The API tokens page's create form: name and lifetime, Create, then the new token's secret shown once with
//! Copy.

use leptos::html;
use leptos::prelude::*;
use rules::Catalog;

use super::texts::TokenTexts;
use super::CreateToken;
use crate::i18n::use_lang;

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

/// Name, expiry, Create. The name is cleared once the token is made, so a second one is not made by mistake.
#[component]
pub(super) fn CreateForm(create: ServerAction<CreateToken>) -> impl IntoView {
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
pub(super) fn SecretBox(secret: String) -> impl IntoView {
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
