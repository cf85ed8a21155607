//! The delivery queue's statements, written once for every queue ([`Learners`]: `invitations`, [`Admins`]:
//! `admin_invitations`, [`Notices`]: `notices`, tables with the same queue columns; the invitations also carry an
//! accept link's token, [`TokenQueue`]). A worker claims due rows with a random
//! claim token (under `FOR UPDATE SKIP LOCKED` on PostgreSQL) and a lease, so two workers, in one process or in
//! several server instances, never take the same row; every later step checks the claim, so a worker whose lease
//! ran out cannot overwrite the work of the one that took over.

use chrono::{DateTime, Duration, Utc};
use domain::InvitationState;
use sea_orm::sea_query::{CaseStatement, Expr, ExprTrait, LockBehavior, LockType};
use sea_orm::{
    ColumnTrait, Condition, ConnectionTrait, DatabaseConnection, DbErr, EntityTrait, QueryFilter, QueryOrder,
    QuerySelect, UpdateMany,
};

use crate::entity::{admin_invitations, invitations, notices};
use crate::Backend;

/// The learners' invitations.
pub type Learners = invitations::Entity;
/// The admins' invitations.
pub type Admins = admin_invitations::Entity;
/// The account notices (an Active learner's email changed): no link, no token.
pub type Notices = notices::Entity;

/// A table that is a delivery queue: its queue columns, by role.
pub trait InvitationQueue: EntityTrait {
    const ID: Self::Column;
    const STATE: Self::Column;
    const ATTEMPTS: Self::Column;
    const NEXT_ATTEMPT_AT: Self::Column;
    const LOCKED_UNTIL: Self::Column;
    const CLAIM_TOKEN: Self::Column;
    const LAST_ERROR: Self::Column;
    const SENT_AT: Self::Column;
    const CREATED_AT: Self::Column;
    const UPDATED_AT: Self::Column;

    /// The rows that may still be sent at all (an accepted admin invitation is done, whatever its state).
    fn open() -> Condition {
        Condition::all()
    }
}

/// A queue whose emails carry an accept link: its token's hash is stored before the email leaves.
pub trait TokenQueue: InvitationQueue {
    const TOKEN_HASH: Self::Column;
    const TOKEN_EXPIRES_AT: Self::Column;
}

impl InvitationQueue for Learners {
    const ID: Self::Column = invitations::Column::Id;
    const STATE: Self::Column = invitations::Column::State;
    const ATTEMPTS: Self::Column = invitations::Column::Attempts;
    const NEXT_ATTEMPT_AT: Self::Column = invitations::Column::NextAttemptAt;
    const LOCKED_UNTIL: Self::Column = invitations::Column::LockedUntil;
    const CLAIM_TOKEN: Self::Column = invitations::Column::ClaimToken;
    const LAST_ERROR: Self::Column = invitations::Column::LastError;
    const SENT_AT: Self::Column = invitations::Column::SentAt;
    const CREATED_AT: Self::Column = invitations::Column::CreatedAt;
    const UPDATED_AT: Self::Column = invitations::Column::UpdatedAt;
}

impl TokenQueue for Learners {
    const TOKEN_HASH: Self::Column = invitations::Column::TokenHash;
    const TOKEN_EXPIRES_AT: Self::Column = invitations::Column::TokenExpiresAt;
}

impl InvitationQueue for Admins {
    const ID: Self::Column = admin_invitations::Column::Id;
    const STATE: Self::Column = admin_invitations::Column::State;
    const ATTEMPTS: Self::Column = admin_invitations::Column::Attempts;
    const NEXT_ATTEMPT_AT: Self::Column = admin_invitations::Column::NextAttemptAt;
    const LOCKED_UNTIL: Self::Column = admin_invitations::Column::LockedUntil;
    const CLAIM_TOKEN: Self::Column = admin_invitations::Column::ClaimToken;
    const LAST_ERROR: Self::Column = admin_invitations::Column::LastError;
    const SENT_AT: Self::Column = admin_invitations::Column::SentAt;
    const CREATED_AT: Self::Column = admin_invitations::Column::CreatedAt;
    const UPDATED_AT: Self::Column = admin_invitations::Column::UpdatedAt;

    fn open() -> Condition {
        Condition::all().add(admin_invitations::Column::AcceptedAt.is_null())
    }
}

impl TokenQueue for Admins {
    const TOKEN_HASH: Self::Column = admin_invitations::Column::TokenHash;
    const TOKEN_EXPIRES_AT: Self::Column = admin_invitations::Column::TokenExpiresAt;
}

