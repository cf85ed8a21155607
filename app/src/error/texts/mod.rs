//! What each [`super::AppError`] tells the admin: what happened and what to do, one file per language.

mod de;
mod en;
mod fr;

rules::catalog! {
    pub struct ErrorTexts {
        pub unauthorized: &'static str,
        pub cross_site: &'static str,
        pub invalid_credentials: &'static str,
        /// The minutes to wait (at least 1).
        pub too_many_attempts: fn(u64) -> String,
        pub bad_request: &'static str,
        pub busy: &'static str,
        /// The fewest characters a password may have.
        pub weak_password: fn(usize) -> String,
        pub internal: &'static str,
        pub request: &'static str,
        pub too_long: &'static str,
        pub too_large: &'static str,
        pub overloaded: &'static str,
        pub request_reused: &'static str,
        pub not_found: &'static str,
        pub undo_expired: &'static str,
        pub last_admin: &'static str,
        pub wrong_password: &'static str,
        /// The most characters a token name may have.
        pub token_name: fn(usize) -> String,
        /// The longest lifetime of a token, in days.
        pub token_expiry: fn(u64) -> String,
        pub invalid_email: &'static str,
        pub already_admin: &'static str,
        pub already_invited: &'static str,
        pub link_unusable: &'static str,
        /// The most characters a group's name may have.
        pub group_name: fn(usize) -> String,
        pub group_name_taken: &'static str,
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn every_text_is_written_in_every_language() {
        assert_eq!(rules::empty_texts::<super::ErrorTexts>(), Vec::<String>::new());
    }
}
