//! `column_matchings`: each admin's last column matching for a header row (issue 13, column matching), so a file
//! with the same header is matched at once the next time. Keyed by the admin and a SHA-256 of the header row as
//! the rules compare it; the matching itself is JSON (`rules::ColumnMatching`). Removed with its admin.

use sea_orm_migration::prelude::*;

#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                Table::create()
                    .table("column_matchings")
                    .col(ColumnDef::new("admin_id").big_integer().not_null())
                    .col(ColumnDef::new("header_hash").string_len(64).not_null())
                    .col(ColumnDef::new("matching").text().not_null())
                    .col(super::timestamp("updated_at"))
                    .primary_key(Index::create().col("admin_id").col("header_hash"))
                    .foreign_key(
                        ForeignKey::create()
                            .from("column_matchings", "admin_id")
                            .to("admins", "id")
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .to_owned(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager.drop_table(Table::drop().table("column_matchings").to_owned()).await
    }
}
