//! Named queries on the learners' invitations: queuing them (one per imported learner), claiming them for the
//! delivery worker with their learner, resending, and their accept tokens. The queue's own statements (claims,
//! tokens, sent, retried, failed) are `crate::queue`'s, shared with the admins' invitations.

use std::collections::HashMap;

use chrono::{DateTime, Duration, Utc};
use sea_orm::sea_query::{Expr, ExprTrait, Order, Query};
use sea_orm::{
    ActiveEnum, ColumnTrait, Condition, ConnectionTrait, DatabaseConnection, DbErr, EntityTrait, QueryFilter,
    QueryOrder, QuerySelect, Set,
};

use crate::entity::invitations::{self, Column, Entity};
use crate::entity::users;
use crate::queue::{self, Learners};
use domain::InvitationState;

pub use invitations::Model as Invitation;

/// Queues one invitation per user, due now, in one statement (inside the import's transaction).
pub async fn queue_many(db: &impl ConnectionTrait, user_ids: &[i64]) -> Result<(), DbErr> {
    if user_ids.is_empty() {
        return Ok(());
    }
    let now = Utc::now();
    let models = user_ids.iter().map(|&user_id| invitations::ActiveModel {
        user_id: Set(user_id),
        state: Set(InvitationState::Queued),
        attempts: Set(0),
        next_attempt_at: Set(now),
        created_at: Set(now),
        updated_at: Set(now),
        ..Default::default()
    });
    Entity::insert_many(models).exec_without_returning(db).await?;
    Ok(())
}

/// Queues one invitation, due now, for every user an import created, in one `INSERT ... SELECT` inside the
/// import's transaction: the ids never travel to the server and back.
pub async fn queue_for_import(db: &impl ConnectionTrait, import_id: i64) -> Result<(), DbErr> {
    let now = Utc::now();
    let users_of_import = Query::select()
        .column(users::Column::Id)
        .expr(Expr::val(InvitationState::Queued.to_value()))
        .expr(Expr::val(0))
        .expr(Expr::val(now))
        .expr(Expr::val(now))
        .expr(Expr::val(now))
        .from(users::Entity)
        .and_where(users::Column::ImportId.eq(import_id))
        .order_by(users::Column::Id, Order::Asc)
        .to_owned();
    let insert = Query::insert()
        .into_table(Entity)
        .columns([
            Column::UserId,
            Column::State,
            Column::Attempts,
            Column::NextAttemptAt,
            Column::CreatedAt,
            Column::UpdatedAt,
        ])
        .select_from(users_of_import)
        .map_err(|e| DbErr::Custom(e.to_string()))?
        .to_owned();
    db.execute(&insert).await?;
    Ok(())
}

/// An invitation a worker has claimed, with what the email needs.
#[derive(Clone, Debug)]
pub struct Claimed {
    pub invitation: Invitation,
    pub user: users::Model,
}

/// Claims up to `limit` due invitations for `lease`, marking them with `claim_token`; each comes with its learner.
pub async fn claim(
    db: &DatabaseConnection,
    claim_token: &str,
    now: DateTime<Utc>,
    lease: Duration,
    limit: u64,
) -> Result<Vec<Claimed>, DbErr> {
    if !queue::claim_due::<Learners>(db, claim_token, now, lease, limit).await? {
        return Ok(Vec::new());
    }
    let claimed = Entity::find()
        .filter(queue::held_by::<Learners>(claim_token))
        .find_also_related(users::Entity)
        .order_by_asc(Column::Id)
        .all(db)
        .await?;
    Ok(claimed.into_iter().filter_map(|(invitation, user)| user.map(|user| Claimed { invitation, user })).collect())
}

/// Queues a (new) invitation for a user, due now: the admin's Resend, or a learner's first sign-in. An invitation
/// already waiting or being sent is left alone; one sent or failed less than `min_gap` ago is not sent again.
/// Returns whether an invitation was queued.
pub async fn requeue(db: &impl ConnectionTrait, user_id: i64, min_gap: Duration) -> Result<bool, DbErr> {
    let now = Utc::now();
    match Entity::find().filter(Column::UserId.eq(user_id)).one(db).await? {
        None => {
            queue_many(db, &[user_id]).await?;
            Ok(true)
        }
        Some(existing) => {
            if matches!(existing.state, InvitationState::Queued | InvitationState::Sending)
                || existing.updated_at > now - min_gap
            {
                return Ok(false);
            }
            let result = back_to_queued(now)
                .filter(Column::Id.eq(existing.id))
                .filter(Column::State.is_in([InvitationState::Sent, InvitationState::Failed]))
                .exec(db)
                .await?;
            Ok(result.rows_affected == 1)
        }
    }
}

