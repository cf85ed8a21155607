//! The learner pages in English.

use super::InvitationTexts;

pub(super) static TEXTS: InvitationTexts = InvitationTexts {
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
    suspended: "Your account is suspended: contact your administrator.",
    welcome: |name| format!("Welcome back, {name}. You are signed in."),
    loading: "Loading…",
};
