//! The invitation email in each language the portal writes it in, as a subject, a plain-text part and an HTML part,
//! rendered by askama from `templates/invitation/`: one file per language holds its sentences and its plural of
//! "day"; `text.txt` and `html.html` lay them out, the same for every language. Askama checks the templates when
//! the crate compiles and escapes every value in the HTML part, so names are data, never markup; lettre encodes
//! the headers, so a name cannot add a header or break the body. The admin invitation (`templates/admin_invitation/`,
//! [`render_admin`]) is laid out the same way, in the interface's three languages, and so is the notice to an
//! Active learner's old address that their sign-in email was changed (`templates/email_changed/`,
//! [`render_email_changed`]).

/// What one invitation says, filled in for one learner.
pub struct Invitation<'a> {
    pub firstname: &'a str,
    pub lastname: &'a str,
    /// The user's language (ISO 639-1); languages without a translation get English.
    pub language: &'a str,
    pub portal_name: &'a str,
    pub accept_url: &'a str,
    pub valid_days: i64,
}

pub struct Rendered {
    pub subject: String,
    pub text: String,
    pub html: String,
    /// The language actually used (`en` for an untranslated one).
    pub language: &'static str,
}

/// What the templates are given.
struct Values<'a> {
    /// The learner's first and last names, on one line.
    name: &'a str,
    /// The portal's name, on one line.
    portal: &'a str,
    url: &'a str,
    days: i64,
}

/// For each language, its file's three parts as askama templates (a block each: the subject and the text part are
/// not escaped, the HTML part is), and `render_in`, which renders the three in the language asked for.
macro_rules! languages {
    ($($code:ident => $path:literal),+ $(,)?) => {
        $(
            mod $code {
                #[derive(askama::Template)]
                #[template(path = $path, block = "subject", escape = "none")]
                pub(super) struct Subject<'a> {
                    pub portal: &'a str,
                }

                #[derive(askama::Template)]
                #[template(path = $path, block = "text", escape = "none")]
                pub(super) struct Text<'a> {
                    pub name: &'a str,
                    pub portal: &'a str,
                    pub url: &'a str,
                    pub days: i64,
                }

                #[derive(askama::Template)]
                #[template(path = $path, block = "html", escape = "html")]
                pub(super) struct Html<'a> {
                    pub lang: &'a str,
                    pub name: &'a str,
                    pub portal: &'a str,
                    pub url: &'a str,
                    pub days: i64,
                }
            }
        )+

        /// The languages the invitation is written in (the rules warn for the others), English first.
        pub const LANGUAGES: &[&str] = &[$(stringify!($code)),+];

        /// The subject, text and HTML in `language`, or in English (the first language) for an untranslated one;
        /// with the language used.
        fn render_in(language: &str, v: &Values) -> (&'static str, askama::Result<(String, String, String)>) {
            use askama::Template;
            let Values { name, portal, url, days } = *v;
            $(
                if language == stringify!($code) {
                    let lang = stringify!($code);
                    let parts = $code::Subject { portal }.render().and_then(|subject| {
                        let text = $code::Text { name, portal, url, days }.render()?;
                        let html = $code::Html { lang, name, portal, url, days }.render()?;
                        Ok((subject, text, html))
                    });
                    return (lang, parts);
                }
            )+
            render_in(LANGUAGES[0], v)
        }
    };
}

languages! {
    en => "invitation/en.jinja",
    fr => "invitation/fr.jinja",
    de => "invitation/de.jinja",
    it => "invitation/it.jinja",
    es => "invitation/es.jinja",
    nl => "invitation/nl.jinja",
    pt => "invitation/pt.jinja",
}

pub fn render(invitation: &Invitation) -> askama::Result<Rendered> {
    // Line breaks in a name (a quoted cell may hold one) must not shape the email.
    let name = one_line(&format!("{} {}", invitation.firstname, invitation.lastname));
    let portal = one_line(invitation.portal_name);
    let values = Values { name: &name, portal: &portal, url: invitation.accept_url, days: invitation.valid_days };
    let (language, parts) = render_in(invitation.language, &values);
    let (subject, text, html) = parts?;
    Ok(Rendered { subject, text, html, language })
}

