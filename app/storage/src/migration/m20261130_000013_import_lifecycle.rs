//! The import becomes something to look back on and take back: how many of its skipped rows were users the
//! portal already had, and, once undone, who undid it, when, and how many users it removed or kept. The file's
//! hash gets an index, so "this file was already imported" is one look-up.

use sea_orm_migration::prelude::*;

#[derive(DeriveMigrationName)]
pub struct Migration;

const COLUMNS: [&str; 5] = ["existing_count", "undone_at", "undone_by", "undo_removed", "undo_kept"];

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        // One column per statement: SQLite's ALTER TABLE adds one at a time.
        let columns = [
            // `None` for imports recorded before it was counted: the history counts them from their outcomes.
            ColumnDef::new("existing_count").integer().null().to_owned(),
            ColumnDef::new("undone_at").timestamp_with_time_zone().null().to_owned(),
            ColumnDef::new("undone_by").big_integer().null().to_owned(),
            ColumnDef::new("undo_removed").integer().null().to_owned(),
            ColumnDef::new("undo_kept").integer().null().to_owned(),
        ];
        for mut column in columns {
            manager.alter_table(Table::alter().table("imports").add_column(&mut column).to_owned()).await?;
        }
        manager
            .create_index(
                Index::create().name("idx_imports_file_sha256").table("imports").col("file_sha256").to_owned(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager.drop_index(Index::drop().name("idx_imports_file_sha256").table("imports").to_owned()).await?;
        for column in COLUMNS {
            manager.alter_table(Table::alter().table("imports").drop_column(column).to_owned()).await?;
        }
        Ok(())
    }
}
