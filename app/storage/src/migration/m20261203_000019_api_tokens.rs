//! API tokens: what a script or a school's system presents as `Authorization: Bearer ...` to act as the admin who
//! created the token. Only the token's SHA-256 is kept; a token is revoked by marking it, never deleted, so the
//! activity log can still name it.

use sea_orm_migration::prelude::*;

use super::{id_column, timestamp};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                Table::create()
                    .table("api_tokens")
                    .col(id_column())
                    .col(ColumnDef::new("admin_id").big_integer().not_null())
                    .col(ColumnDef::new("name").string_len(100).not_null())
                    .col(ColumnDef::new("token_hash").string_len(64).not_null().unique_key())
                    .col(timestamp("created_at"))
                    .col(ColumnDef::new("expires_at").timestamp_with_time_zone().null())
                    .col(ColumnDef::new("revoked_at").timestamp_with_time_zone().null())
                    .col(ColumnDef::new("last_used_at").timestamp_with_time_zone().null())
                    .to_owned(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager.drop_table(Table::drop().table("api_tokens").to_owned()).await
    }
}
