//! The `notices` table: the delivery queue of account notices, emails that only inform (no link, no token). Its
//! first kind is `email_changed`: an Active learner's address was changed by an import, and the old address is
//! told so. The delivery columns are the invitation queues' (claim token, lease, attempts), so the same worker
//! claims it the same way (`storage::queue`); the notice carries what it says (the addresses and the language)
//! rather than reading the learner when it is sent, so a later change cannot alter a notice already queued.

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
                    .table("notices")
                    .col(id_column())
                    // The learner it is about; cleared if the learner is deleted, and the notice is still sent.
                    .col(ColumnDef::new("user_id").big_integer().null())
                    // What the notice says: `email_changed`.
                    .col(ColumnDef::new("kind").string_len(32).not_null())
                    // Where it goes: for `email_changed`, the OLD address.
                    .col(ColumnDef::new("to_email").string_len(254).not_null())
                    .col(ColumnDef::new("new_email").string_len(254).null())
                    .col(ColumnDef::new("language").string_len(8).not_null())
                    // queued, sending, sent or failed, as the invitation queues.
                    .col(ColumnDef::new("state").string_len(16).not_null())
                    .col(ColumnDef::new("attempts").integer().not_null().default(0))
                    .col(timestamp("next_attempt_at"))
                    .col(ColumnDef::new("locked_until").timestamp_with_time_zone().null())
                    .col(ColumnDef::new("claim_token").string_len(64).null())
                    .col(ColumnDef::new("last_error").text().null())
                    .col(ColumnDef::new("sent_at").timestamp_with_time_zone().null())
                    .col(timestamp("created_at"))
                    .col(timestamp("updated_at"))
                    .foreign_key(
                        ForeignKey::create()
                            .from("notices", "user_id")
                            .to("users", "id")
                            .on_delete(ForeignKeyAction::SetNull),
                    )
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create().name("notices_due_idx").table("notices").col("state").col("next_attempt_at").to_owned(),
            )
            .await?;
        manager.create_index(Index::create().name("notices_user_idx").table("notices").col("user_id").to_owned()).await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager.drop_table(Table::drop().table("notices").to_owned()).await
    }
}
