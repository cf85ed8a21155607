//! The admin interface's texts (sign-in, the Users page), one file per language.

mod de;
mod en;
mod fr;

rules::catalog! {
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
        pub status_suspended: &'static str,
        pub status_active: &'static str,
        pub loading: &'static str,
        pub invitation_none: &'static str,
        pub invitation_not_sent: &'static str,
        pub invitation_queued: &'static str,
        pub invitation_sent: &'static str,
        pub invitation_failed: &'static str,
        pub resend: &'static str,
        pub resend_failed: &'static str,
        /// How many invitations were queued again.
        pub resent: fn(u32) -> String,
        pub not_found: &'static str,
        pub filter_status: &'static str,
        pub filter_invitation: &'static str,
        pub filter_language: &'static str,
        pub filter_country: &'static str,
        /// A filter's "no filter" choice.
        pub filter_any: &'static str,
        /// How many users the view finds.
        pub total: fn(u64) -> String,
        /// The view finds more users than are counted.
        pub total_more_than: fn(u64) -> String,
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn every_text_is_written_in_every_language() {
        assert_eq!(rules::empty_texts::<super::Texts>(), Vec::<String>::new());
    }
}
