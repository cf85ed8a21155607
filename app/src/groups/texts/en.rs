//! The Groups page (and the Users list's groups) in English.

use super::GroupTexts;

fn learners(n: u64) -> String {
    format!("{n} learner{}", if n == 1 { "" } else { "s" })
}

pub(super) static TEXTS: GroupTexts = GroupTexts {
    title: "Groups",
    open: "Groups",
    intro: "A group is a class, a cohort or a team. Imports with a groups column create them, and so does Add to group on the Users list. Deleting a group keeps its members: only the group goes.",
    none: "No groups yet. Import a file with a groups column, or select learners on the Users list and choose Add to group.",
    col_name: "Group",
    col_members: "Members",
    col_actions: "Actions",
    members: |n| format!("{n}"),
    show_members: |name| format!("Show the members of {name}"),
    rename: "Rename",
    rename_title: |name| format!("Rename {name}"),
    new_name: "New name",
    name_hint: |max| format!("1 to {max} characters, without |. Two names that differ only by case or accents are the same group."),
    save: "Save",
    cancel: "Cancel",
    renamed: |old, new| format!("{old} is now called {new}."),
    delete: "Delete",
    delete_title: |name| format!("Delete the group {name}?"),
    delete_text: |n| match n {
        0 => "It has no members.".to_owned(),
        1 => "Its member stays a learner of the portal, with their account and other groups: only the group goes.".to_owned(),
        n => format!("Its {n} members stay learners of the portal, with their accounts and other groups: only the group goes."),
    },
    delete_confirm: "Delete the group",
    deleted: |name| format!("The group {name} was deleted; its members were kept."),
    filter_group: "Group",
    col_groups: "Groups",
    members_of: |name| format!("Showing the members of the group {name}."),
    show_all_users: "Show every user",
    suspend_one: |name| format!("Suspend {name}"),
    reactivate_one: |name| format!("Reactivate {name}"),
    suspend: "Suspend",
    reactivate: "Reactivate",
    suspended_one: |name| format!("{name} was suspended: they cannot sign in until reactivated."),
    reactivated_one: |name| format!("{name} was reactivated."),
    bulk_suspend: "Suspend",
    bulk_reactivate: "Reactivate",
    bulk_add_to_group: "Add to group…",
    bulk_remove_from_group: "Remove from group…",
    confirm_suspend: |n| format!("Suspend the {} among these who are not suspended yet? They will not be able to sign in, and invitations waiting to be sent are cancelled.", learners(n)),
    confirm_reactivate: |n| format!("Reactivate the suspended learners among these {n}? Each gets back the state they had before."),
    confirm_add_to_group: |name, n| format!("Add {} to the group {name}? The group is created if it does not exist.", learners(n)),
    confirm_remove_from_group: |name, n| format!("Remove the members among these {} from the group {name}? They stay learners of the portal.", learners(n)),
    add_to_group_title: "Add to a group",
    remove_from_group_title: "Remove from a group",
    group_name: "Group name",
    group_name_hint: "An existing group or a new one (created when you confirm).",
    pick_group: "Group",
    next: "Next",
};
