//! The invitation queues as an operator watches them (the `/metrics` gauges): how many invitations wait or are
//! being sent, and since when the oldest of them waits. Both queries use the queues' (state, next attempt) index.

use chrono::{DateTime, Utc};
use domain::InvitationState;
use sea_orm::sea_query::{Expr, ExprTrait};
use sea_orm::{ColumnTrait, ConnectionTrait, DbErr, EntityTrait, QueryFilter, QuerySelect};

use crate::entity::{admin_invitations, invitations};

/// One queue's depth and age.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct QueueStats {
    /// Invitations queued or being sent.
    pub waiting: u64,
    /// When the oldest of them was queued; none when the queue is empty.
    pub oldest: Option<DateTime<Utc>>,
}

const WAITING: [InvitationState; 2] = [InvitationState::Queued, InvitationState::Sending];

/// The learners' invitations.
pub async fn learners(db: &impl ConnectionTrait) -> Result<QueueStats, DbErr> {
    let (waiting, oldest): (i64, Option<DateTime<Utc>>) = invitations::Entity::find()
        .select_only()
        .column_as(Expr::col(invitations::Column::Id).count(), "waiting")
        .column_as(Expr::col(invitations::Column::CreatedAt).min(), "oldest")
        .filter(invitations::Column::State.is_in(WAITING))
        .into_tuple()
        .one(db)
        .await?
        .unwrap_or((0, None));
    Ok(QueueStats { waiting: u64::try_from(waiting).unwrap_or(0), oldest })
}

/// The admins' invitations.
pub async fn admins(db: &impl ConnectionTrait) -> Result<QueueStats, DbErr> {
    let (waiting, oldest): (i64, Option<DateTime<Utc>>) = admin_invitations::Entity::find()
        .select_only()
        .column_as(Expr::col(admin_invitations::Column::Id).count(), "waiting")
        .column_as(Expr::col(admin_invitations::Column::CreatedAt).min(), "oldest")
        .filter(admin_invitations::Column::State.is_in(WAITING))
        .into_tuple()
        .one(db)
        .await?
        .unwrap_or((0, None));
    Ok(QueueStats { waiting: u64::try_from(waiting).unwrap_or(0), oldest })
}
