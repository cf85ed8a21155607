//! Named queries on admin sessions. Tokens never reach this module: only their SHA-256.

use chrono::{DateTime, Utc};
use sea_orm::{ColumnTrait, ConnectionTrait, DbErr, EntityTrait, QueryFilter, Set};

use crate::entity::{admins, sessions};

pub async fn create(
    db: &impl ConnectionTrait,
    token_hash: &str,
    admin_id: i64,
    expires_at: DateTime<Utc>,
) -> Result<(), DbErr> {
    sessions::Entity::insert(sessions::ActiveModel {
        token_hash: Set(token_hash.to_owned()),
        admin_id: Set(admin_id),
        created_at: Set(Utc::now()),
        expires_at: Set(expires_at),
    })
    .exec_without_returning(db)
    .await?;
    Ok(())
}

/// The admin owning a live (unexpired) session.
pub async fn find_admin(
    db: &impl ConnectionTrait,
    token_hash: &str,
    now: DateTime<Utc>,
) -> Result<Option<admins::Model>, DbErr> {
    let Some(session) =
        sessions::Entity::find_by_id(token_hash.to_owned()).filter(sessions::Column::ExpiresAt.gt(now)).one(db).await?
    else {
        return Ok(None);
    };
    admins::Entity::find_by_id(session.admin_id).one(db).await
}

pub async fn delete(db: &impl ConnectionTrait, token_hash: &str) -> Result<(), DbErr> {
    sessions::Entity::delete_by_id(token_hash.to_owned()).exec(db).await?;
    Ok(())
}

/// Removes expired sessions; called now and then so the table does not grow forever.
pub async fn delete_expired(db: &impl ConnectionTrait, now: DateTime<Utc>) -> Result<u64, DbErr> {
    Ok(sessions::Entity::delete_many().filter(sessions::Column::ExpiresAt.lte(now)).exec(db).await?.rows_affected)
}