/// The users of every failed invitation (the admin's "Resend all failed").
pub async fn failed_user_ids(db: &impl ConnectionTrait) -> Result<Vec<i64>, DbErr> {
    Entity::find()
        .select_only()
        .column(Column::UserId)
        .filter(Column::State.eq(InvitationState::Failed))
        .order_by_asc(Column::Id)
        .into_tuple()
        .all(db)
        .await
}

/// What one batch of [`requeue_failed`] did.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct RequeuedBatch {
    /// How many invitations went back into the queue.
    pub queued: u64,
    /// Pass back as `after_id` for the next batch; `None` when no failed invitation is left beyond it.
    pub next_after_id: Option<i64>,
}

/// Queues again, due now, the failed invitations of Pending users among the next `limit` failed invitations with
/// an id above `after_id`, except those that failed less than `min_gap` ago (as [`requeue`]). Two statements
/// whatever the number of failures, and a keyset on the id, so "Resend all failed" walks a long list in bounded
/// batches and ends even while the worker keeps failing others.
pub async fn requeue_failed(
    db: &impl ConnectionTrait,
    after_id: i64,
    limit: u64,
    min_gap: Duration,
) -> Result<RequeuedBatch, DbErr> {
    let now = Utc::now();
    let ids: Vec<i64> = Entity::find()
        .select_only()
        .column(Column::Id)
        .filter(Column::State.eq(InvitationState::Failed))
        .filter(Column::Id.gt(after_id))
        .order_by_asc(Column::Id)
        .limit(limit)
        .into_tuple()
        .all(db)
        .await?;
    let Some(&last) = ids.last() else {
        return Ok(RequeuedBatch { queued: 0, next_after_id: None });
    };
    let pending_users = Query::select()
        .column(users::Column::Id)
        .from(users::Entity)
        .and_where(users::Column::Status.eq(domain::UserStatus::Pending))
        .to_owned();
    let result = back_to_queued(now)
        .filter(Column::Id.is_in(ids.iter().copied()))
        // Checked again in the update itself: the state may have changed since the ids were read.
        .filter(Column::State.eq(InvitationState::Failed))
        .filter(Column::UpdatedAt.lte(now - min_gap))
        .filter(Column::UserId.in_subquery(pending_users))
        .exec(db)
        .await?;
    let full = ids.len() as u64 == limit;
    Ok(RequeuedBatch { queued: result.rows_affected, next_after_id: full.then_some(last) })
}

/// The invitation whose accept token has this hash, with its user.
pub async fn find_by_token_hash(
    db: &impl ConnectionTrait,
    token_hash: &str,
) -> Result<Option<(Invitation, users::Model)>, DbErr> {
    let found =
        Entity::find().filter(Column::TokenHash.eq(token_hash)).find_also_related(users::Entity).one(db).await?;
    Ok(found.and_then(|(invitation, user)| user.map(|user| (invitation, user))))
}

/// Uses up the accept token with this hash if it still works at `now`: one conditional update, so of several
/// requests with one link exactly one changes the row, and only that one gets `true` (the others wait for its
/// row lock on PostgreSQL, or for the write lock on SQLite, and then find the token gone).
pub async fn consume_token(
    db: &impl ConnectionTrait,
    id: i64,
    token_hash: &str,
    now: DateTime<Utc>,
) -> Result<bool, DbErr> {
    let result = Entity::update_many()
        .col_expr(Column::TokenHash, Expr::value(Option::<String>::None))
        .col_expr(Column::TokenExpiresAt, Expr::value(Option::<DateTime<Utc>>::None))
        .col_expr(Column::UpdatedAt, Expr::value(now))
        .filter(Column::Id.eq(id))
        .filter(Column::TokenHash.eq(token_hash))
        .filter(Column::TokenExpiresAt.gt(now))
        .exec(db)
        .await?;
    Ok(result.rows_affected == 1)
}

/// The invitations of these users, by user id (the Users list's invitation column).
pub async fn of_users(db: &impl ConnectionTrait, user_ids: &[i64]) -> Result<HashMap<i64, Invitation>, DbErr> {
    if user_ids.is_empty() {
        return Ok(HashMap::new());
    }
    let rows = Entity::find().filter(Column::UserId.is_in(user_ids.iter().copied())).all(db).await?;
    Ok(rows.into_iter().map(|i| (i.user_id, i)).collect())
}

