//! The portal's use cases on the server, one module per feature, each with a small public API: the `#[server]`
//! functions of the app and the command line call these and nothing below them. Depends on `rules` (what is
//! valid), `domain` (the shared vocabulary) and `storage` (the named queries); knows nothing of HTTP or Leptos.
//!
//! - [`activity`]: the activity log's pages (each use case records its own action).
//! - [`admin_invitations`]: inviting an admin by email, the open invitations, accepting one.
//! - [`admins`]: the admins list, removing one, one's own password and sessions.
//! - [`auth`]: admin sign-in under a throttle, sessions, admin accounts and the first admin.
//! - [`bulk`]: bulk actions on the Users list (delete, resend, language, suspend, reactivate, add to or remove
//!   from a group), on a selection or a whole filter.
//! - [`groups`]: the Groups page: every group with its member count, rename, delete.
//! - [`history`]: the import history, the error report, "already imported" and the undo.
//! - [`import`]: the existence check and the confirmed import, in one transaction.
//! - [`roster`]: imports that update learners, their groups and status, and sync a group (with its undo).
//! - [`matching`]: each admin's remembered column matching for a file's header row.
//! - [`invitations`]: accept links, a learner's first sign-in, resending.
//! - [`tokens`]: API tokens, and the authentication of `/api/v1` requests.
//! - [`users`]: the Users list, one learner at a time (add, edit, delete, suspend, reactivate), the export.

pub mod activity;
pub mod admin_invitations;
pub mod admins;
pub mod auth;
pub mod bulk;
pub mod groups;
pub mod history;
pub mod import;
pub mod invitations;
pub mod matching;
mod password;
pub mod roster;
mod throttle;
pub mod tokens;
pub mod users;

pub use password::{gate_load, GateLoad, HashError, BUSY_RETRY_AFTER_SECS};
pub use storage::{DatabaseConnection, DbErr};