/// What one admin invitation says: who invites, to which portal, and the link.
pub struct AdminInvitation<'a> {
    /// The inviting admin's email.
    pub inviter: &'a str,
    /// The inviting admin's interface language (`en`, `fr`, `de`); another gets English.
    pub language: &'a str,
    pub portal_name: &'a str,
    pub accept_url: &'a str,
    pub valid_days: i64,
}

/// The admin invitation's templates (`templates/admin_invitation/`), in the interface's languages: an invited
/// admin reads the email in the language of the admin who invited them.
macro_rules! admin_languages {
    ($($code:ident => $path:literal),+ $(,)?) => {
        mod admin {
            $(
                pub(super) mod $code {
                    #[derive(askama::Template)]
                    #[template(path = $path, block = "subject", escape = "none")]
                    pub(in super::super) struct Subject<'a> {
                        pub portal: &'a str,
                    }

                    #[derive(askama::Template)]
                    #[template(path = $path, block = "text", escape = "none")]
                    pub(in super::super) struct Text<'a> {
                        pub inviter: &'a str,
                        pub portal: &'a str,
                        pub url: &'a str,
                        pub days: i64,
                    }

                    #[derive(askama::Template)]
                    #[template(path = $path, block = "html", escape = "html")]
                    pub(in super::super) struct Html<'a> {
                        pub lang: &'a str,
                        pub inviter: &'a str,
                        pub portal: &'a str,
                        pub url: &'a str,
                        pub days: i64,
                    }
                }
            )+
        }

        /// The languages the admin invitation is written in (the interface's), English first.
        pub const ADMIN_LANGUAGES: &[&str] = &[$(stringify!($code)),+];

        /// The admin invitation in its language, or in English for another one.
        pub fn render_admin(invitation: &AdminInvitation) -> askama::Result<Rendered> {
            use askama::Template;
            let inviter = one_line(invitation.inviter);
            let portal = one_line(invitation.portal_name);
            let (inviter, portal) = (inviter.as_str(), portal.as_str());
            let (url, days) = (invitation.accept_url, invitation.valid_days);
            $(
                if invitation.language == stringify!($code) {
                    let lang = stringify!($code);
                    return Ok(Rendered {
                        subject: admin::$code::Subject { portal }.render()?,
                        text: admin::$code::Text { inviter, portal, url, days }.render()?,
                        html: admin::$code::Html { lang, inviter, portal, url, days }.render()?,
                        language: lang,
                    });
                }
            )+
            render_admin(&AdminInvitation { language: ADMIN_LANGUAGES[0], ..*invitation })
        }
    };
}

admin_languages! {
    en => "admin_invitation/en.jinja",
    fr => "admin_invitation/fr.jinja",
    de => "admin_invitation/de.jinja",
}

/// What the email-change notice says: to the old address of an Active learner whose sign-in email was changed.
pub struct EmailChanged<'a> {
    /// The address the notice goes to: the one that no longer signs in.
    pub old_email: &'a str,
    pub new_email: &'a str,
    /// The learner's language; languages other than `en`, `fr` and `de` get English.
    pub language: &'a str,
    pub portal_name: &'a str,
}

