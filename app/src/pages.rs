//! Which page a URL shows. The portal has four pages and every move between them is a full page load (a sign-in
//! or sign-out answers with a redirect), so the app chooses its page from the address instead of carrying a
//! client-side router: Leptos's router was 41 KB of the brotli-compressed wasm bundle (docs/benchmarks.md).

/// The axum paths the server renders the app for; any other path is a 404 with the "Page not found" page.
pub const PATHS: [&str; 4] = ["/", "/sign-in", "/invite/{token}", "/learn/sign-in"];

/// A page and what it reads from its address.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Page {
    Users,
    /// `next`: where to go after signing in (checked by the server before it redirects there).
    SignIn {
        next: String,
    },
    Accept {
        token: String,
    },
    LearnerSignIn,
    NotFound,
}

impl Page {
    /// The page for a path and its query string (without the `?`).
    pub fn from_address(path: &str, query: &str) -> Page {
        match path {
            "/" => Page::Users,
            "/sign-in" => Page::SignIn {
                next: form_urlencoded::parse(query.as_bytes())
                    .find(|(key, _)| key == "next")
                    .map(|(_, value)| value.into_owned())
                    .unwrap_or_default(),
            },
            "/learn/sign-in" => Page::LearnerSignIn,
            _ => match path.strip_prefix("/invite/") {
                Some(token) if !token.is_empty() && !token.contains('/') => Page::Accept { token: token.to_owned() },
                _ => Page::NotFound,
            },
        }
    }

    /// The page of the request being rendered (server) or of the address bar (browser).
    pub fn current() -> Page {
        let (path, query) = current_address();
        Page::from_address(&path, &query)
    }
}

/// A form posted before the app's code had loaded comes back to its page with the server function's error in the
/// address (`__err` and `__path`, Leptos's convention); put in context, it is the value of that form's server
/// action, so the page shows the message as if the form had been sent from the browser.
pub fn provide_form_error() {
    let (_, query) = current_address();
    if let Some(error) = form_error(&query) {
        leptos::prelude::provide_context(error);
    }
}

fn form_error(query: &str) -> Option<leptos::server::ServerActionError> {
    let (mut err, mut path) = (None, None);
    for (key, value) in form_urlencoded::parse(query.as_bytes()) {
        match &*key {
            "__err" => err = Some(value),
            "__path" => path = Some(value),
            _ => {}
        }
    }
    Some(leptos::server::ServerActionError::new(&path?, &err?))
}

/// The path and query string (without the `?`) of the request being rendered, or of the address bar.
fn current_address() -> (String, String) {
    #[cfg(feature = "ssr")]
    {
        let uri = leptos::prelude::use_context::<axum::http::request::Parts>().map(|parts| parts.uri);
        let path = uri.as_ref().map(|u| u.path().to_owned()).unwrap_or_else(|| "/".to_owned());
        (path, uri.as_ref().and_then(|u| u.query()).unwrap_or("").to_owned())
    }
    #[cfg(not(feature = "ssr"))]
    {
        let location = web_sys::window().map(|w| w.location());
        let path = location.as_ref().and_then(|l| l.pathname().ok()).unwrap_or_default();
        let search = location.as_ref().and_then(|l| l.search().ok()).unwrap_or_default();
        (path, search.strip_prefix('?').unwrap_or(&search).to_owned())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_path_shows_its_page() {
        assert_eq!(Page::from_address("/", ""), Page::Users);
        assert_eq!(Page::from_address("/learn/sign-in", ""), Page::LearnerSignIn);
        assert_eq!(Page::from_address("/invite/abc123", ""), Page::Accept { token: "abc123".into() });
        assert_eq!(Page::from_address("/sign-in", ""), Page::SignIn { next: String::new() });
    }

    #[test]
    fn the_sign_in_page_reads_next_decoded() {
        assert_eq!(
            Page::from_address("/sign-in", "lang=fr&next=%2F%3Fq%3Dana%20b"),
            Page::SignIn { next: "/?q=ana b".into() }
        );
    }

    #[test]
    fn a_form_error_comes_from_the_address() {
        let error = form_error("__path=%2Fapi%2Fsign_in&__err=wrong%20password&next=%2F").expect("an error");
        assert_eq!((error.path(), error.err()), ("/api/sign_in", "wrong password"));
        assert!(form_error("next=%2F").is_none());
        assert!(form_error("__err=x").is_none(), "an error without its form is not shown");
    }

    #[test]
    fn unknown_paths_are_not_found() {
        for path in ["/users", "/invite/", "/invite/a/b", "/sign-in/x", ""] {
            assert_eq!(Page::from_address(path, ""), Page::NotFound, "{path}");
        }
    }

    #[test]
    fn the_server_renders_every_page_path() {
        // PATHS and from_address must agree: each axum path (with a sample token) is a page, not NotFound.
        for path in PATHS {
            assert_ne!(Page::from_address(&path.replace("{token}", "t"), ""), Page::NotFound, "{path}");
        }
    }
}