impl InvitationQueue for Notices {
    const ID: Self::Column = notices::Column::Id;
    const STATE: Self::Column = notices::Column::State;
    const ATTEMPTS: Self::Column = notices::Column::Attempts;
    const NEXT_ATTEMPT_AT: Self::Column = notices::Column::NextAttemptAt;
    const LOCKED_UNTIL: Self::Column = notices::Column::LockedUntil;
    const CLAIM_TOKEN: Self::Column = notices::Column::ClaimToken;
    const LAST_ERROR: Self::Column = notices::Column::LastError;
    const SENT_AT: Self::Column = notices::Column::SentAt;
    const CREATED_AT: Self::Column = notices::Column::CreatedAt;
    const UPDATED_AT: Self::Column = notices::Column::UpdatedAt;
}

fn due<Q: InvitationQueue>(now: DateTime<Utc>) -> Condition {
    Q::open().add(
        Condition::any()
            .add(Condition::all().add(Q::STATE.eq(InvitationState::Queued)).add(Q::NEXT_ATTEMPT_AT.lte(now)))
            // A claim whose lease ran out: its worker died between claiming and finishing.
            .add(Condition::all().add(Q::STATE.eq(InvitationState::Sending)).add(Q::LOCKED_UNTIL.lt(now))),
    )
}

/// Claims up to `limit` due rows for `lease`, marking them with `claim_token`; the caller then reads the rows
/// claimed with this token (with what it needs beside them). Returns whether any was claimed.
pub(crate) async fn claim_due<Q: InvitationQueue>(
    db: &DatabaseConnection,
    claim_token: &str,
    now: DateTime<Utc>,
    lease: Duration,
    limit: u64,
) -> Result<bool, DbErr> {
    let txn = crate::begin_write(db).await?;
    let mut select = Q::find().select_only().column(Q::ID).filter(due::<Q>(now)).order_by_asc(Q::ID).limit(limit);
    if Backend::of(db) == Backend::Postgres {
        select = select.lock_with_behavior(LockType::Update, LockBehavior::SkipLocked);
    }
    let ids: Vec<i64> = select.into_tuple().all(&txn).await?;
    if ids.is_empty() {
        txn.commit().await?;
        return Ok(false);
    }
    Q::update_many()
        .col_expr(Q::STATE, Expr::value(InvitationState::Sending))
        .col_expr(Q::LOCKED_UNTIL, Expr::value(now + lease))
        .col_expr(Q::CLAIM_TOKEN, Expr::value(claim_token))
        .col_expr(Q::ATTEMPTS, Expr::col(Q::ATTEMPTS).add(1))
        .col_expr(Q::UPDATED_AT, Expr::value(now))
        .filter(Q::ID.is_in(ids))
        // Checked again: without row locks (SQLite) another worker may have claimed one meanwhile.
        .filter(due::<Q>(now))
        .exec(&txn)
        .await?;
    txn.commit().await?;
    Ok(true)
}

/// The rows this claim holds now.
pub(crate) fn held_by<Q: InvitationQueue>(claim_token: &str) -> Condition {
    Condition::all().add(Q::CLAIM_TOKEN.eq(claim_token)).add(Q::STATE.eq(InvitationState::Sending))
}

fn claimed_by<Q: InvitationQueue>(id: i64, claim_token: &str) -> Condition {
    held_by::<Q>(claim_token).add(Q::ID.eq(id))
}

fn all_claimed_by<Q: InvitationQueue>(ids: &[i64], claim_token: &str) -> Condition {
    held_by::<Q>(claim_token).add(Q::ID.is_in(ids.iter().copied()))
}

/// The update that ends this worker's claim on `rows` with `state`: the claim token and lease are cleared. Callers
/// add what the outcome sets.
fn end_claim<Q: InvitationQueue>(rows: Condition, state: InvitationState) -> UpdateMany<Q> {
    Q::update_many()
        .col_expr(Q::STATE, Expr::value(state))
        .col_expr(Q::CLAIM_TOKEN, Expr::value(Option::<String>::None))
        .col_expr(Q::LOCKED_UNTIL, Expr::value(Option::<DateTime<Utc>>::None))
        .col_expr(Q::UPDATED_AT, Expr::value(Utc::now()))
        .filter(rows)
}

/// Stores the accept link's token hash before the email leaves, so the link works the moment it arrives.
/// Returns false when the claim was lost (the lease ran out and another worker took the row, or it was
/// cancelled).
pub async fn set_token<Q: TokenQueue>(
    db: &impl ConnectionTrait,
    id: i64,
    claim_token: &str,
    token_hash: &str,
    expires_at: DateTime<Utc>,
) -> Result<bool, DbErr> {
    let result = Q::update_many()
        .col_expr(Q::TOKEN_HASH, Expr::value(token_hash))
        .col_expr(Q::TOKEN_EXPIRES_AT, Expr::value(expires_at))
        .col_expr(Q::UPDATED_AT, Expr::value(Utc::now()))
        .filter(claimed_by::<Q>(id, claim_token))
        .exec(db)
        .await?;
    Ok(result.rows_affected == 1)
}

