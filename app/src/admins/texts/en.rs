//! The admins page in English.

use super::AdminTexts;

pub(super) static TEXTS: AdminTexts = AdminTexts {
    title: "Admins",
    open: "Admins and your account",
    col_email: "Email",
    col_since: "Admin since",
    you: "you",
    remove: "Remove",
    confirm_remove: |email| {
        format!("Remove {email}? They will no longer be able to sign in; the history keeps their name.")
    },
    removed: "The admin was removed.",
    password_title: "Your password",
    current_password: "Current password",
    new_password: "New password (at least 12 characters)",
    change_password: "Change password",
    password_changed: "Your password was changed; your other sessions have ended.",
    sessions_title: "Your sessions",
    col_started: "Started",
    col_expires: "Ends",
    this_browser: "this browser",
    end_session: "End",
};
