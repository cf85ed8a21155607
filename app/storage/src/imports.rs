//! Named queries on import records (with their row outcomes).

use chrono::Utc;
use sea_orm::{ColumnTrait, ConnectionTrait, DbErr, EntityTrait, QueryFilter, Set};

use crate::entity::imports;

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
        outcomes: Set(new.outcomes),
        request_fingerprint: Set(Some(new.request_fingerprint)),
        created_at: Set(Utc::now()),
        ..Default::default()
    };
    Ok(imports::Entity::insert(model).exec(db).await?.last_insert_id)
}

/// The import a confirm request created, if that request was already carried out.
pub async fn find_by_request(db: &impl ConnectionTrait, request_id: &str) -> Result<Option<Import>, DbErr> {
    imports::Entity::find().filter(imports::Column::RequestId.eq(request_id)).one(db).await
}
