//! Named queries on account notices: queuing the "your sign-in email was changed" notice (inside the import's own
//! transaction) and claiming due notices for the delivery worker. The queue's own statements (claims, sent,
//! retried, failed) are `crate::queue`'s, shared with the invitations; a notice has no link, so no token.

use chrono::{DateTime, Duration, Utc};
use sea_orm::{
    ActiveModelTrait, ConnectionTrait, DatabaseConnection, DbErr, EntityTrait, QueryFilter, QueryOrder, Set,
};

use crate::entity::notices::{self, Column, Entity, NoticeKind};
use crate::queue::{self, Notices};
use domain::InvitationState;

pub use notices::Model as Notice;

/// Queues, due at `now`, the notice to an Active learner's `old_email` that their sign-in email is now
/// `new_email`, in `language`. Call it in the transaction that changes the address: no commit, no notice.
pub async fn queue_email_changed(
    db: &impl ConnectionTrait,
    user_id: i64,
    old_email: &str,
    new_email: &str,
    language: &str,
    now: DateTime<Utc>,
) -> Result<Notice, DbErr> {
    notices::ActiveModel {
        user_id: Set(Some(user_id)),
        kind: Set(NoticeKind::EmailChanged),
        to_email: Set(old_email.to_owned()),
        new_email: Set(Some(new_email.to_owned())),
        language: Set(language.to_owned()),
        state: Set(InvitationState::Queued),
        attempts: Set(0),
        next_attempt_at: Set(now),
        created_at: Set(now),
        updated_at: Set(now),
        ..Default::default()
    }
    .insert(db)
    .await
}

/// Claims up to `limit` due notices for `lease`, marking them with `claim_token`.
pub async fn claim(
    db: &DatabaseConnection,
    claim_token: &str,
    now: DateTime<Utc>,
    lease: Duration,
    limit: u64,
) -> Result<Vec<Notice>, DbErr> {
    if !queue::claim_due::<Notices>(db, claim_token, now, lease, limit).await? {
        return Ok(Vec::new());
    }
    Entity::find().filter(queue::held_by::<Notices>(claim_token)).order_by_asc(Column::Id).all(db).await
}

/// Marks a batch of notices sent, only those whose claim is still `claim_token`'s. Returns how many.
pub async fn mark_sent_many(
    db: &impl ConnectionTrait,
    ids: &[i64],
    claim_token: &str,
    now: DateTime<Utc>,
) -> Result<u64, DbErr> {
    queue::mark_sent_many::<Notices>(db, ids, claim_token, now).await
}

/// A temporary failure: the notice goes back to the queue, due at `at`.
pub async fn retry_later(
    db: &impl ConnectionTrait,
    id: i64,
    claim_token: &str,
    at: DateTime<Utc>,
    error: &str,
) -> Result<(), DbErr> {
    queue::retry_later::<Notices>(db, id, claim_token, at, error).await
}

/// A permanent failure (or too many temporary ones): the reason is kept on the row.
pub async fn mark_failed(db: &impl ConnectionTrait, id: i64, claim_token: &str, error: &str) -> Result<(), DbErr> {
    queue::mark_failed::<Notices>(db, id, claim_token, error).await
}

/// The notices about this learner, oldest first.
pub async fn of_user(db: &impl ConnectionTrait, user_id: i64) -> Result<Vec<Notice>, DbErr> {
    use sea_orm::ColumnTrait;
    Entity::find().filter(Column::UserId.eq(user_id)).order_by_asc(Column::Id).all(db).await
}
