//! Every text of the Add users panel, one file per language (a missing translation is a compile error).

mod de;
mod en;
mod fr;

use crate::i18n::Lang;
use rules::Catalog;

rules::catalog! {
    pub struct ImportTexts {
        pub panel_title: &'static str,
        pub close: &'static str,
        pub step_template: &'static str,
        pub step_fill: &'static str,
        pub step_drop: &'static str,
        pub download_template: &'static str,
        pub rules_title: &'static str,
        pub rule_firstname: &'static str,
        pub rule_lastname: &'static str,
        pub rule_email: &'static str,
        pub rule_identifier: &'static str,
        pub rule_country: &'static str,
        pub rule_language: &'static str,
        pub drop_zone: &'static str,
        pub drop_zone_hint: &'static str,
        pub reading: &'static str,
        pub checking: &'static str,
        pub importing: &'static str,
        pub progress_label: &'static str,
        pub file_rejected: &'static str,
        pub ready: fn(usize, usize) -> String,
        pub all_ready: fn(usize) -> String,
        pub only_errors: &'static str,
        pub next_error: &'static str,
        pub delete_row: &'static str,
        pub row: &'static str,
        pub apply_to_all: fn(&str, usize) -> String,
        pub send_invitations: &'static str,
        pub cancel: &'static str,
        pub confirm: &'static str,
        pub dialog_title: &'static str,
        pub dialog_text: fn(usize) -> String,
        pub ignore_errors: fn(usize) -> String,
        pub cancel_to_fix: &'static str,
        pub done: fn(u32, u32) -> String,
        pub outcome_created: &'static str,
        pub outcome_skipped: &'static str,
        pub outcome_updated: &'static str,
        pub outcome_unchanged: &'static str,
        pub another_file: &'static str,
        pub error_icon_label: &'static str,
        pub warning_icon_label: &'static str,
        pub no_rows: &'static str,
        // The corrected file and the Excel template (issue 13).
        pub download_corrected: &'static str,
        pub download_template_xlsx: &'static str,
        pub save_as_csv_utf8: &'static str,
        // Column matching (issue 13).
        pub match_columns: &'static str,
        pub match_intro: &'static str,
        pub match_file_column: &'static str,
        pub match_portal_column: &'static str,
        pub match_samples: &'static str,
        pub match_ignore: &'static str,
        pub match_required: &'static str,
        pub match_apply: &'static str,
        pub match_cancel: &'static str,
        pub match_twice: fn(&str) -> String,
        pub match_missing: fn(&str) -> String,
        pub matched_as_last_time: &'static str,
        pub matched_change: &'static str,
        // Rosters (issue 24): the mode choice, the preview's labels and changes, the removals dialog.
        pub mode_legend: &'static str,
        pub mode_add: &'static str,
        pub mode_add_hint: &'static str,
        pub mode_update: &'static str,
        pub mode_update_hint: &'static str,
        pub mode_update_only: &'static str,
        pub mode_update_only_hint: &'static str,
        pub mode_sync: &'static str,
        pub mode_sync_hint: &'static str,
        pub sync_group: &'static str,
        pub sync_group_hint: &'static str,
        pub missing_legend: &'static str,
        pub missing_remove: &'static str,
        pub missing_suspend: &'static str,
        pub empty_clears: &'static str,
        pub label_column: &'static str,
        pub label_new: &'static str,
        pub label_update: &'static str,
        pub label_unchanged: &'static str,
        pub label_error: &'static str,
        pub show_rows_labelled: &'static str,
        /// A changed cell's old value, for screen readers ("was Roux").
        pub was: fn(&str) -> String,
        /// How an empty old or new value is shown.
        pub empty_value: &'static str,
        pub count_new: fn(usize) -> String,
        pub count_update: fn(usize) -> String,
        pub count_unchanged: fn(usize) -> String,
        pub count_error: fn(usize) -> String,
        /// The groups' names, how many.
        pub new_groups: fn(&str, usize) -> String,
        /// The synced group, how many members leave.
        pub leaving_remove: fn(&str, usize) -> String,
        pub leaving_suspend: fn(&str, usize) -> String,
        pub leaving_threshold: fn(usize) -> String,
        pub leavers_label: &'static str,
        pub and_more: fn(usize) -> String,
        pub confirm_changes: &'static str,
        pub done_updated: fn(u32) -> String,
        pub done_unchanged: fn(u32) -> String,
        pub done_removed: fn(u32) -> String,
        pub done_suspended: fn(u32) -> String,
        pub removals_title: &'static str,
        /// The synced group, how many members.
        pub removals_text_remove: fn(&str, u64) -> String,
        pub removals_text_suspend: fn(&str, u64) -> String,
        pub removals_type: fn(u64) -> String,
        pub removals_proceed: fn(u64) -> String,
    }
}

/// The panel's texts in `lang`.
pub fn import_texts(lang: Lang) -> &'static ImportTexts {
    ImportTexts::of(lang)
}

#[cfg(test)]
mod tests {
    #[test]
    fn every_text_is_written_in_every_language() {
        assert_eq!(rules::empty_texts::<super::ImportTexts>(), Vec::<String>::new());
    }
}
