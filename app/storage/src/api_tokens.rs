//! Named queries on API tokens. Like sessions, tokens never reach this module: only their SHA-256.

use chrono::{DateTime, Duration, Utc};
use sea_orm::sea_query::Expr;
use sea_orm::{
    ActiveModelTrait, ColumnTrait, Condition, ConnectionTrait, DbErr, EntityTrait, QueryFilter, QueryOrder, Set,
};

use crate::entity::api_tokens::{self, Column, Entity};

pub use api_tokens::Model as ApiToken;

/// How stale `last_used_at` may get before a request writes it again: a script calling every second must not turn
/// every read into a write.
pub const LAST_USE_PRECISION: Duration = Duration::minutes(1);

pub async fn create(
    db: &impl ConnectionTrait,
    admin_id: i64,
    name: &str,
    token_hash: &str,
    created_at: DateTime<Utc>,
    expires_at: Option<DateTime<Utc>>,
) -> Result<ApiToken, DbErr> {
    api_tokens::ActiveModel {
        admin_id: Set(admin_id),
        name: Set(name.to_owned()),
        token_hash: Set(token_hash.to_owned()),
        created_at: Set(created_at),
        expires_at: Set(expires_at),
        revoked_at: Set(None),
        last_used_at: Set(None),
        ..Default::default()
    }
    .insert(db)
    .await
}

pub async fn find_by_hash(db: &impl ConnectionTrait, token_hash: &str) -> Result<Option<ApiToken>, DbErr> {
    Entity::find().filter(Column::TokenHash.eq(token_hash)).one(db).await
}

pub async fn find_by_id(db: &impl ConnectionTrait, id: i64) -> Result<Option<ApiToken>, DbErr> {
    Entity::find_by_id(id).one(db).await
}

/// Every token, newest first (revoked ones too: the settings page shows when they were revoked).
pub async fn all(db: &impl ConnectionTrait) -> Result<Vec<ApiToken>, DbErr> {
    Entity::find().order_by_desc(Column::Id).all(db).await
}

/// The names of these tokens, for the activity page.
pub async fn names(db: &impl ConnectionTrait, ids: &[i64]) -> Result<std::collections::HashMap<i64, String>, DbErr> {
    if ids.is_empty() {
        return Ok(Default::default());
    }
    Ok(Entity::find()
        .filter(Column::Id.is_in(ids.iter().copied()))
        .all(db)
        .await?
        .into_iter()
        .map(|t| (t.id, t.name))
        .collect())
}

/// Marks a live token revoked; false when it was not live (unknown or already revoked).
pub async fn revoke(db: &impl ConnectionTrait, id: i64, now: DateTime<Utc>) -> Result<bool, DbErr> {
    let result = Entity::update_many()
        .col_expr(Column::RevokedAt, Expr::value(now))
        .filter(Column::Id.eq(id))
        .filter(Column::RevokedAt.is_null())
        .exec(db)
        .await?;
    Ok(result.rows_affected == 1)
}

/// Records a use, unless one was recorded less than [`LAST_USE_PRECISION`] ago.
pub async fn touch(db: &impl ConnectionTrait, id: i64, now: DateTime<Utc>) -> Result<(), DbErr> {
    Entity::update_many()
        .col_expr(Column::LastUsedAt, Expr::value(now))
        .filter(Column::Id.eq(id))
        .filter(Condition::any().add(Column::LastUsedAt.is_null()).add(Column::LastUsedAt.lt(now - LAST_USE_PRECISION)))
        .exec(db)
        .await?;
    Ok(())
}
