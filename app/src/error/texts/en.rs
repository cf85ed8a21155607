//! The errors in English.

use super::ErrorTexts;

pub(super) static TEXTS: ErrorTexts = ErrorTexts {
    unauthorized: "Your session has ended. Sign in again.",
    cross_site: "This request came from another site and was refused. Reload the page and try again.",
    invalid_credentials: "Wrong email or password. Check both and try again.",
    too_many_attempts: |minutes| {
        let unit = if minutes == 1 { "minute" } else { "minutes" };
        format!("Too many failed sign-ins. Try again in {minutes} {unit}.")
    },
    bad_request: "The request was not understood; nothing was changed. Reload the page and try again.",
    busy: "The portal is busy with other imports; nothing was changed. Try again in a moment.",
    weak_password: |min_chars| {
        format!("Choose a password of at least {min_chars} characters; a short sentence is easy to remember.")
    },
    internal: "Something went wrong on the server; nothing was changed. Try again in a moment.",
    request: "The server could not be reached. Check your connection and try again.",
    too_long: "The email or the password is too long. Check what was pasted and try again.",
    too_large: "The request is larger than the server accepts; nothing was changed. Split the file and try again.",
    overloaded: "The portal is very busy right now; nothing was changed. Try again in a few seconds.",
    request_reused: "This import was sent before with other rows, so it was not repeated; nothing was changed. Confirm again to add the rows as they are now.",
    not_found: "What you asked for does not exist (any more): it may have been removed meanwhile. Reload the page.",
    undo_expired: "This import can no longer be undone: its undo window has passed. Remove its users one by one instead.",
    last_admin: "The last admin cannot be removed: invite another admin first.",
    wrong_password: "The current password is wrong; nothing was changed.",
    token_name: |max_chars| format!("Give the token a name of 1 to {max_chars} characters, saying what uses it."),
    token_expiry: |max_days| format!("A token lasts 1 to {max_days} days, or until it is revoked: choose Never for that."),
    invalid_email: "This is not a valid email address. Check it and try again.",
    already_admin: "This email is already an admin's: nothing to invite.",
    already_invited: "This email is already invited and the invitation is still open. Cancel it first to send a new one.",
    link_unusable: "This link no longer works: it has expired, was already used or was cancelled.",
    group_name: |max_chars| format!("A group's name has 1 to {max_chars} characters, without | or control characters."),
    group_name_taken: "Another group already has this name (ignoring case and accents). Choose another name.",
};
