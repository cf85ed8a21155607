//! Named queries behind the sign-in throttle.

use chrono::{DateTime, Utc};
use sea_orm::{
    ColumnTrait, Condition, ConnectionTrait, DbErr, EntityTrait, PaginatorTrait, QueryFilter, QueryOrder, QuerySelect,
    Set,
};

use crate::entity::sign_in_failures as failures;

pub async fn record(db: &impl ConnectionTrait, email_key: &str, at: DateTime<Utc>) -> Result<(), DbErr> {
    failures::Entity::insert(failures::ActiveModel {
        email_key: Set(email_key.to_owned()),
        at: Set(at),
        ..Default::default()
    })
    .exec_without_returning(db)
    .await?;
    Ok(())
}

/// How many failures for this email since `since`, and the oldest of them (which tells when the throttle lifts).
pub async fn recent(
    db: &impl ConnectionTrait,
    email_key: &str,
    since: DateTime<Utc>,
) -> Result<(u64, Option<DateTime<Utc>>), DbErr> {
    let query = failures::Entity::find()
        .filter(failures::Column::EmailKey.eq(email_key))
        .filter(failures::Column::At.gt(since));
    let count = query.clone().count(db).await?;
    let oldest = query.order_by_asc(failures::Column::At).limit(1).one(db).await?.map(|f| f.at);
    Ok((count, oldest))
}

/// Forgets the failures of an email after a successful sign-in, and every failure older than `before`.
pub async fn clear(db: &impl ConnectionTrait, email_key: &str, before: DateTime<Utc>) -> Result<(), DbErr> {
    failures::Entity::delete_many()
        .filter(Condition::any().add(failures::Column::EmailKey.eq(email_key)).add(failures::Column::At.lt(before)))
        .exec(db)
        .await?;
    Ok(())
}
