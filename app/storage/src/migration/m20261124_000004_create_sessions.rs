//! The `sessions` table: admin sessions shared by every server instance.

use super::timestamp;
use sea_orm_migration::prelude::*;

#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                Table::create()
                    .table("sessions")
                    .col(ColumnDef::new("token_hash").string_len(64).not_null().primary_key())
                    .col(ColumnDef::new("admin_id").big_integer().not_null())
                    .col(timestamp("created_at"))
                    .col(timestamp("expires_at"))
                    .foreign_key(
                        ForeignKey::create()
                            .from("sessions", "admin_id")
                            .to("admins", "id")
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .to_owned(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager.drop_table(Table::drop().table("sessions").to_owned()).await
    }
}
