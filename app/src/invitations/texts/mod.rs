//! The learner pages' texts, one file per language (the interface's languages).

mod de;
mod en;
mod fr;

use crate::i18n::Lang;
use rules::Catalog;

rules::catalog! {
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
        pub suspended: &'static str,
        pub welcome: fn(&str) -> String,
        pub loading: &'static str,
    }
}

/// The learner pages' texts in `lang`.
pub fn invitation_texts(lang: Lang) -> &'static InvitationTexts {
    InvitationTexts::of(lang)
}

#[cfg(test)]
mod tests {
    #[test]
    fn every_text_is_written_in_every_language() {
        assert_eq!(rules::empty_texts::<super::InvitationTexts>(), Vec::<String>::new());
    }
}
