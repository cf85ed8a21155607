//! Named queries on admin invitations: the open ones an admin sees on the admins page, and their delivery queue.
//! The queue works as the learners' (`crate::invitations`): a worker claims due rows with a random claim token
//! (under `FOR UPDATE SKIP LOCKED` on PostgreSQL) and a lease, and every later step checks the claim, so two
//! workers never send one invitation and a worker whose lease ran out cannot overwrite the one that took over.

use chrono::{DateTime, Duration, Utc};
use sea_orm::sea_query::{CaseStatement, Expr, ExprTrait, LockBehavior, LockType};
use sea_orm::{
    ActiveModelTrait, ColumnTrait, Condition, ConnectionTrait, DatabaseConnection, DbErr, EntityTrait, QueryFilter,
    QueryOrder, QuerySelect, Set, UpdateMany,
};

use crate::entity::admin_invitations::{self, Column, Entity};
use crate::Backend;
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

fn due(now: DateTime<Utc>) -> Condition {
    Condition::all().add(Column::AcceptedAt.is_null()).add(
        Condition::any()
            .add(Condition::all().add(Column::State.eq(InvitationState::Queued)).add(Column::NextAttemptAt.lte(now)))
            // A claim whose lease ran out: its worker died between claiming and finishing.
            .add(Condition::all().add(Column::State.eq(InvitationState::Sending)).add(Column::LockedUntil.lt(now))),
    )
}

/// Claims up to `limit` due invitations for `lease`, marking them with `claim_token`.
pub async fn claim(
    db: &DatabaseConnection,
    claim_token: &str,
    now: DateTime<Utc>,
    lease: Duration,
    limit: u64,
) -> Result<Vec<AdminInvitation>, DbErr> {
    let txn = crate::begin_write(db).await?;
    let mut select =
        Entity::find().select_only().column(Column::Id).filter(due(now)).order_by_asc(Column::Id).limit(limit);
    if Backend::of(db) == Backend::Postgres {
        select = select.lock_with_behavior(LockType::Update, LockBehavior::SkipLocked);
    }
    let ids: Vec<i64> = select.into_tuple().all(&txn).await?;
    if ids.is_empty() {
        txn.commit().await?;
        return Ok(Vec::new());
    }
    Entity::update_many()
        .col_expr(Column::State, Expr::value(InvitationState::Sending))
        .col_expr(Column::LockedUntil, Expr::value(now + lease))
        .col_expr(Column::ClaimToken, Expr::value(claim_token))
        .col_expr(Column::Attempts, Expr::col(Column::Attempts).add(1))
        .col_expr(Column::UpdatedAt, Expr::value(now))
        .filter(Column::Id.is_in(ids))
        // Checked again: without row locks (SQLite) another worker may have claimed one meanwhile.
        .filter(due(now))
        .exec(&txn)
        .await?;
    txn.commit().await?;
    Entity::find()
        .filter(Column::ClaimToken.eq(claim_token))
        .filter(Column::State.eq(InvitationState::Sending))
        .order_by_asc(Column::Id)
        .all(db)
        .await
}

fn claimed_by(id: i64, claim_token: &str) -> Condition {
    Condition::all()
        .add(Column::Id.eq(id))
        .add(Column::ClaimToken.eq(claim_token))
        .add(Column::State.eq(InvitationState::Sending))
}

/// Ends this worker's claim with `state`, only while the claim is still this worker's.
fn end_claim(id: i64, claim_token: &str, state: InvitationState) -> UpdateMany<Entity> {
    Entity::update_many()
        .col_expr(Column::State, Expr::value(state))
        .col_expr(Column::ClaimToken, Expr::value(Option::<String>::None))
        .col_expr(Column::LockedUntil, Expr::value(Option::<DateTime<Utc>>::None))
        .col_expr(Column::UpdatedAt, Expr::value(Utc::now()))
        .filter(claimed_by(id, claim_token))
}

/// Stores the accept link's token hash before the email leaves, so the link works the moment it arrives.
/// Returns false when the claim was lost (another worker took over, or the invitation was cancelled).
pub async fn set_token(
    db: &impl ConnectionTrait,
    id: i64,
    claim_token: &str,
    token_hash: &str,
    expires_at: DateTime<Utc>,
) -> Result<bool, DbErr> {
    let result = Entity::update_many()
        .col_expr(Column::TokenHash, Expr::value(token_hash))
        .col_expr(Column::TokenExpiresAt, Expr::value(expires_at))
        .col_expr(Column::UpdatedAt, Expr::value(Utc::now()))
        .filter(claimed_by(id, claim_token))
        .exec(db)
        .await?;
    Ok(result.rows_affected == 1)
}

