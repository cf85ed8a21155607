//! One learner at a time, in English.

use super::UserTexts;

pub(super) static TEXTS: UserTexts = UserTexts {
    add_one: "Add one learner",
    add_title: "Add a learner",
    edit_title: "Edit the learner",
    edit: "Edit",
    delete: "Delete",
    col_actions: "Actions",
    firstname: "First name",
    lastname: "Last name",
    email: "Email",
    identifier: "Identifier",
    country: "Country (ISO code, such as FR)",
    language: "Language (ISO code, such as fr)",
    optional: "optional",
    invite: "Send an invitation email",
    email_locked: "This learner has activated their account and signs in with this email: it cannot be changed here.",
    save: "Save",
    cancel: "Cancel",
    saved: |name| format!("{name} was saved."),
    delete_title: |name| format!("Delete {name}?"),
    delete_pending: "The learner has not activated their account yet; their invitation link will stop working.",
    delete_active: "This learner has activated their account: deleting it removes their account, so they can no longer sign in to the portal or reach their courses.",
    delete_confirm: "Delete the learner",
    deleted: |name| format!("{name} was deleted."),
};
