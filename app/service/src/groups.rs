//! The Groups page: every group with its member count, renaming one (its new name read as a `groups` cell's name
//! is, and unique ignoring case and accents) and deleting one (its members stay learners). Groups are made by
//! imports with a `groups` column and by the Users list's "Add to group"; members come and go there too.

use chrono::Utc;
use domain::{ActivityAction, Actor, GroupRow};
use storage::{DatabaseConnection, DbErr};

#[derive(Debug, thiserror::Error)]
pub enum GroupError {
    #[error("no group has this id")]
    NotFound,
    /// Empty, over 64 characters, a `|` or a control character.
    #[error("not a group name")]
    BadName,
    /// Another group has this name, ignoring case and accents.
    #[error("another group has this name")]
    NameTaken,
    #[error(transparent)]
    Database(#[from] DbErr),
}

/// Every group with its member count, by name.
pub async fn list(db: &DatabaseConnection) -> Result<Vec<GroupRow>, DbErr> {
    Ok(storage::groups::list(db)
        .await?
        .into_iter()
        .map(|g| GroupRow { id: g.id, name: g.name, members: u64::try_from(g.members).unwrap_or(0) })
        .collect())
}

/// The group of this name, ignoring case and accents (the API's `group=` filter).
pub async fn find_by_name(db: &DatabaseConnection, name: &str) -> Result<Option<GroupRow>, DbErr> {
    let Some(group) = storage::groups::find_by_name(db, name).await? else {
        return Ok(None);
    };
    let members = storage::groups::members_of(db, group.id).await?.len() as u64;
    Ok(Some(GroupRow { id: group.id, name: group.name, members }))
}

/// Renames a group. A new spelling of its own name (`3b` for `3B`) is a rename too; another group's name,
/// ignoring case and accents, is [`GroupError::NameTaken`].
pub async fn rename(db: &DatabaseConnection, actor: Actor, id: i64, name: &str) -> Result<(), GroupError> {
    let name = rules::group_name(name).ok_or(GroupError::BadName)?;
    let txn = storage::begin_write(db).await?;
    if storage::groups::find(&txn, id).await?.is_none() {
        return Err(GroupError::NotFound);
    }
    if storage::groups::find_by_name(&txn, &name).await?.is_some_and(|other| other.id != id) {
        return Err(GroupError::NameTaken);
    }
    match storage::groups::rename(&txn, id, &name).await {
        Ok(true) => {}
        Ok(false) => return Err(GroupError::NotFound),
        // Another admin took the name between the check and the write (the key is unique).
        Err(e) if matches!(storage::WriteConflict::of(&e), Some(storage::WriteConflict::Taken(_))) => {
            return Err(GroupError::NameTaken)
        }
        Err(e) => return Err(e.into()),
    }
    storage::activity::record(&txn, actor, ActivityAction::GroupRename, Some(id), &[], Utc::now()).await?;
    txn.commit().await?;
    tracing::info!(group = id, "group renamed");
    Ok(())
}

/// Deletes a group and its memberships; its members stay learners. Returns how many members it had.
pub async fn delete(db: &DatabaseConnection, actor: Actor, id: i64) -> Result<u64, GroupError> {
    let txn = storage::begin_write(db).await?;
    let members = storage::groups::members_of(&txn, id).await?.len() as u64;
    if !storage::groups::delete(&txn, id).await? {
        return Err(GroupError::NotFound);
    }
    let details = [("members", members as i64)];
    storage::activity::record(&txn, actor, ActivityAction::GroupDelete, Some(id), &details, Utc::now()).await?;
    txn.commit().await?;
    tracing::info!(group = id, members, "group deleted");
    Ok(members)
}
