//! The invitation email in each language the portal writes it in, as a subject, a plain-text body and an HTML
//! body. Names are data, never markup: they are escaped in the HTML, and lettre encodes headers, so a name cannot
//! add a header or break the body.

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

struct Words {
    code: &'static str,
    subject: &'static str,
    greeting: &'static str,
    invited: &'static str,
    action: &'static str,
    validity: &'static str,
    ignore: &'static str,
}

const ALL: [Words; 7] = [
    Words {
        code: "en",
        subject: "Your invitation to {portal}",
        greeting: "Hello {name},",
        invited: "You have been invited to {portal}. Choose your password to activate your account.",
        action: "Accept the invitation",
        validity: "This link works once and for {days} days.",
        ignore: "If you did not expect this email, you can ignore it.",
    },
    Words {
        code: "fr",
        subject: "Votre invitation à {portal}",
        greeting: "Bonjour {name},",
        invited: "Vous êtes invité(e) à rejoindre {portal}. Choisissez votre mot de passe pour activer votre compte.",
        action: "Accepter l’invitation",
        validity: "Ce lien ne sert qu’une fois et reste valable {days} jours.",
        ignore: "Si vous n’attendiez pas ce message, vous pouvez l’ignorer.",
    },
    Words {
        code: "de",
        subject: "Ihre Einladung zu {portal}",
        greeting: "Hallo {name},",
        invited: "Sie wurden zu {portal} eingeladen. Wählen Sie Ihr Passwort, um Ihr Konto zu aktivieren.",
        action: "Einladung annehmen",
        validity: "Dieser Link funktioniert einmal und ist {days} Tage gültig.",
        ignore: "Wenn Sie diese E-Mail nicht erwartet haben, können Sie sie ignorieren.",
    },
    Words {
        code: "it",
        subject: "Il tuo invito a {portal}",
        greeting: "Ciao {name},",
        invited: "Sei stato invitato su {portal}. Scegli la tua password per attivare il tuo account.",
        action: "Accetta l’invito",
        validity: "Questo link funziona una sola volta ed è valido per {days} giorni.",
        ignore: "Se non ti aspettavi questa email, puoi ignorarla.",
    },
    Words {
        code: "es",
        subject: "Tu invitación a {portal}",
        greeting: "Hola, {name}:",
        invited: "Te han invitado a {portal}. Elige tu contraseña para activar tu cuenta.",
        action: "Aceptar la invitación",
        validity: "Este enlace funciona una sola vez y es válido durante {days} días.",
        ignore: "Si no esperabas este correo, puedes ignorarlo.",
    },
    Words {
        code: "nl",
        subject: "Je uitnodiging voor {portal}",
        greeting: "Hallo {name},",
        invited: "Je bent uitgenodigd voor {portal}. Kies je wachtwoord om je account te activeren.",
        action: "Uitnodiging accepteren",
        validity: "Deze link werkt één keer en blijft {days} dagen geldig.",
        ignore: "Had je deze e-mail niet verwacht? Dan kun je hem negeren.",
    },
    Words {
        code: "pt",
        subject: "O seu convite para {portal}",
        greeting: "Olá {name},",
        invited: "Foi convidado(a) para {portal}. Escolha a sua palavra-passe para ativar a sua conta.",
        action: "Aceitar o convite",
        validity: "Esta ligação funciona uma vez e é válida durante {days} dias.",
        ignore: "Se não esperava este email, pode ignorá-lo.",
    },
];

/// The languages the invitation is written in (the rules warn for the others).
pub fn languages() -> impl Iterator<Item = &'static str> {
    ALL.iter().map(|w| w.code)
}

pub fn render(invitation: &Invitation) -> Rendered {
    let words = ALL.iter().find(|w| w.code == invitation.language).unwrap_or(&ALL[0]);
    // Line breaks in a name (a quoted cell may hold one) must not shape the email.
    let name =
        format!("{} {}", invitation.firstname, invitation.lastname).split_whitespace().collect::<Vec<_>>().join(" ");
    let days = invitation.valid_days.to_string();
    let fill = |text: &str, name: &str, portal: &str| {
        text.replace("{name}", name).replace("{portal}", portal).replace("{days}", &days)
    };
    let subject = fill(words.subject, &name, &one_line(invitation.portal_name));
    let text = format!(
        "{}\n\n{}\n\n{}:\n{}\n\n{}\n{}\n",
        fill(words.greeting, &name, invitation.portal_name),
        fill(words.invited, &name, invitation.portal_name),
        words.action,
        invitation.accept_url,
        fill(words.validity, &name, invitation.portal_name),
        words.ignore,
    );
    let (html_name, html_portal, html_url) =
        (escape(&name), escape(invitation.portal_name), escape(invitation.accept_url));
    let html = format!(
        "<!DOCTYPE html>\n<html lang=\"{lang}\"><head><meta charset=\"utf-8\"><title>{title}</title></head>\
         <body style=\"font-family: sans-serif; color: #1f2937; line-height: 1.5\">\
         <p>{greeting}</p><p>{invited}</p>\
         <p><a href=\"{url}\" style=\"display: inline-block; padding: 10px 18px; background: #1d4ed8; color: #ffffff; \
         text-decoration: none; border-radius: 6px; font-weight: bold\">{action}</a></p>\
         <p style=\"font-size: 13px; color: #5b6472\">{validity}<br>{url}</p>\
         <p style=\"font-size: 13px; color: #5b6472\">{ignore}</p></body></html>\n",
        lang = words.code,
        title = escape(&subject),
        greeting = fill(words.greeting, &html_name, &html_portal),
        invited = fill(words.invited, &html_name, &html_portal),
        url = html_url,
        action = escape(words.action),
        validity = fill(words.validity, &html_name, &html_portal),
        ignore = escape(words.ignore),
    );
    Rendered { subject, text, html, language: words.code }
}

fn one_line(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            _ => out.push(c),
        }
    }
    out
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

    #[test]
    fn every_language_of_the_rules_has_a_translation() {
        let ours: Vec<&str> = languages().collect();
        assert_eq!(ours, rules::INVITATION_LANGUAGES, "the rules warn for exactly the untranslated languages");
        for code in ours {
            let rendered = render(&invitation("Élodie", code));
            assert_eq!(rendered.language, code);
            assert!(rendered.text.contains("Élodie Lefèvre"), "{code}");
            assert!(rendered.text.contains("https://learn.example.com/invite/abc"), "{code}");
            assert!(rendered.html.contains("href=\"https://learn.example.com/invite/abc\""), "{code}");
            assert!(rendered.text.contains('7'), "{code}: the validity is stated");
        }
    }

    #[test]
    fn an_untranslated_language_gets_english() {
        let rendered = render(&invitation("Yuki", "ja"));
        assert_eq!(rendered.language, "en");
        assert!(rendered.subject.starts_with("Your invitation"));
    }

    #[test]
    fn names_cannot_inject_markup_or_shape_the_text() {
        let rendered = render(&invitation("<script>alert(1)</script>\nBcc: x@evil", "en"));
        assert!(!rendered.html.contains("<script>"));
        assert!(rendered.html.contains("&lt;script&gt;"));
        assert!(rendered.text.starts_with("Hello <script>alert(1)</script> Bcc: x@evil Lefèvre,\n"));
    }
}
