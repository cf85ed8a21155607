//! Each import record keeps a fingerprint of the confirm request that made it (its rows and options): a request
//! id sent again with other content is then refused, instead of answering "imported" for rows never written.
//! Records from before have none, and answer a repeated id as they always did.

use sea_orm_migration::prelude::*;

#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .alter_table(
                Table::alter()
                    .table("imports")
                    .add_column(ColumnDef::new("request_fingerprint").string_len(64).null())
                    .to_owned(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager.alter_table(Table::alter().table("imports").drop_column("request_fingerprint").to_owned()).await
    }
}
