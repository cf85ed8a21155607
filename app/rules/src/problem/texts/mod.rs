//! Every problem's message, one file per language: what is wrong and how to fix it. [`super::Problem::message`]
//! picks the field of its code; the numbers and names come in as arguments.

mod de;
mod en;
mod fr;

crate::catalog! {
    pub struct ProblemTexts {
        pub file_not_csv: &'static str,
        pub file_too_large: &'static str,
        /// The most data rows a file may have.
        pub file_too_many_rows: fn(usize) -> String,
        /// The missing columns' names, joined.
        pub file_missing_columns: fn(&str) -> String,
        pub file_duplicate_columns: fn(&str) -> String,
        pub file_empty: &'static str,
        /// The row where reading failed (an unclosed quote).
        pub file_unreadable_at: fn(u32) -> String,
        pub file_unreadable: &'static str,
        pub file_converted_encoding: &'static str,
        pub file_unknown_columns: fn(&str) -> String,
        /// Any required cell left empty.
        pub missing: &'static str,
        /// A first name, last name or identifier: the most characters.
        pub too_long: fn(usize) -> String,
        /// A first or last name; the characters to remove, joined (empty: nothing to remove, the name has no letter).
        pub name_invalid: fn(&str) -> String,
        pub email_invalid: &'static str,
        /// The row of the first occurrence.
        pub email_duplicate: fn(u32) -> String,
        pub email_exists: &'static str,
        pub identifier_invalid: &'static str,
        pub identifier_duplicate: fn(u32) -> String,
        pub identifier_exists: &'static str,
        pub country_invalid: &'static str,
        pub language_invalid: &'static str,
        pub language_english_invitation: &'static str,
        /// The offending names, joined (may be empty); the most characters of a group name.
        pub groups_invalid: fn(&str, usize) -> String,
        /// The most groups of one learner.
        pub groups_too_many: fn(usize) -> String,
        pub status_invalid: &'static str,
        pub user_not_found: &'static str,
        /// The learner the identifier belongs to, and the one the email belongs to.
        pub user_conflict: fn(&str, &str) -> String,
        pub user_changed_since_preview: &'static str,
        /// The row that already names the learner.
        pub user_duplicate: fn(u32) -> String,
        /// How many learners would leave the group, and how many members it has.
        pub sync_too_many_removals: fn(u64, u64) -> String,
        /// Added after the message when the rules can suggest a value.
        pub did_you_mean: fn(&str) -> String,
    }
}
