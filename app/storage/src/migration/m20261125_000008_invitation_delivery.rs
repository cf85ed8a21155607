//! What delivering invitations and accepting them needs: the learner's password hash (set on accepting), and the
//! claim token a delivery worker marks the invitations it took with (so two workers never send the same one).

use sea_orm_migration::prelude::*;

#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        // One column per statement: SQLite's ALTER TABLE adds one at a time.
        manager
            .alter_table(
                Table::alter().table("users").add_column(ColumnDef::new("password_hash").text().null()).to_owned(),
            )
            .await?;
        manager
            .alter_table(
                Table::alter()
                    .table("invitations")
                    .add_column(ColumnDef::new("claim_token").string_len(64).null())
                    .to_owned(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager.alter_table(Table::alter().table("invitations").drop_column("claim_token").to_owned()).await?;
        manager.alter_table(Table::alter().table("users").drop_column("password_hash").to_owned()).await
    }
}
