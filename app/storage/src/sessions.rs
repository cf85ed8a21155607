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
    admins::Entity::find_by_id(session.admin_id).filter(admins::Column::RemovedAt.is_null()).one(db).await
}

/// An admin's live sessions, newest first.
pub async fn of_admin(
    db: &impl ConnectionTrait,
    admin_id: i64,
    now: DateTime<Utc>,
) -> Result<Vec<sessions::Model>, DbErr> {
    use sea_orm::QueryOrder;
    sessions::Entity::find()
        .filter(sessions::Column::AdminId.eq(admin_id))
        .filter(sessions::Column::ExpiresAt.gt(now))
        .order_by_desc(sessions::Column::CreatedAt)
        .all(db)
        .await
}

/// Ends one of an admin's sessions (only theirs); returns whether there was one.
pub async fn delete_of_admin(db: &impl ConnectionTrait, admin_id: i64, token_hash: &str) -> Result<bool, DbErr> {
    let result = sessions::Entity::delete_many()
        .filter(sessions::Column::AdminId.eq(admin_id))
        .filter(sessions::Column::TokenHash.eq(token_hash))
        .exec(db)
        .await?;
    Ok(result.rows_affected == 1)
}

/// Ends every session of an admin but `keep` (a password change, a removal with `keep` = `None`).
pub async fn delete_all_of_admin(db: &impl ConnectionTrait, admin_id: i64, keep: Option<&str>) -> Result<u64, DbErr> {
    let mut delete = sessions::Entity::delete_many().filter(sessions::Column::AdminId.eq(admin_id));
    if let Some(keep) = keep {
        delete = delete.filter(sessions::Column::TokenHash.ne(keep));
    }
    Ok(delete.exec(db).await?.rows_affected)
}

pub async fn delete(db: &impl ConnectionTrait, token_hash: &str) -> Result<(), DbErr> {
    sessions::Entity::delete_by_id(token_hash.to_owned()).exec(db).await?;
    Ok(())
}

/// Removes expired sessions; called now and then so the table does not grow forever.
pub async fn delete_expired(db: &impl ConnectionTrait, now: DateTime<Utc>) -> Result<u64, DbErr> {
    Ok(sessions::Entity::delete_many().filter(sessions::Column::ExpiresAt.lte(now)).exec(db).await?.rows_affected)
}
