//! Named queries on admin accounts.

use chrono::Utc;
use sea_orm::{ActiveModelTrait, ColumnTrait, ConnectionTrait, DbErr, EntityTrait, PaginatorTrait, QueryFilter, Set};

use crate::entity::admins;

pub use admins::Model as Admin;

pub async fn count(db: &impl ConnectionTrait) -> Result<u64, DbErr> {
    admins::Entity::find().count(db).await
}

pub async fn find_by_email(db: &impl ConnectionTrait, email_normalized: &str) -> Result<Option<Admin>, DbErr> {
    admins::Entity::find().filter(admins::Column::EmailNormalized.eq(email_normalized)).one(db).await
}

/// Creates an admin; a second admin with the same normalised email is refused by the unique index.
pub async fn create(
    db: &impl ConnectionTrait,
    email: &str,
    email_normalized: &str,
    password_hash: &str,
) -> Result<Admin, DbErr> {
    admins::ActiveModel {
        email: Set(email.to_owned()),
        email_normalized: Set(email_normalized.to_owned()),
        password_hash: Set(password_hash.to_owned()),
        created_at: Set(Utc::now()),
        ..Default::default()
    }
    .insert(db)
    .await
}

/// The emails of these admins, by id (the history names who imported and who undid).
pub async fn emails(db: &impl ConnectionTrait, ids: &[i64]) -> Result<std::collections::HashMap<i64, String>, DbErr> {
    use sea_orm::QuerySelect;
    if ids.is_empty() {
        return Ok(Default::default());
    }
    let rows: Vec<(i64, String)> = admins::Entity::find()
        .select_only()
        .columns([admins::Column::Id, admins::Column::Email])
        .filter(admins::Column::Id.is_in(ids.iter().copied()))
        .into_tuple()
        .all(db)
        .await?;
    Ok(rows.into_iter().collect())
}

/// Every admin, oldest first (the activity page's filter).
pub async fn all(db: &impl ConnectionTrait) -> Result<Vec<Admin>, DbErr> {
    use sea_orm::QueryOrder;
    admins::Entity::find().order_by_asc(admins::Column::Id).all(db).await
}
