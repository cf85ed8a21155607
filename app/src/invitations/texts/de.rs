//! The learner pages in German.

use super::InvitationTexts;

pub(super) static TEXTS: InvitationTexts = InvitationTexts {
    accept_title: "Aktivieren Sie Ihr Konto",
    accept_intro: |name, email| format!("Willkommen, {name}. Wählen Sie ein Passwort für {email}."),
    new_password: "Neues Passwort",
    password_hint: |n| format!("Mindestens {n} Zeichen."),
    activate: "Mein Konto aktivieren",
    activated: "Ihr Konto ist aktiv. Sie können sich mit Ihrer E-Mail-Adresse und diesem Passwort anmelden.",
    go_sign_in: "Zur Anmeldung",
    unusable_title: "Dieser Link funktioniert nicht mehr",
    unusable_text: "Er ist abgelaufen, wurde bereits verwendet oder durch eine neuere Einladung ersetzt. Geben Sie Ihre E-Mail-Adresse auf der Anmeldeseite ein: Ist Ihr Konto noch nicht aktiv, erhalten Sie eine neue Einladung.",
    learner_sign_in_title: "Anmeldung für Lernende",
    learner_sign_in_intro: "Melden Sie sich mit Ihrer E-Mail-Adresse und Ihrem Passwort an. Noch nicht aktiviert? Geben Sie Ihre E-Mail-Adresse und ein beliebiges Passwort ein: Wir senden Ihnen eine Einladung.",
    email: "E-Mail-Adresse",
    password: "Passwort",
    sign_in: "Anmelden",
    check_inbox: "Gehört diese E-Mail-Adresse zu einer lernenden Person, deren Konto noch nicht aktiv ist, ist eine Einladung unterwegs: Sehen Sie in Ihrem Posteingang (und im Spam-Ordner) nach. Andernfalls prüfen Sie Ihre E-Mail-Adresse und Ihr Passwort.",
    suspended: "Ihr Konto ist gesperrt: Wenden Sie sich an Ihre Administratorin oder Ihren Administrator.",
    welcome: |name| format!("Willkommen zurück, {name}. Sie sind angemeldet."),
    loading: "Wird geladen…",
};
