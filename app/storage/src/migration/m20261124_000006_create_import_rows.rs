//! The `import_rows` table: the outcome of every row of every confirmed import (created, or skipped and why).

use super::id_column;
use sea_orm_migration::prelude::*;

#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        create_import_rows(manager).await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager.drop_table(Table::drop().table("import_rows").to_owned()).await
    }
}

/// The table and its index, as this migration makes them: also how migration 000009 puts them back when undone.
pub(super) async fn create_import_rows(manager: &SchemaManager<'_>) -> Result<(), DbErr> {
    manager
        .create_table(
            Table::create()
                .table("import_rows")
                .col(id_column())
                .col(ColumnDef::new("import_id").big_integer().not_null())
                .col(ColumnDef::new("row").integer().not_null())
                .col(ColumnDef::new("outcome").string_len(16).not_null())
                .col(ColumnDef::new("user_id").big_integer().null())
                .col(ColumnDef::new("email").string().not_null())
                // The row's problems as JSON ([{"column", "code", ...}]), empty for a created user.
                .col(ColumnDef::new("problems").text().not_null())
                .foreign_key(ForeignKey::create().from("import_rows", "import_id").to("imports", "id"))
                .foreign_key(ForeignKey::create().from("import_rows", "user_id").to("users", "id"))
                .to_owned(),
        )
        .await?;
    manager
        .create_index(Index::create().name("import_rows_import_idx").table("import_rows").col("import_id").to_owned())
        .await
}
