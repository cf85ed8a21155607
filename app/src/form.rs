//! Forms that work before the app's code has loaded and better once it has. Until the wasm runs, the form is a plain
//! POST to its server function, which answers with a redirect (an error comes back in the address, see
//! `pages::Address::form_error`). Once it runs, submitting dispatches the server action, so the page updates in
//! place. Leptos's `ActionForm` does the same but turns the fields into arguments with a generic query-string
//! parser; here each form names its own fields, which keeps that parser out of the wasm bundle
//! (docs/benchmarks.md).

use leptos::prelude::*;
use leptos::server_fn::ServerFn;

/// The submitted form's fields, by name.
pub struct Fields(web_sys::FormData);

impl Fields {
    /// The text of the field `name`, empty if the form has none.
    pub fn text(&self, name: &str) -> String {
        self.0.get(name).as_string().unwrap_or_default()
    }
}

/// A form posting to the server function of `action`; `arguments` builds the call from the submitted fields.
#[component]
pub fn PostForm<S>(action: ServerAction<S>, arguments: fn(&Fields) -> S, children: Children) -> impl IntoView
where
    S: ServerFn + Clone + Send + Sync + 'static,
    S::Output: Send + Sync + 'static,
    S::Error: Send + Sync + 'static,
{
    let on_submit = move |ev: leptos::ev::SubmitEvent| {
        use wasm_bindgen::JsCast;
        let Some(form) = ev.target().and_then(|t| t.dyn_into::<web_sys::HtmlFormElement>().ok()) else { return };
        // Without its fields, the browser's own POST still works: let it happen.
        let Ok(data) = web_sys::FormData::new_with_form(&form) else { return };
        ev.prevent_default();
        action.dispatch(arguments(&Fields(data)));
    };
    view! {
        <form method="post" action=S::url() on:submit=on_submit>
            {children()}
        </form>
    }
}
