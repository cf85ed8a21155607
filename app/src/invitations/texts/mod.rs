//! The learner pages' texts, in English and French (the interface's two languages).

use crate::i18n::Lang;

pub struct InvitationTexts {
    pub accept_title: &'static str,
    pub accept_intro: fn(&str, &str) -> String,
    pub new_password: &'static str,
    pub password_hint: fn(usize) -> String,
    pub activate: &'static str,
    pub activated: &'static str,
    pub go_sign_in: &'static str,
    pub unusable_title: &'static str,
    pub unusable_text: &'static str,
    pub learner_sign_in_title: &'static str,
    pub learner_sign_in_intro: &'static str,
    pub email: &'static str,
    pub password: &'static str,
    pub sign_in: &'static str,
    pub check_inbox: &'static str,
    pub welcome: fn(&str) -> String,
    pub loading: &'static str,
}

pub fn invitation_texts(lang: Lang) -> &'static InvitationTexts {
    match lang {
        Lang::En => &EN,
        Lang::Fr => &FR,
    }
}

static EN: InvitationTexts = InvitationTexts {
    accept_title: "Activate your account",
    accept_intro: |name, email| format!("Welcome, {name}. Choose a password for {email}."),
    new_password: "New password",
    password_hint: |n| format!("At least {n} characters."),
    activate: "Activate my account",
    activated: "Your account is active. You can sign in with your email and this password.",
    go_sign_in: "Go to sign in",
    unusable_title: "This link no longer works",
    unusable_text: "It has expired, was already used, or a newer invitation replaced it. Enter your email on the sign-in page: if your account is not active yet, a fresh invitation will be sent.",
    learner_sign_in_title: "Learner sign-in",
    learner_sign_in_intro: "Sign in with your email and password. Not activated yet? Enter your email and any password: we will send you an invitation.",
    email: "Email",
    password: "Password",
    sign_in: "Sign in",
    check_inbox: "If this email belongs to a learner whose account is not active yet, an invitation is on its way: check your inbox (and spam folder). Otherwise, check your email and password.",
    welcome: |name| format!("Welcome back, {name}. You are signed in."),
    loading: "Loading…",
};

static FR: InvitationTexts = InvitationTexts {
    accept_title: "Activez votre compte",
    accept_intro: |name, email| format!("Bienvenue, {name}. Choisissez un mot de passe pour {email}."),
    new_password: "Nouveau mot de passe",
    password_hint: |n| format!("Au moins {n} caractères."),
    activate: "Activer mon compte",
    activated: "Votre compte est actif. Vous pouvez vous connecter avec votre e-mail et ce mot de passe.",
    go_sign_in: "Aller à la connexion",
    unusable_title: "Ce lien ne fonctionne plus",
    unusable_text: "Il a expiré, a déjà servi, ou une invitation plus récente l’a remplacé. Saisissez votre e-mail sur la page de connexion : si votre compte n’est pas encore actif, une nouvelle invitation vous sera envoyée.",
    learner_sign_in_title: "Connexion apprenant",
    learner_sign_in_intro: "Connectez-vous avec votre e-mail et votre mot de passe. Compte pas encore activé ? Saisissez votre e-mail et un mot de passe quelconque : nous vous enverrons une invitation.",
    email: "E-mail",
    password: "Mot de passe",
    sign_in: "Se connecter",
    check_inbox: "Si cet e-mail appartient à un apprenant dont le compte n’est pas encore actif, une invitation est en route : consultez votre boîte de réception (et les indésirables). Sinon, vérifiez votre e-mail et votre mot de passe.",
    welcome: |name| format!("Bon retour, {name}. Vous êtes connecté(e)."),
    loading: "Chargement…",
};