/// Stores the accept links' token hashes of a batch, `(id, hash)`, all expiring at `expires_at`, in one
/// statement. Returns the ids whose claim still held (the others were taken over after their lease ran out, or
/// cancelled): only those may be sent.
pub async fn set_tokens(
    db: &impl ConnectionTrait,
    claim_token: &str,
    hashes: &[(i64, String)],
    expires_at: DateTime<Utc>,
) -> Result<Vec<i64>, DbErr> {
    if hashes.is_empty() {
        return Ok(Vec::new());
    }
    let ids: Vec<i64> = hashes.iter().map(|(id, _)| *id).collect();
    let by_id = hashes
        .iter()
        .fold(CaseStatement::new(), |case, (id, hash)| case.case(Column::Id.eq(*id), Expr::value(hash.as_str())));
    let result = Entity::update_many()
        .col_expr(Column::TokenHash, Expr::Case(Box::new(by_id)))
        .col_expr(Column::TokenExpiresAt, Expr::value(expires_at))
        .col_expr(Column::UpdatedAt, Expr::value(Utc::now()))
        .filter(all_claimed_by(&ids, claim_token))
        .exec(db)
        .await?;
    if result.rows_affected == ids.len() as u64 {
        return Ok(ids);
    }
    // Some claims were lost: a lost claim never comes back (the claim token is this batch's own), so the rows
    // still claimed now are exactly those the update changed.
    Entity::find()
        .select_only()
        .column(Column::Id)
        .filter(all_claimed_by(&ids, claim_token))
        .order_by_asc(Column::Id)
        .into_tuple()
        .all(db)
        .await
}

/// Marks a batch sent in one statement: only the rows whose claim is still this worker's.
pub async fn mark_sent_many(
    db: &impl ConnectionTrait,
    ids: &[i64],
    claim_token: &str,
    now: DateTime<Utc>,
) -> Result<u64, DbErr> {
    if ids.is_empty() {
        return Ok(0);
    }
    let result = Entity::update_many()
        .col_expr(Column::State, Expr::value(InvitationState::Sent))
        .col_expr(Column::ClaimToken, Expr::value(Option::<String>::None))
        .col_expr(Column::LockedUntil, Expr::value(Option::<DateTime<Utc>>::None))
        .col_expr(Column::UpdatedAt, Expr::value(Utc::now()))
        .col_expr(Column::SentAt, Expr::value(now))
        .col_expr(Column::LastError, Expr::value(Option::<String>::None))
        .filter(all_claimed_by(ids, claim_token))
        .exec(db)
        .await?;
    Ok(result.rows_affected)
}

fn all_claimed_by(ids: &[i64], claim_token: &str) -> Condition {
    Condition::all()
        .add(Column::Id.is_in(ids.iter().copied()))
        .add(Column::ClaimToken.eq(claim_token))
        .add(Column::State.eq(InvitationState::Sending))
}

pub async fn mark_sent(db: &impl ConnectionTrait, id: i64, claim_token: &str, now: DateTime<Utc>) -> Result<(), DbErr> {
    end_claim(id, claim_token, InvitationState::Sent)
        .col_expr(Column::SentAt, Expr::value(now))
        .col_expr(Column::LastError, Expr::value(Option::<String>::None))
        .exec(db)
        .await?;
    Ok(())
}

/// A temporary failure: back in the queue, due at `at`.
pub async fn retry_later(
    db: &impl ConnectionTrait,
    id: i64,
    claim_token: &str,
    at: DateTime<Utc>,
    error: &str,
) -> Result<(), DbErr> {
    end_claim(id, claim_token, InvitationState::Queued)
        .col_expr(Column::NextAttemptAt, Expr::value(at))
        .col_expr(Column::LastError, Expr::value(error))
        .exec(db)
        .await?;
    Ok(())
}

/// A permanent failure (or too many temporary ones): the admins page shows it; inviting again replaces it.
pub async fn mark_failed(db: &impl ConnectionTrait, id: i64, claim_token: &str, error: &str) -> Result<(), DbErr> {
    end_claim(id, claim_token, InvitationState::Failed)
        .col_expr(Column::LastError, Expr::value(error))
        .exec(db)
        .await?;
    Ok(())
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
