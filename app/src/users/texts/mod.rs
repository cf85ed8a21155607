//! The texts of one learner at a time (the form to add or edit a learner, the deletion's dialog), one file per
//! language.

mod de;
mod en;
mod fr;

rules::catalog! {
    pub struct UserTexts {
        pub add_one: &'static str,
        pub add_title: &'static str,
        pub edit_title: &'static str,
        pub edit: &'static str,
        pub delete: &'static str,
        pub col_actions: &'static str,
        pub firstname: &'static str,
        pub lastname: &'static str,
        pub email: &'static str,
        pub identifier: &'static str,
        pub country: &'static str,
        pub language: &'static str,
        pub optional: &'static str,
        pub invite: &'static str,
        pub email_locked: &'static str,
        pub save: &'static str,
        pub cancel: &'static str,
        /// The learner's name.
        pub saved: fn(&str) -> String,
        /// The learner's name.
        pub delete_title: fn(&str) -> String,
        pub delete_pending: &'static str,
        pub delete_active: &'static str,
        pub delete_confirm: &'static str,
        /// The learner's name.
        pub deleted: fn(&str) -> String,
        /// A row's checkbox: the learner's name.
        pub select_one: fn(&str) -> String,
        pub select_page: &'static str,
        /// How many are ticked.
        pub selected: fn(u64) -> String,
        pub whole_filter: fn(u64) -> String,
        pub bulk_delete: &'static str,
        pub bulk_resend: &'static str,
        pub bulk_language: &'static str,
        pub bulk_apply_language: &'static str,
        /// How many.
        pub confirm_delete: fn(u64) -> String,
        pub confirm_resend: fn(u64) -> String,
        /// The language code, how many.
        pub confirm_language: fn(&str, u64) -> String,
        pub confirm: &'static str,
        /// How many were changed.
        pub bulk_done: fn(u64) -> String,
        pub export_csv: &'static str,
        pub export_xlsx: &'static str,
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn every_text_is_written_in_every_language() {
        assert_eq!(rules::empty_texts::<super::UserTexts>(), Vec::<String>::new());
    }
}
