//! Which page a URL shows. The portal has eleven pages and every move between them is a full page load (a sign-in
//! or sign-out answers with a redirect), so the app chooses its page from the address instead of carrying a
//! client-side router: Leptos's router was 41 KB of the brotli-compressed wasm bundle (docs/benchmarks.md).

/// The axum paths the server renders the app for; any other path is a 404 with the "Page not found" page.
pub const PATHS: [&str; 11] = [
    "/",
    "/sign-in",
    "/invite/{token}",
    "/admin-invite/{token}",
    "/learn/sign-in",
    "/imports",
    "/imports/{id}",
    "/activity",
    "/admins",
    "/tokens",
    "/groups",
];

/// A page and what it reads from its address.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Page {
    /// The list's view: search, filters, sort and page (`/?q=dupont&sort=name`, see `users::address`).
    Users {
        view: domain::UserQuery,
    },
    /// The import history.
    History,
    /// The activity log.
    Activity,
    /// The admins, one's password and sessions.
    Admins,
    /// The API tokens.
    Tokens,
    /// The groups, with rename and delete.
    Groups,
    /// One import's page.
    ImportDetail {
        id: i64,
    },
    /// `next`: where to go after signing in (checked by the server before it redirects there).
    SignIn {
        next: String,
    },
    Accept {
        token: String,
    },
    /// An invited admin's accept page.
    AdminAccept {
        token: String,
    },
    LearnerSignIn,
    NotFound,
}

/// The address being shown, read once: the request's on the server, the address bar's in the browser.
pub struct Address {
    path: String,
    /// The query string, without the `?`.
    query: String,
}

impl Address {
    pub fn new(path: &str, query: &str) -> Self {
        Address { path: path.to_owned(), query: query.to_owned() }
    }

    pub fn current() -> Self {
        #[cfg(feature = "ssr")]
        {
            let uri = leptos::prelude::use_context::<axum::http::request::Parts>().map(|parts| parts.uri);
            Address::new(
                uri.as_ref().map(|u| u.path()).unwrap_or("/"),
                uri.as_ref().and_then(|u| u.query()).unwrap_or(""),
            )
        }
        #[cfg(not(feature = "ssr"))]
        {
            let location = web_sys::window().map(|w| w.location());
            let path = location.as_ref().and_then(|l| l.pathname().ok()).unwrap_or_default();
            let search = location.as_ref().and_then(|l| l.search().ok()).unwrap_or_default();
            Address::new(&path, search.strip_prefix('?').unwrap_or(&search))
        }
    }

    /// The path, without the query.
    pub fn path(&self) -> &str {
        &self.path
    }

    /// The page this address shows.
    pub fn page(&self) -> Page {
        match self.path.as_str() {
            "/" => Page::Users { view: crate::users::address::from_query(&self.query) },
            "/imports" => Page::History,
            "/activity" => Page::Activity,
            "/admins" => Page::Admins,
            "/tokens" => Page::Tokens,
            "/groups" => Page::Groups,
            "/sign-in" => Page::SignIn { next: self.param("next").unwrap_or_default() },
            "/learn/sign-in" => Page::LearnerSignIn,
            path => {
                if let Some(token) = path.strip_prefix("/invite/").filter(|t| !t.is_empty() && !t.contains('/')) {
                    Page::Accept { token: token.to_owned() }
                } else if let Some(token) =
                    path.strip_prefix("/admin-invite/").filter(|t| !t.is_empty() && !t.contains('/'))
                {
                    Page::AdminAccept { token: token.to_owned() }
                } else if let Some(id) = path.strip_prefix("/imports/").and_then(|id| id.parse().ok()) {
                    Page::ImportDetail { id }
                } else {
                    Page::NotFound
                }
            }
        }
    }

    /// A form posted before the app's code had loaded comes back to its page with the server function's error in
    /// the address (`__err` and `__path`, Leptos's convention). Put in context, it is the value of that form's
    /// server action, so the page shows the message as if the form had been sent from the browser.
    pub fn form_error(&self) -> Option<leptos::server::ServerActionError> {
        Some(leptos::server::ServerActionError::new(&self.param("__path")?, &self.param("__err")?))
    }

    /// The decoded value of the query parameter `name`.
    fn param(&self, name: &str) -> Option<String> {
        form_urlencoded::parse(self.query.as_bytes()).find(|(key, _)| key == name).map(|(_, value)| value.into_owned())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_path_shows_its_page() {
        assert_eq!(Address::new("/", "").page(), Page::Users { view: domain::UserQuery::default() });
        let of_import = domain::UserQuery { import: Some(12), ..Default::default() };
        assert_eq!(Address::new("/", "import=12").page(), Page::Users { view: of_import });
        assert_eq!(Address::new("/imports", "").page(), Page::History);
        assert_eq!(Address::new("/tokens", "").page(), Page::Tokens);
        assert_eq!(Address::new("/groups", "").page(), Page::Groups);
        let of_group = domain::UserQuery { group: Some(3), ..Default::default() };
        assert_eq!(Address::new("/", "group=3").page(), Page::Users { view: of_group });
        assert_eq!(Address::new("/imports/7", "").page(), Page::ImportDetail { id: 7 });
        assert_eq!(Address::new("/learn/sign-in", "").page(), Page::LearnerSignIn);
        assert_eq!(Address::new("/invite/abc123", "").page(), Page::Accept { token: "abc123".into() });
        assert_eq!(Address::new("/admin-invite/abc123", "").page(), Page::AdminAccept { token: "abc123".into() });
        assert_eq!(Address::new("/sign-in", "").page(), Page::SignIn { next: String::new() });
    }

    #[test]
    fn the_sign_in_page_reads_next_decoded() {
        assert_eq!(
            Address::new("/sign-in", "lang=fr&next=%2F%3Fq%3Dana%20b").page(),
            Page::SignIn { next: "/?q=ana b".into() }
        );
    }

    #[test]
    fn a_form_error_comes_from_the_address() {
        let form_error = |query: &str| Address::new("/sign-in", query).form_error();
        let error = form_error("__path=%2Fapi%2Fsign_in&__err=wrong%20password&next=%2F").expect("an error");
        assert_eq!((error.path(), error.err()), ("/api/sign_in", "wrong password"));
        assert!(form_error("next=%2F").is_none());
        assert!(form_error("__err=x").is_none(), "an error without its form is not shown");
    }

    #[test]
    fn unknown_paths_are_not_found() {
        for path in [
            "/users",
            "/invite/",
            "/invite/a/b",
            "/admin-invite/",
            "/admin-invite/a/b",
            "/sign-in/x",
            "",
            "/imports/x",
            "/imports/1/2",
        ] {
            assert_eq!(Address::new(path, "").page(), Page::NotFound, "{path}");
        }
    }

    #[test]
    fn the_server_renders_every_page_path() {
        // PATHS and Address::page must agree: each axum path (with a sample token) is a page, not NotFound.
        for path in PATHS {
            let path = path.replace("{token}", "t").replace("{id}", "1");
            assert_ne!(Address::new(&path, "").page(), Page::NotFound, "{path}");
        }
    }
}
