//! Named queries on the invitation delivery queue.

use chrono::Utc;
use sea_orm::{ConnectionTrait, DbErr, EntityTrait, Set};

use crate::entity::invitations::{self, State};

pub use invitations::Model as Invitation;

/// Queues one invitation per user, due now, in one statement (inside the import's transaction).
pub async fn queue_many(db: &impl ConnectionTrait, user_ids: &[i64]) -> Result<(), DbErr> {
    if user_ids.is_empty() {
        return Ok(());
    }
    let now = Utc::now();
    let models = user_ids.iter().map(|&user_id| invitations::ActiveModel {
        user_id: Set(user_id),
        state: Set(State::Queued),
        attempts: Set(0),
        next_attempt_at: Set(now),
        created_at: Set(now),
        updated_at: Set(now),
        ..Default::default()
    });
    invitations::Entity::insert_many(models).exec_without_returning(db).await?;
    Ok(())
}