/// An update that sends invitations back to the queue as new: due now, no attempt made, no error kept. Callers
/// add which rows, and the conditions that must still hold.
fn back_to_queued(now: DateTime<Utc>) -> sea_orm::UpdateMany<Entity> {
    Entity::update_many()
        .col_expr(Column::State, Expr::value(InvitationState::Queued))
        .col_expr(Column::Attempts, Expr::value(0))
        .col_expr(Column::NextAttemptAt, Expr::value(now))
        .col_expr(Column::LastError, Expr::value(Option::<String>::None))
        .col_expr(Column::UpdatedAt, Expr::value(now))
}

/// Removes the invitations of the users an undo may remove (created by this import, still Pending, unchanged),
/// except one whose link was just used: its accept holds the row and will make the user Active, so the undo
/// must keep both. Runs before [`crate::users::delete_for_undo`], in the same order as an accept takes its locks
/// (invitation, then user), so the two cannot deadlock. Returns how many were removed.
pub async fn delete_for_undo(db: &impl ConnectionTrait, import_id: i64) -> Result<u64, DbErr> {
    let undoable_users = Query::select()
        .column(users::Column::Id)
        .from(users::Entity)
        .and_where(users::Column::ImportId.eq(import_id))
        .and_where(users::Column::Status.eq(domain::UserStatus::Pending))
        .and_where(Expr::col(users::Column::UpdatedAt).eq(Expr::col(users::Column::CreatedAt)))
        .to_owned();
    // A used link: sent, and its token cleared by the accept (`consume_token`).
    let used_link = Condition::all().add(Column::State.eq(InvitationState::Sent)).add(Column::TokenHash.is_null());
    let result = Entity::delete_many()
        .filter(Column::UserId.in_subquery(undoable_users))
        .filter(used_link.not())
        .exec(db)
        .await?;
    Ok(result.rows_affected)
}

/// Removes a user's invitation, if any (before the user is removed, or to issue a new one).
pub async fn delete_of_user(db: &impl ConnectionTrait, user_id: i64) -> Result<(), DbErr> {
    Entity::delete_many().filter(Column::UserId.eq(user_id)).exec(db).await?;
    Ok(())
}

/// Cancels the invitations of these users that are still waiting to be sent (a Suspended learner gets none; one being
/// sent right now finishes, and its link does not work for a Suspended learner). Returns how many.
pub async fn cancel_waiting(db: &impl ConnectionTrait, user_ids: &[i64]) -> Result<u64, DbErr> {
    let mut cancelled = 0;
    for chunk in user_ids.chunks(500) {
        cancelled += Entity::delete_many()
            .filter(Column::UserId.is_in(chunk.iter().copied()))
            .filter(Column::State.eq(domain::InvitationState::Queued))
            .exec(db)
            .await?
            .rows_affected;
    }
    Ok(cancelled)
}

/// Queues again, due now, the invitations of these users that are still Pending and whose invitation was sent or
/// failed; queues a first one for those who have none. Leaves alone what is already waiting or being sent. Three
/// statements per batch of users (a bulk Resend). Returns how many were queued.
pub async fn resend_many(db: &impl ConnectionTrait, user_ids: &[i64]) -> Result<u64, DbErr> {
    if user_ids.is_empty() {
        return Ok(0);
    }
    let now = Utc::now();
    let pending: Vec<i64> = users::Entity::find()
        .select_only()
        .column(users::Column::Id)
        .filter(users::Column::Id.is_in(user_ids.iter().copied()))
        .filter(users::Column::Status.eq(domain::UserStatus::Pending))
        .into_tuple()
        .all(db)
        .await?;
    let invited: Vec<i64> = Entity::find()
        .select_only()
        .column(Column::UserId)
        .filter(Column::UserId.is_in(pending.iter().copied()))
        .into_tuple()
        .all(db)
        .await?;
    let never: Vec<i64> = pending.iter().copied().filter(|id| !invited.contains(id)).collect();
    queue_many(db, &never).await?;
    let again = back_to_queued(now)
        .filter(Column::UserId.is_in(invited))
        .filter(Column::State.is_in([InvitationState::Sent, InvitationState::Failed]))
        .exec(db)
        .await?;
    Ok(again.rows_affected + never.len() as u64)
}

/// Removes the invitations of these users (before the users themselves).
pub async fn delete_of_users(db: &impl ConnectionTrait, user_ids: &[i64]) -> Result<(), DbErr> {
    Entity::delete_many().filter(Column::UserId.is_in(user_ids.iter().copied())).exec(db).await?;
    Ok(())
}
