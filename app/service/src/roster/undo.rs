//! What a roster import changed, kept in its record (`imports.undo_data`), and the undo that puts it back except
//! for learners changed since by someone else.

use std::collections::HashMap;

use chrono::{DateTime, Utc};
use domain::UserStatus;
use rules::{UserValues, ValidUser};
use serde::{Deserialize, Serialize};
use storage::{ConnectionTrait, DbErr};

/// What a roster import changed, as it was before: what its undo puts back (`imports.undo_data`).
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub(crate) struct UndoData {
    /// Learners whose values, groups or status the import changed.
    pub updated: Vec<UpdatedLearner>,
    /// Memberships the import added and removed: (group id, user id).
    pub added_memberships: Vec<(i64, i64)>,
    pub removed_memberships: Vec<(i64, i64)>,
    /// Members a sync suspended, with the status each had.
    pub suspended: Vec<(i64, UserStatus)>,
    /// Groups the import created (removed by the undo once empty).
    pub created_groups: Vec<i64>,
    /// `updated_at` the import left on every learner it changed, in microseconds: a learner at another version was
    /// changed since, and the undo keeps them.
    pub version: i64,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub(crate) struct UpdatedLearner {
    pub id: i64,
    /// The learner's values before (the columns the rules know, groups and status aside).
    pub before: UserValues,
    pub status: UserStatus,
    pub status_before: Option<UserStatus>,
}

/// What an undo of a roster import put back and kept.
#[derive(Debug, Default)]
pub(crate) struct Restored {
    /// Learners changed by someone else since the import: kept as they are.
    pub kept: Vec<i64>,
}

/// Puts back what a roster import changed (see [`UndoData`]), except for learners changed since by someone else.
pub(crate) async fn undo(db: &impl ConnectionTrait, data: &str, now: DateTime<Utc>) -> Result<Restored, DbErr> {
    let data: UndoData = serde_json::from_str(data).map_err(|e| DbErr::Json(e.to_string()))?;
    let mut restored = Restored::default();
    for &(group_id, user_id) in &data.added_memberships {
        storage::groups::remove_members(db, group_id, &[user_id]).await?;
    }
    storage::groups::add_members(db, &data.removed_memberships, now).await?;
    let ids: Vec<i64> = data.updated.iter().map(|u| u.id).chain(data.suspended.iter().map(|s| s.0)).collect();
    let current: HashMap<i64, storage::users::User> =
        storage::users::find_many(db, &ids).await?.into_iter().map(|u| (u.id, u)).collect();
    let untouched = |id: i64| current.get(&id).is_some_and(|u| u.updated_at.timestamp_micros() == data.version);
    for learner in &data.updated {
        if !untouched(learner.id) {
            restored.kept.push(learner.id);
            continue;
        }
        let before = UserValues { groups: String::new(), status: String::new(), ..learner.before.clone() };
        if let Ok(valid) = ValidUser::check(before) {
            storage::users::update(db, learner.id, &valid, now).await?;
        }
        storage::users::restore_status(db, learner.id, learner.status, learner.status_before, now).await?;
    }
    for &(id, status) in &data.suspended {
        if untouched(id) {
            storage::users::restore_status(db, id, status, None, now).await?;
        } else if !restored.kept.contains(&id) {
            restored.kept.push(id);
        }
    }
    storage::groups::delete_if_empty(db, &data.created_groups).await?;
    Ok(restored)
}
