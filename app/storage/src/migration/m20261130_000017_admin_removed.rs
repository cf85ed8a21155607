//! An admin can be removed by another one: the account is kept, marked `removed_at`, so the history and the
//! activity log still name who imported or undid, while the removed admin can no longer sign in.

use sea_orm_migration::prelude::*;

#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .alter_table(
                Table::alter()
                    .table("admins")
                    .add_column(ColumnDef::new("removed_at").timestamp_with_time_zone().null())
                    .to_owned(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager.alter_table(Table::alter().table("admins").drop_column("removed_at").to_owned()).await
    }
}
