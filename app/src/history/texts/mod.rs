//! The import history's texts (the list, an import's page, the undo dialog), one file per language.

mod de;
mod en;
mod fr;

rules::catalog! {
    pub struct HistoryTexts {
        pub title: &'static str,
        /// The Users page's link to the history.
        pub open_history: &'static str,
        pub back_to_users: &'static str,
        pub back_to_history: &'static str,
        pub no_imports: &'static str,
        pub col_date: &'static str,
        pub col_admin: &'static str,
        pub col_file: &'static str,
        pub col_rows: &'static str,
        pub col_added: &'static str,
        pub col_with_errors: &'static str,
        pub col_existing: &'static str,
        pub col_invitations: &'static str,
        pub col_undo: &'static str,
        /// Sent, queued, failed.
        pub invitations: fn(u32, u32, u32) -> String,
        pub no_invitations: &'static str,
        /// Until when (a date and time).
        pub undo_until: fn(&str) -> String,
        pub undo_expired: &'static str,
        /// Who, when.
        pub undone_by: fn(&str, &str) -> String,
        /// The import's number.
        pub import_title: fn(i64) -> String,
        /// Who, when.
        pub imported_by: fn(&str, &str) -> String,
        /// Added, with errors, already existing.
        pub counts: fn(u32, u32, u32) -> String,
        pub download_report: &'static str,
        pub see_users: &'static str,
        pub undo: &'static str,
        pub col_row: &'static str,
        pub col_email: &'static str,
        pub col_outcome: &'static str,
        pub col_reasons: &'static str,
        pub outcome_created: &'static str,
        pub outcome_skipped: &'static str,
        pub undo_title: &'static str,
        /// How many users the undo removes.
        pub undo_removes: fn(u32) -> String,
        /// How many users it keeps (listed after).
        pub undo_keeps: fn(u32) -> String,
        pub undo_confirm: &'static str,
        pub cancel: &'static str,
        /// Removed, kept.
        pub undone: fn(u32, u32) -> String,
        pub already_undone: &'static str,
        pub status_active: &'static str,
        pub status_changed: &'static str,
        /// The Users page when it shows one import's users: its number.
        pub users_of_import: fn(i64) -> String,
        pub show_all_users: &'static str,
        /// The panel's warning for a file already imported: when, who.
        pub already_imported: fn(&str, &str) -> String,
        /// The panel's link to the import just made.
        pub see_in_history: &'static str,
        pub see_earlier_import: &'static str,
        pub loading: &'static str,
        // Rosters (issue 24): the mode, the counts and each updated row's changes.
        pub col_mode: &'static str,
        pub col_changes: &'static str,
        pub outcome_updated: &'static str,
        pub outcome_unchanged: &'static str,
        /// The synced group.
        pub sync_of: fn(&str) -> String,
        pub updated: fn(u32) -> String,
        pub unchanged: fn(u32) -> String,
        pub removed_from_group: fn(u32) -> String,
        pub suspended: fn(u32) -> String,
        /// A changed value's old value, for screen readers.
        pub was: fn(&str) -> String,
        pub empty_value: &'static str,
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn every_text_is_written_in_every_language() {
        assert_eq!(rules::empty_texts::<super::HistoryTexts>(), Vec::<String>::new());
    }
}
