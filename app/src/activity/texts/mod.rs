//! The activity page's texts, one file per language.

mod de;
mod en;
mod fr;

use domain::ActivityAction;

rules::catalog! {
    pub struct ActivityTexts {
        pub title: &'static str,
        pub open: &'static str,
        pub empty: &'static str,
        pub col_when: &'static str,
        pub col_who: &'static str,
        pub col_action: &'static str,
        pub col_subject: &'static str,
        pub col_details: &'static str,
        pub filter_action: &'static str,
        pub filter_admin: &'static str,
        pub any: &'static str,
        pub import: &'static str,
        pub undo: &'static str,
        pub user_add: &'static str,
        pub user_edit: &'static str,
        pub user_delete: &'static str,
        pub bulk_delete: &'static str,
        pub bulk_resend: &'static str,
        pub bulk_language: &'static str,
        pub bulk_suspend: &'static str,
        pub bulk_reactivate: &'static str,
        pub bulk_group_add: &'static str,
        pub bulk_group_remove: &'static str,
        pub user_suspend: &'static str,
        pub user_reactivate: &'static str,
        pub group_rename: &'static str,
        pub group_delete: &'static str,
        pub admin_invite: &'static str,
        pub admin_invite_cancel: &'static str,
        pub admin_join: &'static str,
        pub admin_remove: &'static str,
        pub password_change: &'static str,
        pub token_create: &'static str,
        pub token_revoke: &'static str,
        /// The token's name.
        pub via_token: fn(&str) -> String,
    }
}

impl ActivityTexts {
    /// An action as the admin reads it.
    pub fn action(&self, action: ActivityAction) -> &'static str {
        use ActivityAction::*;
        match action {
            Import => self.import,
            Undo => self.undo,
            UserAdd => self.user_add,
            UserEdit => self.user_edit,
            UserDelete => self.user_delete,
            BulkDelete => self.bulk_delete,
            BulkResend => self.bulk_resend,
            BulkLanguage => self.bulk_language,
            BulkSuspend => self.bulk_suspend,
            BulkReactivate => self.bulk_reactivate,
            BulkAddToGroup => self.bulk_group_add,
            BulkRemoveFromGroup => self.bulk_group_remove,
            UserSuspend => self.user_suspend,
            UserReactivate => self.user_reactivate,
            GroupRename => self.group_rename,
            GroupDelete => self.group_delete,
            AdminInvite => self.admin_invite,
            AdminInviteCancel => self.admin_invite_cancel,
            AdminJoin => self.admin_join,
            AdminRemove => self.admin_remove,
            PasswordChange => self.password_change,
            TokenCreate => self.token_create,
            TokenRevoke => self.token_revoke,
        }
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn every_text_is_written_in_every_language() {
        assert_eq!(rules::empty_texts::<super::ActivityTexts>(), Vec::<String>::new());
    }
}