/// Stores the accept links' token hashes of a batch, `(id, hash)`, all expiring at `expires_at`, in one
/// statement. Returns the ids whose claim still held (the others were taken over after their lease ran out, or
/// cancelled): only those may be sent.
pub async fn set_tokens<Q: TokenQueue>(
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
        .fold(CaseStatement::new(), |case, (id, hash)| case.case(Q::ID.eq(*id), Expr::value(hash.as_str())));
    let result = Q::update_many()
        .col_expr(Q::TOKEN_HASH, Expr::Case(Box::new(by_id)))
        .col_expr(Q::TOKEN_EXPIRES_AT, Expr::value(expires_at))
        .col_expr(Q::UPDATED_AT, Expr::value(Utc::now()))
        .filter(all_claimed_by::<Q>(&ids, claim_token))
        .exec(db)
        .await?;
    if result.rows_affected == ids.len() as u64 {
        return Ok(ids);
    }
    // Some claims were lost: a lost claim never comes back (the claim token is this batch's own), so the rows
    // still claimed now are exactly those the update changed.
    Q::find()
        .select_only()
        .column(Q::ID)
        .filter(all_claimed_by::<Q>(&ids, claim_token))
        .order_by_asc(Q::ID)
        .into_tuple()
        .all(db)
        .await
}

/// Marks one row sent, only while the claim is still this worker's.
pub async fn mark_sent<Q: InvitationQueue>(
    db: &impl ConnectionTrait,
    id: i64,
    claim_token: &str,
    now: DateTime<Utc>,
) -> Result<(), DbErr> {
    mark_sent_many::<Q>(db, &[id], claim_token, now).await.map(drop)
}

/// Marks a batch sent in one statement: only the rows whose claim is still this worker's. Returns how many.
pub async fn mark_sent_many<Q: InvitationQueue>(
    db: &impl ConnectionTrait,
    ids: &[i64],
    claim_token: &str,
    now: DateTime<Utc>,
) -> Result<u64, DbErr> {
    if ids.is_empty() {
        return Ok(0);
    }
    let result = end_claim::<Q>(all_claimed_by::<Q>(ids, claim_token), InvitationState::Sent)
        .col_expr(Q::SENT_AT, Expr::value(now))
        .col_expr(Q::LAST_ERROR, Expr::value(Option::<String>::None))
        .exec(db)
        .await?;
    Ok(result.rows_affected)
}

/// A temporary failure: back in the queue, due at `at`.
pub async fn retry_later<Q: InvitationQueue>(
    db: &impl ConnectionTrait,
    id: i64,
    claim_token: &str,
    at: DateTime<Utc>,
    error: &str,
) -> Result<(), DbErr> {
    finish_unsent::<Q>(db, id, claim_token, InvitationState::Queued, at, error).await
}

/// A permanent failure (or too many temporary ones): the admin sees `error` (the learner's row in the users list,
/// or the admins page) and may send again.
pub async fn mark_failed<Q: InvitationQueue>(
    db: &impl ConnectionTrait,
    id: i64,
    claim_token: &str,
    error: &str,
) -> Result<(), DbErr> {
    finish_unsent::<Q>(db, id, claim_token, InvitationState::Failed, Utc::now(), error).await
}

async fn finish_unsent<Q: InvitationQueue>(
    db: &impl ConnectionTrait,
    id: i64,
    claim_token: &str,
    state: InvitationState,
    at: DateTime<Utc>,
    error: &str,
) -> Result<(), DbErr> {
    end_claim::<Q>(claimed_by::<Q>(id, claim_token), state)
        .col_expr(Q::NEXT_ATTEMPT_AT, Expr::value(at))
        .col_expr(Q::LAST_ERROR, Expr::value(error))
        .exec(db)
        .await?;
    Ok(())
}

/// A queue as an operator watches it (the `/metrics` gauges).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct QueueStats {
    /// Rows (invitations, notices) queued or being sent.
    pub waiting: u64,
    /// When the oldest of them was queued; none when the queue is empty.
    pub oldest: Option<DateTime<Utc>>,
}

/// How many rows wait or are being sent, and since when the oldest of them waits: one query on the
/// queue's (state, next attempt) index.
pub async fn stats<Q: InvitationQueue>(db: &impl ConnectionTrait) -> Result<QueueStats, DbErr> {
    let (waiting, oldest): (i64, Option<DateTime<Utc>>) = Q::find()
        .select_only()
        .column_as(Expr::col(Q::ID).count(), "waiting")
        .column_as(Expr::col(Q::CREATED_AT).min(), "oldest")
        .filter(Q::STATE.is_in([InvitationState::Queued, InvitationState::Sending]))
        .into_tuple()
        .one(db)
        .await?
        .unwrap_or((0, None));
    Ok(QueueStats { waiting: u64::try_from(waiting).unwrap_or(0), oldest })
}
