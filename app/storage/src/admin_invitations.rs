//! Named queries on admin invitations: the open ones an admin sees on the admins page, claiming them for the
//! delivery worker, and their accept tokens. The queue's own statements (claims, tokens, sent, retried, failed)
//! are `crate::queue`'s, shared with the learners' invitations.

use chrono::{DateTime, Duration, Utc};
use sea_orm::sea_query::Expr;
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, DatabaseConnection, DbErr, EntityTrait, QueryFilter, QueryOrder,
    Set,
};

use crate::entity::admin_invitations::{self, Column, Entity};
use crate::queue::{self, Admins};
use domain::InvitationState;

pub use admin_invitations::Model as AdminInvitation;

/// What a new invitation says: who is invited, in which language, by whom.
#[derive(Clone, Copy, Debug)]
pub struct NewInvitation<'a> {
    pub email: &'a str,
    pub email_normalized: &'a str,
    pub language: &'a str,
    pub invited_by: i64,
}

/// Queues a new invitation, due now. A second open invitation for the same email is refused by the unique index
/// (`crate::is_unique_violation`).
pub async fn insert(
    db: &impl ConnectionTrait,
    new: NewInvitation<'_>,
    now: DateTime<Utc>,
) -> Result<AdminInvitation, DbErr> {
    admin_invitations::ActiveModel {
        email: Set(new.email.to_owned()),
        email_normalized: Set(new.email_normalized.to_owned()),
        language: Set(new.language.to_owned()),
        invited_by: Set(new.invited_by),
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

/// The open (not accepted) invitation of this normalised email, if any.
pub async fn open_for_email(
    db: &impl ConnectionTrait,
    email_normalized: &str,
) -> Result<Option<AdminInvitation>, DbErr> {
    Entity::find()
        .filter(Column::EmailNormalized.eq(email_normalized))
        .filter(Column::AcceptedAt.is_null())
        .one(db)
        .await
}

/// Every open invitation, newest first (the admins page lists them; there are a handful).
pub async fn open(db: &impl ConnectionTrait) -> Result<Vec<AdminInvitation>, DbErr> {
    Entity::find().filter(Column::AcceptedAt.is_null()).order_by_desc(Column::Id).all(db).await
}

/// Removes an open invitation (its link stops working at once); returns whether there was one. An invitation
/// being sent at that moment loses its row: the worker's later updates change nothing, and its link never works.
pub async fn delete_open(db: &impl ConnectionTrait, id: i64) -> Result<bool, DbErr> {
    let result = Entity::delete_many().filter(Column::Id.eq(id)).filter(Column::AcceptedAt.is_null()).exec(db).await?;
    Ok(result.rows_affected == 1)
}

/// Claims up to `limit` due invitations for `lease`, marking them with `claim_token`.
pub async fn claim(
    db: &DatabaseConnection,
    claim_token: &str,
    now: DateTime<Utc>,
    lease: Duration,
    limit: u64,
) -> Result<Vec<AdminInvitation>, DbErr> {
    if !queue::claim_due::<Admins>(db, claim_token, now, lease, limit).await? {
        return Ok(Vec::new());
    }
    Entity::find().filter(queue::held_by::<Admins>(claim_token)).order_by_asc(Column::Id).all(db).await
}

/// The open invitation whose accept token has this hash.
pub async fn find_by_token_hash(db: &impl ConnectionTrait, token_hash: &str) -> Result<Option<AdminInvitation>, DbErr> {
    Entity::find().filter(Column::TokenHash.eq(token_hash)).filter(Column::AcceptedAt.is_null()).one(db).await
}

/// Uses up the accept token with this hash if it still works at `now`, marking the invitation accepted: one
/// conditional update, so of several requests with one link exactly one gets `true`.
pub async fn consume_token(
    db: &impl ConnectionTrait,
    id: i64,
    token_hash: &str,
    now: DateTime<Utc>,
) -> Result<bool, DbErr> {
    let result = Entity::update_many()
        .col_expr(Column::TokenHash, Expr::value(Option::<String>::None))
        .col_expr(Column::TokenExpiresAt, Expr::value(Option::<DateTime<Utc>>::None))
        .col_expr(Column::AcceptedAt, Expr::value(now))
        .col_expr(Column::UpdatedAt, Expr::value(now))
        .filter(Column::Id.eq(id))
        .filter(Column::TokenHash.eq(token_hash))
        .filter(Column::TokenExpiresAt.gt(now))
        .filter(Column::AcceptedAt.is_null())
        .exec(db)
        .await?;
    Ok(result.rows_affected == 1)
}

/// Records which admin account an accepted invitation made.
pub async fn set_admin(db: &impl ConnectionTrait, id: i64, admin_id: i64) -> Result<(), DbErr> {
    Entity::update_many().col_expr(Column::AdminId, Expr::value(admin_id)).filter(Column::Id.eq(id)).exec(db).await?;
    Ok(())
}
