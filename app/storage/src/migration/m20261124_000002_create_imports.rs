//! The `imports` table: one record per confirmed import.

use super::{id_column, timestamp};
use sea_orm_migration::prelude::*;

#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                Table::create()
                    .table("imports")
                    .col(id_column())
                    // The id the browser (or the CLI) gives the confirm request: unique, so sending the same confirm
                    // twice finds the first import instead of creating the users again.
                    .col(ColumnDef::new("request_id").string_len(64).not_null().unique_key())
                    .col(ColumnDef::new("admin_id").big_integer().not_null())
                    .col(ColumnDef::new("file_name").string().not_null())
                    .col(ColumnDef::new("file_sha256").string_len(64).not_null())
                    .col(ColumnDef::new("send_invitations").boolean().not_null())
                    .col(ColumnDef::new("total_rows").integer().not_null())
                    .col(ColumnDef::new("created_count").integer().not_null())
                    .col(ColumnDef::new("skipped_count").integer().not_null())
                    .col(timestamp("created_at"))
                    .foreign_key(ForeignKey::create().from("imports", "admin_id").to("admins", "id"))
                    .to_owned(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager.drop_table(Table::drop().table("imports").to_owned()).await
    }
}
