//! The `users` table, with the unique normalised email, the unique optional identifier, and the indexes the
//! Users page's search and keyset pagination use.

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
                    .table("users")
                    .col(id_column())
                    .col(ColumnDef::new("firstname").string().not_null())
                    .col(ColumnDef::new("lastname").string().not_null())
                    .col(ColumnDef::new("email").string().not_null())
                    .col(ColumnDef::new("email_normalized").string().not_null())
                    .col(ColumnDef::new("identifier").string().null())
                    .col(ColumnDef::new("country").string_len(2).null())
                    .col(ColumnDef::new("language").string_len(2).not_null())
                    .col(ColumnDef::new("status").string_len(16).not_null())
                    .col(ColumnDef::new("firstname_key").string().not_null())
                    .col(ColumnDef::new("lastname_key").string().not_null())
                    .col(ColumnDef::new("import_id").big_integer().null())
                    .col(timestamp("created_at"))
                    .col(timestamp("updated_at"))
                    .foreign_key(ForeignKey::create().from("users", "import_id").to("imports", "id"))
                    .to_owned(),
            )
            .await?;
        // Case-insensitive uniqueness: the column holds NFC + lower case, so one plain unique index suffices and
        // behaves the same on both backends.
        manager
            .create_index(
                Index::create()
                    .name("users_email_normalized_key")
                    .table("users")
                    .col("email_normalized")
                    .unique()
                    .to_owned(),
            )
            .await?;
        // NULLs are distinct in a unique index on both backends: unique only when set.
        manager
            .create_index(
                Index::create().name("users_identifier_key").table("users").col("identifier").unique().to_owned(),
            )
            .await?;
        for column in ["firstname_key", "lastname_key"] {
            manager
                .create_index(Index::create().name(format!("users_{column}_idx")).table("users").col(column).to_owned())
                .await?;
        }
        Ok(())
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager.drop_table(Table::drop().table("users").to_owned()).await
    }
}
