//! Named queries on the activity log: record an action (inside the action's transaction) and read a page. There is
//! no update and no delete: what the log says cannot be changed from the app.

use chrono::{DateTime, Utc};
use sea_orm::{ColumnTrait, ConnectionTrait, DbErr, EntityTrait, QueryFilter, QueryOrder, QuerySelect, Set};

use crate::entity::activity;
use domain::{ActivityAction, Actor};

pub use activity::Model as Entry;

/// Records one action. `details` are counts and choices, never personal data.
pub async fn record(
    db: &impl ConnectionTrait,
    actor: Actor,
    action: ActivityAction,
    subject_id: Option<i64>,
    details: &[(&str, i64)],
    at: DateTime<Utc>,
) -> Result<(), DbErr> {
    let details: serde_json::Map<String, serde_json::Value> =
        details.iter().map(|(k, v)| ((*k).to_owned(), serde_json::Value::from(*v))).collect();
    activity::Entity::insert(activity::ActiveModel {
        at: Set(at),
        admin_id: Set(Some(actor.admin_id)),
        token_id: Set(actor.token_id),
        action: Set(action.as_str().to_owned()),
        subject_id: Set(subject_id),
        details: Set(serde_json::Value::Object(details).to_string()),
        ..Default::default()
    })
    .exec_without_returning(db)
    .await?;
    Ok(())
}

/// A page of the log, newest first, keyset-paginated; optionally only one action or one admin's.
pub async fn page(
    db: &impl ConnectionTrait,
    action: Option<ActivityAction>,
    admin_id: Option<i64>,
    before: Option<i64>,
    limit: u64,
) -> Result<(Vec<Entry>, Option<i64>), DbErr> {
    let mut query = activity::Entity::find();
    if let Some(action) = action {
        query = query.filter(activity::Column::Action.eq(action.as_str()));
    }
    if let Some(admin_id) = admin_id {
        query = query.filter(activity::Column::AdminId.eq(admin_id));
    }
    if let Some(before) = before {
        query = query.filter(activity::Column::Id.lt(before));
    }
    let mut entries = query.order_by_desc(activity::Column::Id).limit(limit + 1).all(db).await?;
    let next = if entries.len() as u64 > limit {
        entries.truncate(limit as usize);
        entries.last().map(|e| e.id)
    } else {
        None
    };
    Ok((entries, next))
}
