//! The admin interface's two languages. Every text the admin reads is a field of [`Texts`], so a missing
//! translation is a compile error rather than an English word in a French page. The choice is remembered in a
//! `lang` cookie, read by the server when it renders and by the browser when it switches.

use leptos::prelude::*;

/// One language type for the whole interface: the rules' messages and the app's texts switch together.
pub use rules::Lang;

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
        <div class="lang-switch" role="group" aria-label="Language / Langue">
            <button
                type="button"
                aria-pressed=move || (lang.get() == Lang::En).to_string()
                on:click=move |_| choose(Lang::En)
                aria-label="English"
                lang="en"
            >
                "EN"
            </button>
            <button
                type="button"
                aria-pressed=move || (lang.get() == Lang::Fr).to_string()
                on:click=move |_| choose(Lang::Fr)
                aria-label="Français"
                lang="fr"
            >
                "FR"
            </button>
        </div>
    }
}

pub struct Texts {
    pub app_title: &'static str,
    pub sign_in_title: &'static str,
    pub sign_in_intro: &'static str,
    pub email_label: &'static str,
    pub password_label: &'static str,
    pub sign_in_button: &'static str,
    pub signing_in: &'static str,
    pub sign_out: &'static str,
    pub users_title: &'static str,
    pub search_label: &'static str,
    pub search_placeholder: &'static str,
    pub add_users: &'static str,
    pub no_users: &'static str,
    pub no_match: &'static str,
    pub col_name: &'static str,
    pub col_email: &'static str,
    pub col_identifier: &'static str,
    pub col_country: &'static str,
    pub col_language: &'static str,
    pub col_status: &'static str,
    pub col_invitation: &'static str,
    pub col_created: &'static str,
    pub next_page: &'static str,
    pub previous_page: &'static str,
    pub first_page: &'static str,
    pub status_pending: &'static str,
    pub status_active: &'static str,
    pub loading: &'static str,
    pub invitation_none: &'static str,
    pub invitation_not_sent: &'static str,
    pub invitation_queued: &'static str,
    pub invitation_sent: &'static str,
    pub invitation_failed: &'static str,
    pub resend: &'static str,
    pub resend_failed: &'static str,
    pub resent: fn(u32) -> String,
}

pub fn texts(lang: Lang) -> &'static Texts {
    match lang {
        Lang::En => &EN,
        Lang::Fr => &FR,
    }
}

static EN: Texts = Texts {
    app_title: "Learners — Admin",
    sign_in_title: "Sign in",
    sign_in_intro: "Sign in with your administrator account.",
    email_label: "Email",
    password_label: "Password",
    sign_in_button: "Sign in",
    signing_in: "Signing in…",
    sign_out: "Sign out",
    users_title: "Users",
    search_label: "Search users",
    search_placeholder: "Name, email or identifier",
    add_users: "Add users",
    no_users: "No users yet. Use “Add users” to import them from a CSV file.",
    no_match: "No user matches this search.",
    col_name: "Name",
    col_email: "Email",
    col_identifier: "Identifier",
    col_country: "Country",
    col_language: "Language",
    col_status: "Status",
    col_invitation: "Invitation",
    col_created: "Created",
    next_page: "Next page",
    previous_page: "Previous page",
    first_page: "First page",
    status_pending: "Pending",
    status_active: "Active",
    loading: "Loading…",
    invitation_none: "—",
    invitation_not_sent: "Not sent",
    invitation_queued: "Queued",
    invitation_sent: "Sent",
    invitation_failed: "Failed",
    resend: "Resend invitation",
    resend_failed: "Resend all failed invitations",
    resent: |n| format!("{n} invitation{} queued again.", if n == 1 { "" } else { "s" }),
};

static FR: Texts = Texts {
    app_title: "Apprenants — Administration",
    sign_in_title: "Connexion",
    sign_in_intro: "Connectez-vous avec votre compte administrateur.",
    email_label: "Adresse e-mail",
    password_label: "Mot de passe",
    sign_in_button: "Se connecter",
    signing_in: "Connexion…",
    sign_out: "Se déconnecter",
    users_title: "Utilisateurs",
    search_label: "Rechercher des utilisateurs",
    search_placeholder: "Nom, e-mail ou identifiant",
    add_users: "Ajouter des utilisateurs",
    no_users:
        "Aucun utilisateur pour l’instant. Utilisez « Ajouter des utilisateurs » pour les importer d’un fichier CSV.",
    no_match: "Aucun utilisateur ne correspond à cette recherche.",
    col_name: "Nom",
    col_email: "E-mail",
    col_identifier: "Identifiant",
    col_country: "Pays",
    col_language: "Langue",
    col_status: "Statut",
    col_invitation: "Invitation",
    col_created: "Créé le",
    next_page: "Page suivante",
    previous_page: "Page précédente",
    first_page: "Première page",
    status_pending: "En attente",
    status_active: "Actif",
    loading: "Chargement…",
    invitation_none: "—",
    invitation_not_sent: "Non envoyée",
    invitation_queued: "En file",
    invitation_sent: "Envoyée",
    invitation_failed: "Échec",
    resend: "Renvoyer l’invitation",
    resend_failed: "Renvoyer toutes les invitations en échec",
    resent: |n| {
        format!("{n} invitation{} remise{} en file.", if n > 1 { "s" } else { "" }, if n > 1 { "s" } else { "" })
    },
};

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lang_cookie_is_found_among_others() {
        assert_eq!(lang_from_cookie_header("a=1; lang=fr; b=2"), Some(Lang::Fr));
        assert_eq!(lang_from_cookie_header("session=x"), None);
        assert_eq!(lang_from_cookie_header("lang=de"), None);
    }
}
