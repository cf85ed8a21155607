//! Named queries on import records and their row outcomes.

use chrono::Utc;
use sea_orm::{ColumnTrait, ConnectionTrait, DbErr, EntityTrait, QueryFilter, QueryOrder, Set};

use crate::entity::import_rows::{self, Outcome};
use crate::entity::imports;

pub use import_rows::Model as ImportRow;
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
}

/// One row's outcome.
#[derive(Clone, Debug)]
pub struct NewImportRow {
    pub row: i32,
    pub outcome: Outcome,
    pub user_id: Option<i64>,
    pub email: String,
    pub problems: String,
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
        created_at: Set(Utc::now()),
        ..Default::default()
    };
    Ok(imports::Entity::insert(model).exec(db).await?.last_insert_id)
}

/// Inserts every row's outcome in one statement.
pub async fn insert_rows(db: &impl ConnectionTrait, import_id: i64, rows: Vec<NewImportRow>) -> Result<(), DbErr> {
    if rows.is_empty() {
        return Ok(());
    }
    let models = rows.into_iter().map(|r| import_rows::ActiveModel {
        import_id: Set(import_id),
        row: Set(r.row),
        outcome: Set(r.outcome),
        user_id: Set(r.user_id),
        email: Set(r.email),
        problems: Set(r.problems),
        ..Default::default()
    });
    import_rows::Entity::insert_many(models).exec_without_returning(db).await?;
    Ok(())
}

/// The import a confirm request created, with its rows in row order, if that request was already carried out.
pub async fn find_by_request(
    db: &impl ConnectionTrait,
    request_id: &str,
) -> Result<Option<(Import, Vec<ImportRow>)>, DbErr> {
    let Some(import) = imports::Entity::find().filter(imports::Column::RequestId.eq(request_id)).one(db).await? else {
        return Ok(None);
    };
    let rows = import_rows::Entity::find()
        .filter(import_rows::Column::ImportId.eq(import.id))
        .order_by_asc(import_rows::Column::Row)
        .all(db)
        .await?;
    Ok(Some((import, rows)))
}
