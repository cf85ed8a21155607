//! The portal's vocabulary, written once and compiled into both the wasm bundle and the server: what a user's
//! status and an invitation's state can be, the one password policy, and the values the browser and the server
//! exchange (the confirmed import, a page of users, an invitation link). Pure: no I/O, no Leptos, no database.

pub mod activity;
pub mod admins;
pub mod history;
pub mod import;
pub mod invitations;
pub mod password;
pub mod tokens;
pub mod users;

pub use activity::{ActivityAction, ActivityEntry, ActivityPage, Actor};
pub use admins::{AdminInvitationRow, AdminInvitationState, AdminLinkState, AdminRow, SessionRow};
pub use history::{
    EarlierImport, ImportDetail, ImportPage, ImportSummary, InvitationCounts, KeptUser, RowRecord, UndoAnswer,
    UndoPreview, UndoState,
};
pub use import::{
    ConfirmAnswer, ConfirmRequest, Missing, Outcome, RosterCounts, RosterOptions, RowOutcome, Seen, SubmittedRow,
};
pub use invitations::{InvitationState, LearnerAnswer, LinkState};
pub use password::{check_password, WeakPassword, MIN_PASSWORD_CHARS};
pub use tokens::{NewToken, TokenRow, MAX_TOKEN_EXPIRY_DAYS, MAX_TOKEN_NAME_CHARS};
pub use users::{
    BulkAction, BulkTarget, GroupRow, InvitationCell, Page, SaveAnswer, Total, UserList, UserQuery, UserRow, UserSort,
    UserStatus, COUNT_LIMIT,
};
