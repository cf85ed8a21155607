//! Storage for the portal: the sea-orm entities, the migrations that create them, and the named queries the rest
//! of the server runs (handlers never build SQL). Works on SQLite (the default) and PostgreSQL (production).

pub mod activity;
pub mod admin_invitations;
pub mod admins;
pub mod api_tokens;
pub mod column_matchings;
pub mod conflict;
pub mod connect;
pub mod entity;
pub mod groups;
pub mod imports;
pub mod invitations;
pub mod migration;
pub mod notices;
pub mod queue;
pub mod search;
pub mod sessions;
pub mod sign_in_throttle;
#[cfg(feature = "test-util")]
pub mod testing;
pub mod tokens;
pub mod users;

pub use conflict::WriteConflict;
pub use connect::{begin_write, connect, Backend};
pub use sea_orm::{ConnectionTrait, DatabaseConnection, DatabaseTransaction, DbErr, TransactionTrait};

/// Whether a database error is a unique-constraint violation (the same email or identifier inserted twice),
/// on either backend.
pub fn is_unique_violation(err: &DbErr) -> bool {
    matches!(WriteConflict::of(err), Some(WriteConflict::Taken(_)))
}
