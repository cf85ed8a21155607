//! The API tokens page in English.

use super::TokenTexts;

pub(super) static TEXTS: TokenTexts = TokenTexts {
    title: "API tokens",
    open: "API tokens",
    intro: "A script or a school's information system calls the portal's API (/api/v1) with a token, and acts as the \
            admin who created it. A token is shown once, when it is created; revoke it as soon as it is no longer \
            needed or may have leaked.",
    new_title: "New token",
    name: "Name",
    name_hint: "What uses it, for example “SIS nightly import”.",
    expiry: "Expires",
    never: "Never (until revoked)",
    in_days: |days| format!("In {days} days"),
    custom: "After a number of days…",
    days: |max| format!("Number of days (1 to {max})"),
    create: "Create token",
    secret_title: "Copy the new token now",
    secret_warning: "It will not be shown again: once you leave this page, only its name is kept. Store it where \
                     the script reads it, never in a shared document.",
    secret_label: "The new token",
    copy: "Copy",
    copied: "Copied to the clipboard.",
    copy_failed: "The browser did not let the page copy: select the token and copy it yourself.",
    list_title: "Tokens",
    none: "No token yet.",
    col_name: "Name",
    col_admin: "Acts as",
    col_created: "Created",
    col_expires: "Expires",
    col_last_used: "Last used",
    col_state: "State",
    no_expiry: "never",
    never_used: "never",
    live: "live",
    expired: "expired",
    revoked: "revoked",
    revoke: "Revoke",
    revoke_title: |name| format!("Revoke “{name}”?"),
    revoke_text: "Every request with this token is refused from now on. This cannot be undone: a script that still \
                  needs access will need a new token.",
    cancel: "Cancel",
    revoke_done: |name| format!("The token “{name}” was revoked."),
};
