//! The Groups page's texts (and the Users list's group filter, column and bulk actions), one file per language.

mod de;
mod en;
mod fr;

rules::catalog! {
    pub struct GroupTexts {
        pub title: &'static str,
        /// The link to the page, in the top bar and on the Users page.
        pub open: &'static str,
        pub intro: &'static str,
        pub none: &'static str,
        pub col_name: &'static str,
        pub col_members: &'static str,
        pub col_actions: &'static str,
        /// How many members, in the table.
        pub members: fn(u64) -> String,
        /// The link to the Users list filtered by the group: its name.
        pub show_members: fn(&str) -> String,
        pub rename: &'static str,
        /// The group's name.
        pub rename_title: fn(&str) -> String,
        pub new_name: &'static str,
        pub name_hint: fn(usize) -> String,
        pub save: &'static str,
        pub cancel: &'static str,
        /// The old name, the new one.
        pub renamed: fn(&str, &str) -> String,
        pub delete: &'static str,
        /// The group's name.
        pub delete_title: fn(&str) -> String,
        /// How many members the group has.
        pub delete_text: fn(u64) -> String,
        pub delete_confirm: &'static str,
        /// The group's name.
        pub deleted: fn(&str) -> String,
        /// The Users list: the filter's label, the column's.
        pub filter_group: &'static str,
        pub col_groups: &'static str,
        /// The Users list's note above a group's members: the group's name.
        pub members_of: fn(&str) -> String,
        pub show_all_users: &'static str,
        /// The row actions: the learner's name.
        pub suspend_one: fn(&str) -> String,
        pub reactivate_one: fn(&str) -> String,
        pub suspend: &'static str,
        pub reactivate: &'static str,
        /// The learner's name.
        pub suspended_one: fn(&str) -> String,
        pub reactivated_one: fn(&str) -> String,
        /// The bulk bar.
        pub bulk_suspend: &'static str,
        pub bulk_reactivate: &'static str,
        pub bulk_add_to_group: &'static str,
        pub bulk_remove_from_group: &'static str,
        /// How many learners.
        pub confirm_suspend: fn(u64) -> String,
        pub confirm_reactivate: fn(u64) -> String,
        /// The group's name, how many learners.
        pub confirm_add_to_group: fn(&str, u64) -> String,
        pub confirm_remove_from_group: fn(&str, u64) -> String,
        /// The group dialog of the bulk bar.
        pub add_to_group_title: &'static str,
        pub remove_from_group_title: &'static str,
        pub group_name: &'static str,
        pub group_name_hint: &'static str,
        pub pick_group: &'static str,
        pub next: &'static str,
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn every_text_is_written_in_every_language() {
        assert_eq!(rules::empty_texts::<super::GroupTexts>(), Vec::<String>::new());
    }
}
