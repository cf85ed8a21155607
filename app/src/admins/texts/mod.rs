//! The admins page's texts, one file per language.

mod de;
mod en;
mod fr;

rules::catalog! {
    pub struct AdminTexts {
        pub title: &'static str,
        pub open: &'static str,
        pub col_email: &'static str,
        pub col_since: &'static str,
        pub you: &'static str,
        pub remove: &'static str,
        /// The admin's email.
        pub confirm_remove: fn(&str) -> String,
        pub removed: &'static str,
        pub password_title: &'static str,
        pub current_password: &'static str,
        pub new_password: &'static str,
        pub change_password: &'static str,
        pub password_changed: &'static str,
        pub sessions_title: &'static str,
        pub col_started: &'static str,
        pub col_expires: &'static str,
        pub this_browser: &'static str,
        pub end_session: &'static str,
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn every_text_is_written_in_every_language() {
        assert_eq!(rules::empty_texts::<super::AdminTexts>(), Vec::<String>::new());
    }
}
