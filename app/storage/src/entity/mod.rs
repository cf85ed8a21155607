//! The sea-orm entities, one module per table. Column names follow the specification's names.

pub mod activity;
pub mod admin_invitations;
pub mod admins;
pub mod api_tokens;
pub mod column_matchings;
pub mod group_members;
pub mod groups;
pub mod imports;
pub mod invitations;
pub mod notices;
pub mod sessions;
pub mod users;
