//! Named queries on import records (with their row outcomes).

use std::collections::HashMap;

use chrono::{DateTime, Utc};
use sea_orm::sea_query::Expr;
use sea_orm::{
    ColumnTrait, ConnectionTrait, DbErr, EntityTrait, FromQueryResult, QueryFilter, QueryOrder, QuerySelect, Set,
};

use crate::entity::imports;
use domain::InvitationCounts;

pub use imports::Model as Import;

/// The record of one confirmed import, written in the same transaction as its users.
#[derive(Clone, Debug)]
pub struct NewImport {
    pub request_id: String,
    pub admin_id: i64,
    pub file_name: String,
    pub file_sha256: String,
    pub send_invitations: bool,
    pub total_rows: i32,
    pub created_count: i32,
    pub skipped_count: i32,
    /// Skipped rows that were users the portal already had.
    pub existing_count: i32,
    /// Every row's outcome, as JSON (see [`Import::outcomes`]).
    pub outcomes: String,
    /// What the request carried (see [`Import::request_fingerprint`]).
    pub request_fingerprint: String,
}

/// Inserts the import record and returns its id. A second record with the same `request_id` is refused by the
/// database (a unique violation), which is how two identical confirms racing each other are told apart.
pub async fn insert(db: &impl ConnectionTrait, new: NewImport) -> Result<i64, DbErr> {
    let model = imports::ActiveModel {
        request_id: Set(new.request_id),
        admin_id: Set(new.admin_id),
        file_name: Set(new.file_name),
        file_sha256: Set(new.file_sha256),
        send_invitations: Set(new.send_invitations),
        total_rows: Set(new.total_rows),
        created_count: Set(new.created_count),
        skipped_count: Set(new.skipped_count),
        existing_count: Set(Some(new.existing_count)),
        outcomes: Set(new.outcomes),
        request_fingerprint: Set(Some(new.request_fingerprint)),
        created_at: Set(Utc::now()),
        ..Default::default()
    };
    Ok(imports::Entity::insert(model).exec(db).await?.last_insert_id)
}

/// What a roster import (`update`, `update-only`, `sync`) did, written into its record once known (the record is
/// inserted first, so a twin request waits on its unique request id).
#[derive(Clone, Debug)]
pub struct RosterResult {
    pub mode: String,
    pub sync_group: Option<String>,
    pub total_rows: i32,
    pub created_count: i32,
    pub skipped_count: i32,
    pub existing_count: i32,
    pub updated_count: i32,
    pub unchanged_count: i32,
    pub removed_count: i32,
    pub suspended_count: i32,
    pub outcomes: String,
    pub undo_data: String,
}

/// Writes a roster import's result into its record.
pub async fn finish_roster(db: &impl ConnectionTrait, id: i64, result: RosterResult) -> Result<(), DbErr> {
    use imports::Column as C;
    imports::Entity::update_many()
        .col_expr(C::Mode, Expr::value(result.mode))
        .col_expr(C::SyncGroup, Expr::value(result.sync_group))
        .col_expr(C::TotalRows, Expr::value(result.total_rows))
        .col_expr(C::CreatedCount, Expr::value(result.created_count))
        .col_expr(C::SkippedCount, Expr::value(result.skipped_count))
        .col_expr(C::ExistingCount, Expr::value(result.existing_count))
        .col_expr(C::UpdatedCount, Expr::value(result.updated_count))
        .col_expr(C::UnchangedCount, Expr::value(result.unchanged_count))
        .col_expr(C::RemovedCount, Expr::value(result.removed_count))
        .col_expr(C::SuspendedCount, Expr::value(result.suspended_count))
        .col_expr(C::Outcomes, Expr::value(result.outcomes))
        .col_expr(C::UndoData, Expr::value(result.undo_data))
        .filter(C::Id.eq(id))
        .exec(db)
        .await?;
    Ok(())
}

/// The import a confirm request created, if that request was already carried out.
pub async fn find_by_request(db: &impl ConnectionTrait, request_id: &str) -> Result<Option<Import>, DbErr> {
    imports::Entity::find().filter(imports::Column::RequestId.eq(request_id)).one(db).await
}

/// One line of the import history: the record without its row outcomes (which can be large).
#[derive(Clone, Debug, PartialEq, Eq, FromQueryResult)]
pub struct ImportLine {
    pub id: i64,
    pub admin_id: i64,
    pub file_name: String,
    pub file_sha256: String,
    pub send_invitations: bool,
    pub total_rows: i32,
    pub created_count: i32,
    pub skipped_count: i32,
    pub existing_count: Option<i32>,
    pub created_at: DateTime<Utc>,
    pub undone_at: Option<DateTime<Utc>>,
    pub undone_by: Option<i64>,
    pub undo_removed: Option<i32>,
    pub undo_kept: Option<i32>,
    pub mode: Option<String>,
    pub sync_group: Option<String>,
    pub updated_count: Option<i32>,
    pub unchanged_count: Option<i32>,
    pub removed_count: Option<i32>,
    pub suspended_count: Option<i32>,
}

