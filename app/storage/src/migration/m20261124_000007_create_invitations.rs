//! The `invitations` table: the delivery queue of invitation emails, one row per invited user, written in the
//! same transaction as the users so an invitation is never lost.

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
                    .table("invitations")
                    .col(id_column())
                    .col(ColumnDef::new("user_id").big_integer().not_null().unique_key())
                    // queued, sending, sent or failed (see storage::invitations::State).
                    .col(ColumnDef::new("state").string_len(16).not_null())
                    .col(ColumnDef::new("attempts").integer().not_null().default(0))
                    .col(timestamp("next_attempt_at"))
                    // A worker that claims the row owns it until then; after, another worker may take it over.
                    .col(ColumnDef::new("locked_until").timestamp_with_time_zone().null())
                    .col(ColumnDef::new("last_error").text().null())
                    // SHA-256 of the accept link's token; the token itself is only ever in the email.
                    .col(ColumnDef::new("token_hash").string_len(64).null())
                    .col(ColumnDef::new("token_expires_at").timestamp_with_time_zone().null())
                    .col(ColumnDef::new("sent_at").timestamp_with_time_zone().null())
                    .col(timestamp("created_at"))
                    .col(timestamp("updated_at"))
                    .foreign_key(ForeignKey::create().from("invitations", "user_id").to("users", "id"))
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("invitations_due_idx")
                    .table("invitations")
                    .col("state")
                    .col("next_attempt_at")
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create().name("invitations_token_hash_idx").table("invitations").col("token_hash").to_owned(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager.drop_table(Table::drop().table("invitations").to_owned()).await
    }
}
