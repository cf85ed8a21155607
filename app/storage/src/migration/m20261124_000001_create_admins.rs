//! The `admins` table.

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
                    .table("admins")
                    .col(id_column())
                    .col(ColumnDef::new("email").string().not_null())
                    .col(ColumnDef::new("email_normalized").string().not_null().unique_key())
                    .col(ColumnDef::new("password_hash").string().not_null())
                    .col(timestamp("created_at"))
                    .to_owned(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager.drop_table(Table::drop().table("admins").to_owned()).await
    }
}
