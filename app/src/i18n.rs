//! The admin interface's languages ([`Lang::ALL`]). Every text the admin reads is a field of a catalog
//! ([`rules::Catalog`]: [`Texts`] here, the import panel's, the learner pages', the errors', the rules' messages),
//! with one file per language, so a missing translation is a compile error rather than an English word in a German
//! page. The choice is remembered in a `lang` cookie, read by the server when it renders and by the browser when
//! it switches.

mod texts;

use leptos::prelude::*;
use rules::Catalog;

/// One language type for the whole interface: the rules' messages and the app's texts switch together.
pub use rules::Lang;
pub use texts::Texts;

/// The interface's texts in `lang`.
pub fn texts(lang: Lang) -> &'static Texts {
    Texts::of(lang)
}

/// The `lang` cookie's value in a `Cookie` header, if any.
pub fn lang_from_cookie_header(header: &str) -> Option<Lang> {
    header.split(';').filter_map(|pair| pair.trim().strip_prefix("lang=")).find_map(Lang::from_code)
}

/// The language of the request being rendered (server) or of the page (browser).
pub fn lang_from_request() -> Lang {
    #[cfg(feature = "ssr")]
    {
        use_context::<axum::http::request::Parts>()
            .and_then(|parts| {
                parts
                    .headers
                    .get(axum::http::header::COOKIE)
                    .and_then(|v| v.to_str().ok())
                    .and_then(lang_from_cookie_header)
            })
            .unwrap_or_default()
    }
    #[cfg(not(feature = "ssr"))]
    {
        use wasm_bindgen::JsCast;
        web_sys::window()
            .and_then(|w| w.document())
            .and_then(|d| d.dyn_into::<web_sys::HtmlDocument>().ok())
            .and_then(|d| d.cookie().ok())
            .and_then(|c| lang_from_cookie_header(&c))
            .unwrap_or_default()
    }
}

/// Puts the admin's language in context, as a signal the language switch changes.
pub fn provide_lang() {
    provide_context(RwSignal::new(lang_from_request()));
}

pub fn use_lang() -> RwSignal<Lang> {
    use_context::<RwSignal<Lang>>().unwrap_or_else(|| RwSignal::new(Lang::En))
}

/// The texts of the current language, reactive.
pub fn use_texts() -> impl Fn() -> &'static Texts + Copy + Send + Sync + 'static {
    let lang = use_lang();
    move || texts(lang.get())
}

/// Switches the interface's language and remembers it for a year.
#[component]
pub fn LangSwitch() -> impl IntoView {
    let lang = use_lang();
    let choose = move |new: Lang| {
        lang.set(new);
        #[cfg(not(feature = "ssr"))]
        {
            use wasm_bindgen::JsCast;
            if let Some(doc) =
                web_sys::window().and_then(|w| w.document()).and_then(|d| d.dyn_into::<web_sys::HtmlDocument>().ok())
            {
                let _ = doc.set_cookie(&format!("lang={}; Path=/; Max-Age=31536000; SameSite=Lax", new.code()));
                if let Some(html) = doc.document_element() {
                    let _ = html.set_attribute("lang", new.code());
                }
            }
        }
    };
    view! {
        <div class="lang-switch" role="group" aria-label="Language / Langue / Sprache">
            {Lang::ALL
                .into_iter()
                .map(move |each| {
                    view! {
                        <button
                            type="button"
                            aria-pressed=move || (lang.get() == each).to_string()
                            on:click=move |_| choose(each)
                            aria-label=each.name()
                            lang=each.code()
                        >
                            {each.code().to_ascii_uppercase()}
                        </button>
                    }
                })
                .collect_view()}
        </div>
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lang_cookie_is_found_among_others() {
        assert_eq!(lang_from_cookie_header("a=1; lang=fr; b=2"), Some(Lang::Fr));
        assert_eq!(lang_from_cookie_header("session=x"), None);
        assert_eq!(lang_from_cookie_header("session=x; lang=de"), Some(Lang::De));
        assert_eq!(lang_from_cookie_header("lang=it"), None);
    }

    // Rendering to HTML needs the server's renderer.
    #[cfg(feature = "ssr")]
    #[test]
    fn the_language_switch_offers_every_language() {
        let html = Owner::new().with(|| view! { <LangSwitch /> }.to_html());
        for lang in Lang::ALL {
            assert!(html.contains(&format!("aria-label=\"{}\"", lang.name())), "{html}");
            assert!(html.contains(&format!("lang=\"{}\"", lang.code())), "{html}");
        }
        assert_eq!(html.matches("aria-pressed=\"true\"").count(), 1, "{html}");
    }
}
