//! The activity page in English.

use super::ActivityTexts;

pub(super) static TEXTS: ActivityTexts = ActivityTexts {
    title: "Activity log",
    open: "Activity log",
    empty: "Nothing recorded yet.",
    col_when: "When",
    col_who: "Who",
    col_action: "Action",
    col_subject: "On",
    col_details: "Details",
    filter_action: "Action",
    filter_admin: "Admin",
    any: "Any",
    import: "Import",
    undo: "Import undone",
    user_add: "Learner added",
    user_edit: "Learner edited",
    user_delete: "Learner deleted",
    bulk_delete: "Learners deleted (bulk)",
    bulk_resend: "Invitations resent (bulk)",
    bulk_language: "Language changed (bulk)",
    admin_invite: "Admin invited",
    admin_invite_cancel: "Admin invitation cancelled",
    admin_join: "Admin joined (invitation accepted)",
    admin_remove: "Admin removed",
    password_change: "Password changed",
    token_create: "API token created",
    token_revoke: "API token revoked",
    via_token: |name| format!("through the API token {name}"),
};
