//! The activity log: one row per action an admin (or, later, an API token acting for one) took, written in the
//! action's own transaction. Only ever inserted and read: nothing in the app updates or deletes a row.

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
                    .table("activity")
                    .col(id_column())
                    .col(timestamp("at"))
                    .col(ColumnDef::new("admin_id").big_integer().null())
                    .col(ColumnDef::new("token_id").big_integer().null())
                    .col(ColumnDef::new("action").string_len(40).not_null())
                    .col(ColumnDef::new("subject_id").big_integer().null())
                    .col(ColumnDef::new("details").text().not_null().default("{}"))
                    .to_owned(),
            )
            .await?;
        for (name, column) in [("idx_activity_action", "action"), ("idx_activity_admin", "admin_id")] {
            manager.create_index(Index::create().name(name).table("activity").col(column).col("id").to_owned()).await?;
        }
        Ok(())
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager.drop_table(Table::drop().table("activity").to_owned()).await
    }
}
