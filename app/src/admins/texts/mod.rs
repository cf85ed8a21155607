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
        pub invite_title: &'static str,
        pub invite_email: &'static str,
        pub invite_button: &'static str,
        /// The invited email.
        pub invited: fn(&str) -> String,
        pub pending_title: &'static str,
        pub no_pending: &'static str,
        pub col_invited_by: &'static str,
        pub col_invited_at: &'static str,
        pub col_link_expires: &'static str,
        pub col_state: &'static str,
        pub state_queued: &'static str,
        pub state_sent: &'static str,
        pub state_expired: &'static str,
        pub state_failed: &'static str,
        pub cancel: &'static str,
        /// The invited email.
        pub confirm_cancel: fn(&str) -> String,
        pub cancelled: &'static str,
        pub accept_title: &'static str,
        /// The invited email.
        pub accept_intro: fn(&str) -> String,
        pub accept_password: &'static str,
        /// The fewest characters a password may have.
        pub password_hint: fn(usize) -> String,
        pub accept_button: &'static str,
        pub unusable_title: &'static str,
        pub unusable_text: &'static str,
        pub go_sign_in: &'static str,
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn every_text_is_written_in_every_language() {
        assert_eq!(rules::empty_texts::<super::AdminTexts>(), Vec::<String>::new());
    }
}
