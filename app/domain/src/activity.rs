//! The activity log's vocabulary: who acts (an admin, possibly through an API token), what they did, and an entry
//! as the activity page shows it.

use serde::{Deserialize, Serialize};

/// Who does something: an admin, directly or through one of their API tokens.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Actor {
    pub admin_id: i64,
    pub token_id: Option<i64>,
}

impl Actor {
    pub fn admin(admin_id: i64) -> Self {
        Actor { admin_id, token_id: None }
    }
}

/// Declares the actions once, each with its stable name (stored, and used in the activity page's filter).
macro_rules! actions {
    ($($variant:ident => $name:literal,)*) => {
        /// What was done.
        #[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
        pub enum ActivityAction {
            $($variant,)*
        }

        impl ActivityAction {
            pub const ALL: [ActivityAction; [$($name),*].len()] = [$(ActivityAction::$variant),*];

            pub fn as_str(self) -> &'static str {
                match self {
                    $(ActivityAction::$variant => $name,)*
                }
            }

            pub fn parse(name: &str) -> Option<ActivityAction> {
                match name {
                    $($name => Some(ActivityAction::$variant),)*
                    _ => None,
                }
            }
        }
    };
}

actions! {
    Import => "import",
    Undo => "import.undo",
    UserAdd => "user.add",
    UserEdit => "user.edit",
    UserDelete => "user.delete",
    BulkDelete => "bulk.delete",
    BulkResend => "bulk.resend",
    BulkLanguage => "bulk.language",
    BulkSuspend => "bulk.suspend",
    BulkReactivate => "bulk.reactivate",
    BulkAddToGroup => "bulk.group.add",
    BulkRemoveFromGroup => "bulk.group.remove",
    UserSuspend => "user.suspend",
    UserReactivate => "user.reactivate",
    GroupRename => "group.rename",
    GroupDelete => "group.delete",
    AdminInvite => "admin.invite",
    AdminInviteCancel => "admin.invite.cancel",
    AdminJoin => "admin.join",
    AdminRemove => "admin.remove",
    PasswordChange => "admin.password",
    TokenCreate => "token.create",
    TokenRevoke => "token.revoke",
}

/// One line of the activity page.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ActivityEntry {
    pub id: i64,
    /// RFC 3339, UTC.
    pub at: String,
    /// The admin's email (or `#id` when that admin was removed since).
    pub admin: String,
    /// The API token's name, when the admin acted through one.
    pub token: Option<String>,
    pub action: ActivityAction,
    /// The import's or the user's id.
    pub subject_id: Option<i64>,
    /// Counts and choices (`added: 240`, `removed: 12`...), never personal data.
    pub details: Vec<(String, i64)>,
}

/// A page of the activity log, newest first.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ActivityPage {
    pub entries: Vec<ActivityEntry>,
    /// Pass as `before` for the next page; `None` on the last one.
    pub next_cursor: Option<i64>,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_action_reads_back_from_its_name() {
        for action in ActivityAction::ALL {
            assert_eq!(ActivityAction::parse(action.as_str()), Some(action));
        }
        assert_eq!(ActivityAction::parse("import.redo"), None);
    }
}