/// The email-change notice's templates (`templates/email_changed/`), in the interface's languages. No link, no
/// token: it only tells.
macro_rules! email_changed_languages {
    ($($code:ident => $path:literal),+ $(,)?) => {
        mod email_changed {
            $(
                pub(super) mod $code {
                    #[derive(askama::Template)]
                    #[template(path = $path, block = "subject", escape = "none")]
                    pub(in super::super) struct Subject<'a> {
                        pub portal: &'a str,
                    }

                    #[derive(askama::Template)]
                    #[template(path = $path, block = "text", escape = "none")]
                    pub(in super::super) struct Text<'a> {
                        pub portal: &'a str,
                        pub old: &'a str,
                        pub new: &'a str,
                    }

                    #[derive(askama::Template)]
                    #[template(path = $path, block = "html", escape = "html")]
                    pub(in super::super) struct Html<'a> {
                        pub lang: &'a str,
                        pub portal: &'a str,
                        pub old: &'a str,
                        pub new: &'a str,
                    }
                }
            )+
        }

        /// The languages the email-change notice is written in, English first.
        pub const EMAIL_CHANGED_LANGUAGES: &[&str] = &[$(stringify!($code)),+];

        /// The email-change notice in the learner's language, or in English for another one.
        pub fn render_email_changed(notice: &EmailChanged) -> askama::Result<Rendered> {
            use askama::Template;
            let (old, new, portal) =
                (one_line(notice.old_email), one_line(notice.new_email), one_line(notice.portal_name));
            let (old, new, portal) = (old.as_str(), new.as_str(), portal.as_str());
            $(
                if notice.language == stringify!($code) {
                    let lang = stringify!($code);
                    return Ok(Rendered {
                        subject: email_changed::$code::Subject { portal }.render()?,
                        text: email_changed::$code::Text { portal, old, new }.render()?,
                        html: email_changed::$code::Html { lang, portal, old, new }.render()?,
                        language: lang,
                    });
                }
            )+
            render_email_changed(&EmailChanged { language: EMAIL_CHANGED_LANGUAGES[0], ..*notice })
        }
    };
}

email_changed_languages! {
    en => "email_changed/en.jinja",
    fr => "email_changed/fr.jinja",
    de => "email_changed/de.jinja",
}

