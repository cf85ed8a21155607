//! Named queries on admin accounts.

use chrono::Utc;
use sea_orm::{ActiveModelTrait, ColumnTrait, ConnectionTrait, DbErr, EntityTrait, PaginatorTrait, QueryFilter, Set};

use crate::entity::admins;

pub use admins::Model as Admin;

/// How many admins can sign in (removed ones do not count).
pub async fn count(db: &impl ConnectionTrait) -> Result<u64, DbErr> {
    admins::Entity::find().filter(admins::Column::RemovedAt.is_null()).count(db).await
}

/// The admin with this normalised email, unless removed.
pub async fn find_by_email(db: &impl ConnectionTrait, email_normalized: &str) -> Result<Option<Admin>, DbErr> {
    admins::Entity::find()
        .filter(admins::Column::EmailNormalized.eq(email_normalized))
        .filter(admins::Column::RemovedAt.is_null())
        .one(db)
        .await
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
        removed_at: Set(None),
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

/// Every admin, oldest first, removed ones included (the activity page's filter).
pub async fn all(db: &impl ConnectionTrait) -> Result<Vec<Admin>, DbErr> {
    use sea_orm::QueryOrder;
    admins::Entity::find().order_by_asc(admins::Column::Id).all(db).await
}

pub async fn find_by_id(db: &impl ConnectionTrait, id: i64) -> Result<Option<Admin>, DbErr> {
    admins::Entity::find_by_id(id).one(db).await
}

/// Marks an admin removed, unless already; returns whether it was.
pub async fn mark_removed(db: &impl ConnectionTrait, id: i64, now: chrono::DateTime<Utc>) -> Result<bool, DbErr> {
    use sea_orm::sea_query::Expr;
    let result = admins::Entity::update_many()
        .col_expr(admins::Column::RemovedAt, Expr::value(now))
        .filter(admins::Column::Id.eq(id))
        .filter(admins::Column::RemovedAt.is_null())
        .exec(db)
        .await?;
    Ok(result.rows_affected == 1)
}

/// Replaces an admin's password hash.
pub async fn set_password(db: &impl ConnectionTrait, id: i64, password_hash: &str) -> Result<(), DbErr> {
    use sea_orm::sea_query::Expr;
    admins::Entity::update_many()
        .col_expr(admins::Column::PasswordHash, Expr::value(password_hash))
        .filter(admins::Column::Id.eq(id))
        .exec(db)
        .await?;
    Ok(())
}

/// The admin with this normalised email, removed or not (the email stays taken by a removed admin).
pub async fn find_any_by_email(db: &impl ConnectionTrait, email_normalized: &str) -> Result<Option<Admin>, DbErr> {
    admins::Entity::find().filter(admins::Column::EmailNormalized.eq(email_normalized)).one(db).await
}

/// Gives a removed admin their account back with a new password (an accepted invitation to their email); returns
/// whether the admin was removed and now is not.
pub async fn restore(db: &impl ConnectionTrait, id: i64, password_hash: &str) -> Result<bool, DbErr> {
    use sea_orm::sea_query::Expr;
    let result = admins::Entity::update_many()
        .col_expr(admins::Column::PasswordHash, Expr::value(password_hash))
        .col_expr(admins::Column::RemovedAt, Expr::value(Option::<chrono::DateTime<Utc>>::None))
        .filter(admins::Column::Id.eq(id))
        .filter(admins::Column::RemovedAt.is_not_null())
        .exec(db)
        .await?;
    Ok(result.rows_affected == 1)
}