/// Import records, selecting an [`ImportLine`]'s columns.
fn lines() -> sea_orm::Select<imports::Entity> {
    use imports::Column as C;
    imports::Entity::find().select_only().columns([
        C::Id,
        C::AdminId,
        C::FileName,
        C::FileSha256,
        C::SendInvitations,
        C::TotalRows,
        C::CreatedCount,
        C::SkippedCount,
        C::ExistingCount,
        C::CreatedAt,
        C::UndoneAt,
        C::UndoneBy,
        C::UndoRemoved,
        C::UndoKept,
        C::Mode,
        C::SyncGroup,
        C::UpdatedCount,
        C::UnchangedCount,
        C::RemovedCount,
        C::SuspendedCount,
    ])
}

/// One page of the history, newest first, with a keyset cursor (`id < before_id`): page 200 costs what page 1
/// does. Returns the lines and the cursor of the next page.
pub async fn page(
    db: &impl ConnectionTrait,
    before_id: Option<i64>,
    limit: u64,
) -> Result<(Vec<ImportLine>, Option<i64>), DbErr> {
    let mut query = lines();
    if let Some(before) = before_id {
        query = query.filter(imports::Column::Id.lt(before));
    }
    let mut found =
        query.order_by_desc(imports::Column::Id).limit(limit + 1).into_model::<ImportLine>().all(db).await?;
    let next = if found.len() as u64 > limit {
        found.truncate(limit as usize);
        found.last().map(|line| line.id)
    } else {
        None
    };
    Ok((found, next))
}

/// The line of one import.
pub async fn line(db: &impl ConnectionTrait, id: i64) -> Result<Option<ImportLine>, DbErr> {
    lines().filter(imports::Column::Id.eq(id)).into_model::<ImportLine>().one(db).await
}

/// The whole record of one import, row outcomes included.
pub async fn find(db: &impl ConnectionTrait, id: i64) -> Result<Option<Import>, DbErr> {
    imports::Entity::find_by_id(id).one(db).await
}

/// The newest import of a file with this content that was not undone: "this file was already imported".
pub async fn latest_of_file(db: &impl ConnectionTrait, file_sha256: &str) -> Result<Option<ImportLine>, DbErr> {
    lines()
        .filter(imports::Column::FileSha256.eq(file_sha256))
        .filter(imports::Column::UndoneAt.is_null())
        .order_by_desc(imports::Column::Id)
        .into_model::<ImportLine>()
        .one(db)
        .await
}

/// Claims the undo of an import: sets who and when, only if it was not undone yet. Returns false when another
/// undo got there first. On PostgreSQL the row stays locked until the transaction ends, so a second undo waits
/// here and then sees the first.
pub async fn claim_undo(db: &impl ConnectionTrait, id: i64, admin_id: i64, now: DateTime<Utc>) -> Result<bool, DbErr> {
    let result = imports::Entity::update_many()
        .col_expr(imports::Column::UndoneAt, Expr::value(now))
        .col_expr(imports::Column::UndoneBy, Expr::value(admin_id))
        .filter(imports::Column::Id.eq(id))
        .filter(imports::Column::UndoneAt.is_null())
        .exec(db)
        .await?;
    Ok(result.rows_affected == 1)
}

/// Records what an undo did, in the transaction that claimed it.
pub async fn record_undo(db: &impl ConnectionTrait, id: i64, removed: i32, kept: i32) -> Result<(), DbErr> {
    imports::Entity::update_many()
        .col_expr(imports::Column::UndoRemoved, Expr::value(removed))
        .col_expr(imports::Column::UndoKept, Expr::value(kept))
        .filter(imports::Column::Id.eq(id))
        .exec(db)
        .await?;
    Ok(())
}

/// How many invitations of each import are queued (or being sent), sent and failed: one grouped query for a
/// page of the history.
pub async fn invitation_counts(
    db: &impl ConnectionTrait,
    import_ids: &[i64],
) -> Result<HashMap<i64, InvitationCounts>, DbErr> {
    use crate::entity::{invitations, users};
    use domain::InvitationState;
    if import_ids.is_empty() {
        return Ok(HashMap::new());
    }
    let rows: Vec<(Option<i64>, InvitationState, i64)> = invitations::Entity::find()
        .select_only()
        .column(users::Column::ImportId)
        .column(invitations::Column::State)
        .column_as(invitations::Column::Id.count(), "n")
        .inner_join(users::Entity)
        .filter(users::Column::ImportId.is_in(import_ids.iter().copied()))
        .group_by(users::Column::ImportId)
        .group_by(invitations::Column::State)
        .into_tuple()
        .all(db)
        .await?;
    let mut counts: HashMap<i64, InvitationCounts> = HashMap::new();
    for (import_id, state, n) in rows {
        let Some(import_id) = import_id else { continue };
        let entry = counts.entry(import_id).or_default();
        let n = u32::try_from(n).unwrap_or(u32::MAX);
        match state.as_seen_by_admin() {
            InvitationState::Sent => entry.sent += n,
            InvitationState::Failed => entry.failed += n,
            _ => entry.queued += n,
        }
    }
    Ok(counts)
}
