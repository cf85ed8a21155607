//! Schema migrations, one change per file, each with its `down`. They run at every start-up
//! (`storage::connect`) and are tested on SQLite and PostgreSQL.

use sea_orm_migration::prelude::*;

mod m20261124_000001_create_admins;
mod m20261124_000002_create_imports;
mod m20261124_000003_create_users;
mod m20261124_000004_create_sessions;
mod m20261124_000005_create_sign_in_failures;
mod m20261124_000006_create_import_rows;
mod m20261124_000007_create_invitations;
mod m20261125_000008_invitation_delivery;
mod m20261125_000009_outcomes_on_import;
mod m20261130_000010_sign_in_throttle;
mod m20261130_000011_identifier_key;
mod m20261130_000012_request_fingerprint;
mod m20261130_000013_import_lifecycle;
mod m20261130_000014_column_matchings;
mod m20261130_000015_users_search;
mod m20261130_000016_activity;
mod m20261130_000017_admin_removed;
mod m20261203_000018_admin_invitations;
mod m20261203_000019_api_tokens;
mod m20261204_000020_search_merge;
mod m20261208_000021_rosters;
mod m20261208_000022_notices;

pub struct Migrator;

#[async_trait::async_trait]
impl MigratorTrait for Migrator {
    fn migrations() -> Vec<Box<dyn MigrationTrait>> {
        vec![
            Box::new(m20261124_000001_create_admins::Migration),
            Box::new(m20261124_000002_create_imports::Migration),
            Box::new(m20261124_000003_create_users::Migration),
            Box::new(m20261124_000004_create_sessions::Migration),
            Box::new(m20261124_000005_create_sign_in_failures::Migration),
            Box::new(m20261124_000006_create_import_rows::Migration),
            Box::new(m20261124_000007_create_invitations::Migration),
            Box::new(m20261125_000008_invitation_delivery::Migration),
            Box::new(m20261125_000009_outcomes_on_import::Migration),
            Box::new(m20261130_000010_sign_in_throttle::Migration),
            Box::new(m20261130_000011_identifier_key::Migration),
            Box::new(m20261130_000012_request_fingerprint::Migration),
            Box::new(m20261130_000013_import_lifecycle::Migration),
            Box::new(m20261130_000014_column_matchings::Migration),
            Box::new(m20261130_000015_users_search::Migration),
            Box::new(m20261130_000016_activity::Migration),
            Box::new(m20261130_000017_admin_removed::Migration),
            Box::new(m20261203_000018_admin_invitations::Migration),
            Box::new(m20261203_000019_api_tokens::Migration),
            Box::new(m20261204_000020_search_merge::Migration),
            Box::new(m20261208_000021_rosters::Migration),
            Box::new(m20261208_000022_notices::Migration),
        ]
    }
}

/// A 64-bit auto-increment primary key on both backends (`bigserial` on PostgreSQL, `integer` on SQLite).
pub(crate) fn id_column() -> ColumnDef {
    ColumnDef::new("id").big_integer().not_null().auto_increment().primary_key().to_owned()
}

/// A `timestamp with time zone` column (text in SQLite, `timestamptz` in PostgreSQL).
pub(crate) fn timestamp(name: &'static str) -> ColumnDef {
    ColumnDef::new(name).timestamp_with_time_zone().not_null().to_owned()
}
