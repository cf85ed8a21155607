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
                    .col(ColumnDef::new("admin_id").big_integer().not_null())
                    .col(ColumnDef::new("file_name").string().not_null())
                    .col(ColumnDef::new("file_sha256").string().not_null())
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
