//! Named queries of the remembered column matchings: an admin's last matching for a header row, read and written
//! whole (the service turns it into a `rules::ColumnMatching`).

use chrono::{DateTime, Utc};
use sea_orm::sea_query::OnConflict;
use sea_orm::{ActiveValue::Set, ConnectionTrait, DbErr, EntityTrait};

use crate::entity::column_matchings::{ActiveModel, Column, Entity, Model};

/// The admin's matching (JSON) for the header row of this hash, if one was remembered.
pub async fn find(db: &impl ConnectionTrait, admin_id: i64, header_hash: &str) -> Result<Option<Model>, DbErr> {
    Entity::find_by_id((admin_id, header_hash.to_owned())).one(db).await
}

/// Remembers the admin's matching for the header row of this hash, replacing the one before, in one statement
/// (two tabs confirming at once leave one of the two, never an error).
pub async fn remember(
    db: &impl ConnectionTrait,
    admin_id: i64,
    header_hash: &str,
    matching_json: &str,
    now: DateTime<Utc>,
) -> Result<(), DbErr> {
    let row = ActiveModel {
        admin_id: Set(admin_id),
        header_hash: Set(header_hash.to_owned()),
        matching: Set(matching_json.to_owned()),
        updated_at: Set(now),
    };
    Entity::insert(row)
        .on_conflict(
            OnConflict::columns([Column::AdminId, Column::HeaderHash])
                .update_columns([Column::Matching, Column::UpdatedAt])
                .to_owned(),
        )
        .exec_without_returning(db)
        .await?;
    Ok(())
}
