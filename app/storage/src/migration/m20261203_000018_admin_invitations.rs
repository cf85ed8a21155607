//! The `admin_invitations` table: an admin invited by email, and the delivery queue of that email. A table of its
//! own rather than a kind of learner invitation, because a learner's invitation belongs to a user row that exists
//! before it (`invitations.user_id`), while an invited admin has no account until the link is accepted. The
//! delivery columns are the learner queue's (claim token, lease, attempts, token hash), so the same worker claims
//! both queues the same way.

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
                    .table("admin_invitations")
                    .col(id_column())
                    .col(ColumnDef::new("email").string_len(254).not_null())
                    .col(ColumnDef::new("email_normalized").string_len(254).not_null())
                    // The inviting admin's interface language: the email is written in it.
                    .col(ColumnDef::new("language").string_len(8).not_null())
                    .col(ColumnDef::new("invited_by").big_integer().not_null())
                    // queued, sending, sent or failed, as the learners' queue.
                    .col(ColumnDef::new("state").string_len(16).not_null())
                    .col(ColumnDef::new("attempts").integer().not_null().default(0))
                    .col(timestamp("next_attempt_at"))
                    .col(ColumnDef::new("locked_until").timestamp_with_time_zone().null())
                    .col(ColumnDef::new("claim_token").string_len(64).null())
                    .col(ColumnDef::new("last_error").text().null())
                    // SHA-256 of the accept link's token; the token itself is only ever in the email.
                    .col(ColumnDef::new("token_hash").string_len(64).null())
                    .col(ColumnDef::new("token_expires_at").timestamp_with_time_zone().null())
                    .col(ColumnDef::new("sent_at").timestamp_with_time_zone().null())
                    // Set when the link is used: the invitation is kept, no longer pending.
                    .col(ColumnDef::new("accepted_at").timestamp_with_time_zone().null())
                    .col(ColumnDef::new("admin_id").big_integer().null())
                    .col(timestamp("created_at"))
                    .col(timestamp("updated_at"))
                    .foreign_key(ForeignKey::create().from("admin_invitations", "invited_by").to("admins", "id"))
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("admin_invitations_due_idx")
                    .table("admin_invitations")
                    .col("state")
                    .col("next_attempt_at")
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("admin_invitations_token_hash_idx")
                    .table("admin_invitations")
                    .col("token_hash")
                    .to_owned(),
            )
            .await?;
        // One open invitation per email: two admins inviting the same address at once cannot both succeed. A
        // partial index, written the same on both databases.
        manager
            .get_connection()
            .execute_unprepared(
                "CREATE UNIQUE INDEX admin_invitations_open_email_idx ON admin_invitations (email_normalized) \
                 WHERE accepted_at IS NULL",
            )
            .await?;
        Ok(())
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager.drop_table(Table::drop().table("admin_invitations").to_owned()).await
    }
}
