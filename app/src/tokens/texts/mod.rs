//! The API tokens page's texts, one file per language.

mod de;
mod en;
mod fr;

rules::catalog! {
    pub struct TokenTexts {
        pub title: &'static str,
        /// The link to the page, on the users page.
        pub open: &'static str,
        pub intro: &'static str,
        pub new_title: &'static str,
        pub name: &'static str,
        pub name_hint: &'static str,
        pub expiry: &'static str,
        pub never: &'static str,
        /// A choice of lifetime, in days.
        pub in_days: fn(u32) -> String,
        pub custom: &'static str,
        /// The longest lifetime, in days.
        pub days: fn(u32) -> String,
        pub create: &'static str,
        pub secret_title: &'static str,
        pub secret_warning: &'static str,
        pub secret_label: &'static str,
        pub copy: &'static str,
        pub copied: &'static str,
        pub copy_failed: &'static str,
        pub list_title: &'static str,
        pub none: &'static str,
        pub col_name: &'static str,
        pub col_admin: &'static str,
        pub col_created: &'static str,
        pub col_expires: &'static str,
        pub col_last_used: &'static str,
        pub col_state: &'static str,
        /// No expiry, in the table.
        pub no_expiry: &'static str,
        pub never_used: &'static str,
        pub live: &'static str,
        pub expired: &'static str,
        pub revoked: &'static str,
        pub revoke: &'static str,
        /// The token's name.
        pub revoke_title: fn(&str) -> String,
        pub revoke_text: &'static str,
        pub cancel: &'static str,
        /// The token's name.
        pub revoke_done: fn(&str) -> String,
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn every_text_is_written_in_every_language() {
        assert_eq!(rules::empty_texts::<super::TokenTexts>(), Vec::<String>::new());
    }
}