fn one_line(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn invitation<'a>(firstname: &'a str, language: &'a str) -> Invitation<'a> {
        Invitation {
            firstname,
            lastname: "Lefèvre",
            language,
            portal_name: "Learners",
            accept_url: "https://learn.example.com/invite/abc",
            valid_days: 7,
        }
    }

    fn rendered(invitation: &Invitation) -> Rendered {
        render(invitation).expect("rendered")
    }

    #[test]
    fn every_language_of_the_rules_has_a_translation() {
        assert_eq!(LANGUAGES, rules::INVITATION_LANGUAGES, "the rules warn for exactly the untranslated languages");
        for &code in LANGUAGES {
            let rendered = rendered(&invitation("Élodie", code));
            assert_eq!(rendered.language, code);
            assert!(rendered.subject.contains("Learners"), "{code}");
            assert!(rendered.text.contains("Élodie Lefèvre"), "{code}");
            assert!(rendered.html.contains("Élodie Lefèvre"), "{code}");
            assert!(rendered.text.contains("https://learn.example.com/invite/abc"), "{code}");
            assert!(rendered.html.contains("href=\"https://learn.example.com/invite/abc\""), "{code}");
            assert!(rendered.html.contains(&format!("<html lang=\"{code}\">")), "{code}");
            assert!(rendered.text.contains(" 7 "), "{code}: the validity is stated");
            assert!(rendered.html.contains(" 7 "), "{code}: the validity is stated");
            assert!(rendered.html.contains(&format!("<title>{}</title>", rendered.subject)), "{code}");
        }
    }

    #[test]
    fn the_text_part_is_laid_out_as_before() {
        let rendered = rendered(&invitation("Élodie", "fr"));
        assert_eq!(rendered.subject, "Votre invitation à Learners");
        assert_eq!(
            rendered.text,
            "Bonjour Élodie Lefèvre,\n\n\
             Vous êtes invité(e) à rejoindre Learners. Choisissez votre mot de passe pour activer votre compte.\n\n\
             Accepter l’invitation:\nhttps://learn.example.com/invite/abc\n\n\
             Ce lien ne sert qu’une fois et reste valable 7 jours.\n\
             Si vous n’attendiez pas ce message, vous pouvez l’ignorer.\n"
        );
    }

    #[test]
    fn an_untranslated_language_gets_english() {
        let rendered = rendered(&invitation("Yuki", "ja"));
        assert_eq!(rendered.language, "en");
        assert!(rendered.subject.starts_with("Your invitation"));
        assert!(rendered.html.contains("<html lang=\"en\">"));
    }

    #[test]
    fn one_day_is_singular_and_seven_days_plural() {
        let validity = |language: &str, days: i64| {
            let rendered = rendered(&Invitation { valid_days: days, ..invitation("Ann", language) });
            let sentence = rendered.text.lines().nth(7).expect("the validity line").to_owned();
            assert!(rendered.html.contains(&sentence), "{language}: the same sentence in both parts");
            sentence
        };
        assert_eq!(validity("en", 1), "This link works once and for 1 day.");
        assert_eq!(validity("en", 7), "This link works once and for 7 days.");
        assert_eq!(validity("fr", 1), "Ce lien ne sert qu’une fois et reste valable 1 jour.");
        assert_eq!(validity("fr", 7), "Ce lien ne sert qu’une fois et reste valable 7 jours.");
        assert_eq!(validity("de", 1), "Dieser Link funktioniert einmal und ist 1 Tag gültig.");
        assert_eq!(validity("de", 7), "Dieser Link funktioniert einmal und ist 7 Tage gültig.");
        assert_eq!(validity("it", 1), "Questo link funziona una sola volta ed è valido per 1 giorno.");
        assert_eq!(validity("it", 7), "Questo link funziona una sola volta ed è valido per 7 giorni.");
        assert_eq!(validity("es", 1), "Este enlace funciona una sola vez y es válido durante 1 día.");
        assert_eq!(validity("es", 7), "Este enlace funciona una sola vez y es válido durante 7 días.");
        assert_eq!(validity("nl", 1), "Deze link werkt één keer en blijft 1 dag geldig.");
        assert_eq!(validity("nl", 7), "Deze link werkt één keer en blijft 7 dagen geldig.");
        assert_eq!(validity("pt", 1), "Esta ligação funciona uma vez e é válida durante 1 dia.");
        assert_eq!(validity("pt", 7), "Esta ligação funciona uma vez e é válida durante 7 dias.");
    }

    #[test]
    fn html_special_characters_in_a_name_are_escaped_in_the_html_and_kept_in_the_text() {
        let name = r#"<b>Zoé & "Ann" O'Neil</b>"#;
        let rendered = rendered(&Invitation { portal_name: "R&D <Learners>", ..invitation(name, "en") });
        assert!(rendered.text.starts_with(&format!("Hello {name} Lefèvre,\n")), "{}", rendered.text);
        assert!(rendered.text.contains("invited to R&D <Learners>."), "{}", rendered.text);
        assert_eq!(rendered.subject, "Your invitation to R&D <Learners>");
        for raw in ["<b>", "</b>", "\"Ann\"", "O'Neil", "R&D", "<Learners>"] {
            assert!(!rendered.html.contains(raw), "{raw} is escaped in: {}", rendered.html);
        }
        let html = unescape(&rendered.html);
        assert!(html.contains(&format!("<p>Hello {name} Lefèvre,</p>")), "{html}");
        assert!(html.contains("<title>Your invitation to R&D <Learners></title>"), "{html}");
    }

    #[test]
    fn names_cannot_inject_markup_or_shape_the_text() {
        let rendered = rendered(&invitation("<script>alert(1)</script>\nBcc: x@evil", "en"));
        assert!(!rendered.html.contains("<script>"));
        assert!(unescape(&rendered.html).contains("<script>alert(1)</script> Bcc: x@evil Lefèvre"));
        assert!(rendered.text.starts_with("Hello <script>alert(1)</script> Bcc: x@evil Lefèvre,\n"));
    }

    fn admin_invitation<'a>(language: &'a str) -> AdminInvitation<'a> {
        AdminInvitation {
            inviter: "ada@school.example",
            language,
            portal_name: "Learners",
            accept_url: "https://learn.example.com/admin-invite/abc",
            valid_days: 7,
        }
    }

    #[test]
    fn the_admin_invitation_is_written_in_the_inviters_language_with_its_link() {
        for &code in ADMIN_LANGUAGES {
            let rendered = render_admin(&admin_invitation(code)).expect("rendered");
            assert_eq!(rendered.language, code);
            assert!(rendered.subject.contains("Learners"), "{code}");
            assert!(rendered.text.contains("ada@school.example"), "{code}");
            assert!(rendered.text.contains("https://learn.example.com/admin-invite/abc\n"), "{code}");
            assert!(rendered.html.contains("href=\"https://learn.example.com/admin-invite/abc\""), "{code}");
            assert!(rendered.html.contains(&format!("<html lang=\"{code}\">")), "{code}");
            assert!(rendered.text.contains(" 7 "), "{code}: the validity is stated");
        }
        assert_eq!(
            render_admin(&admin_invitation("fr")).expect("fr").subject,
            "Vous êtes invité(e) à administrer Learners"
        );
        assert_eq!(render_admin(&admin_invitation("it")).expect("it").language, "en", "another language gets English");
    }

    #[test]
    fn an_inviters_address_cannot_inject_markup() {
        let rendered =
            render_admin(&AdminInvitation { inviter: "<b>x</b>@evil.example\nBcc: y", ..admin_invitation("en") })
                .expect("rendered");
        assert!(!rendered.html.contains("<b>"));
        assert!(rendered.text.starts_with("Hello,\n\n<b>x</b>@evil.example Bcc: y invites you"), "{}", rendered.text);
    }

    fn email_changed<'a>(language: &'a str) -> EmailChanged<'a> {
        EmailChanged {
            old_email: "ana@old.example",
            new_email: "ana.roux@new.example",
            language,
            portal_name: "Learners",
        }
    }

    #[test]
    fn the_email_change_notice_names_both_addresses_in_the_learners_language_without_a_link() {
        for &code in EMAIL_CHANGED_LANGUAGES {
            let rendered = render_email_changed(&email_changed(code)).expect("rendered");
            assert_eq!(rendered.language, code);
            assert!(rendered.subject.contains("Learners"), "{code}");
            for part in [&rendered.text, &rendered.html] {
                assert!(part.contains("ana@old.example"), "{code}: the old address in {part}");
                assert!(part.contains("ana.roux@new.example"), "{code}: the new address in {part}");
                assert!(!part.contains("http"), "{code}: no link in {part}");
            }
            assert!(rendered.html.contains(&format!("<html lang=\"{code}\">")), "{code}");
            assert!(rendered.html.contains(&format!("<title>{}</title>", rendered.subject)), "{code}");
        }
        let fr = render_email_changed(&email_changed("fr")).expect("fr");
        assert_eq!(fr.subject, "Votre adresse de connexion à Learners a été modifiée");
        assert_eq!(
            fr.text,
            "Bonjour,\n\n\
             L’adresse e-mail avec laquelle vous vous connectez à Learners a été modifiée : ana@old.example est \
             remplacée par ana.roux@new.example. Connectez-vous désormais avec ana.roux@new.example ; cette adresse \
             (ana@old.example) ne recevra plus de messages sur votre compte.\n\n\
             Si vous ne vous attendiez pas à ce changement, contactez votre administrateur.\n"
        );
        let de = render_email_changed(&email_changed("de")).expect("de");
        assert!(de.text.contains("wenden Sie sich an Ihren Administrator"), "{}", de.text);
        let it = render_email_changed(&email_changed("it")).expect("it");
        assert_eq!((it.language, it.subject.as_str()), ("en", "Your sign-in email for Learners was changed"));
        assert!(it.text.contains("contact your administrator"), "{}", it.text);
    }

    #[test]
    fn addresses_in_the_email_change_notice_are_escaped_in_the_html() {
        let notice = EmailChanged {
            old_email: "\"<b>o'k</b>\"@old.example",
            new_email: "a&b@new.example",
            portal_name: "R&D <Learners>",
            ..email_changed("en")
        };
        let rendered = render_email_changed(&notice).expect("rendered");
        for raw in ["<b>", "a&b@", "R&D", "<Learners>", "o'k"] {
            assert!(!rendered.html.contains(raw), "{raw} is escaped in: {}", rendered.html);
        }
        let html = unescape(&rendered.html);
        assert!(html.contains("from \"<b>o'k</b>\"@old.example to a&b@new.example."), "{html}");
        assert!(rendered.text.contains("from \"<b>o'k</b>\"@old.example to a&b@new.example."), "{}", rendered.text);
    }

    /// The characters askama escapes, back (as a browser or mail client reads them).
    fn unescape(html: &str) -> String {
        [("&#60;", "<"), ("&#62;", ">"), ("&#34;", "\""), ("&#39;", "'"), ("&#38;", "&")]
            .iter()
            .fold(html.to_owned(), |text, (entity, c)| text.replace(entity, c))
    }
}
