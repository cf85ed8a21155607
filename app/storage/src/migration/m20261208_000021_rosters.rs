//! Rosters: groups and their members, the Suspended state (and the state a Suspended learner goes back to), and
//! what an import that updates learners records: its mode, its counts and what its undo must put back.

use sea_orm_migration::prelude::*;

use super::{id_column, timestamp};

#[derive(DeriveMigrationName)]
pub struct Migration;

const IMPORT_COLUMNS: [&str; 7] =
    ["mode", "sync_group", "updated_count", "unchanged_count", "removed_count", "suspended_count", "undo_data"];

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                Table::create()
                    .table("groups")
                    .col(id_column())
                    .col(ColumnDef::new("name").string_len(64).not_null())
                    // Lower case without accents: unique, so `3B` and `3b` are one group.
                    .col(ColumnDef::new("name_key").string_len(256).not_null().unique_key())
                    // The import that created it (an undo removes the groups it created once they are empty).
                    .col(ColumnDef::new("import_id").big_integer().null())
                    .col(timestamp("created_at"))
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table("group_members")
                    .col(ColumnDef::new("group_id").big_integer().not_null())
                    .col(ColumnDef::new("user_id").big_integer().not_null())
                    .col(timestamp("created_at"))
                    .primary_key(Index::create().col("group_id").col("user_id"))
                    .foreign_key(
                        ForeignKey::create()
                            .from("group_members", "group_id")
                            .to("groups", "id")
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .foreign_key(
                        ForeignKey::create()
                            .from("group_members", "user_id")
                            .to("users", "id")
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create().name("idx_group_members_user").table("group_members").col("user_id").to_owned(),
            )
            .await?;
        // Pending or Active: what a Suspended learner becomes again when reactivated.
        manager
            .alter_table(
                Table::alter()
                    .table("users")
                    .add_column(ColumnDef::new("status_before").string_len(16).null())
                    .to_owned(),
            )
            .await?;
        let columns = [
            ColumnDef::new("mode").string_len(16).null().to_owned(),
            ColumnDef::new("sync_group").string_len(64).null().to_owned(),
            ColumnDef::new("updated_count").integer().null().to_owned(),
            ColumnDef::new("unchanged_count").integer().null().to_owned(),
            ColumnDef::new("removed_count").integer().null().to_owned(),
            ColumnDef::new("suspended_count").integer().null().to_owned(),
            // JSON: the values, memberships and statuses the import changed, as they were (`storage::rosters`).
            ColumnDef::new("undo_data").text().null().to_owned(),
        ];
        for mut column in columns {
            manager.alter_table(Table::alter().table("imports").add_column(&mut column).to_owned()).await?;
        }
        Ok(())
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        for column in IMPORT_COLUMNS {
            manager.alter_table(Table::alter().table("imports").drop_column(column).to_owned()).await?;
        }
        manager.alter_table(Table::alter().table("users").drop_column("status_before").to_owned()).await?;
        manager.drop_table(Table::drop().table("group_members").to_owned()).await?;
        manager.drop_table(Table::drop().table("groups").to_owned()).await
    }
}
