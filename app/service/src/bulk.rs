//! Bulk actions on the Users list: delete, resend the invitations, change the language, suspend, reactivate, add to
//! or remove from a group, on the users ticked or on everyone a view finds. The count is stated before (see [`count`]); the action runs in one transaction, walking
//! the users [`BATCH`] at a time so no statement grows with the list, and is recorded once in the activity log.

use chrono::Utc;
use domain::users::MAX_SELECTION;
use domain::{ActivityAction, Actor, BulkAction, BulkTarget, Total};
use storage::{DatabaseConnection, DbErr};

/// Users per statement.
pub const BATCH: u64 = 500;

#[derive(Debug, thiserror::Error)]
pub enum BulkError {
    #[error("invalid request: {0}")]
    BadRequest(&'static str),
    /// A name for "Add to group" that a `groups` cell could not hold (empty, over 64 characters, a `|` or a
    /// control character).
    #[error("not a group name")]
    GroupName,
    /// "Remove from group" names a group that does not exist (deleted meanwhile).
    #[error("no such group")]
    NoSuchGroup,
    #[error(transparent)]
    Database(#[from] DbErr),
}

fn check(target: &BulkTarget, action: Option<&BulkAction>) -> Result<(), BulkError> {
    if let BulkTarget::Selection(ids) = target {
        if ids.is_empty() || ids.len() > MAX_SELECTION {
            return Err(BulkError::BadRequest("a selection names 1 to 1,000 users"));
        }
    }
    match action {
        Some(BulkAction::Language(code)) if !rules::is_language(code) => {
            Err(BulkError::BadRequest("not an ISO 639-1 language code"))
        }
        Some(BulkAction::AddToGroup(name)) if rules::group_name(name).is_none() => Err(BulkError::GroupName),
        _ => Ok(()),
    }
}

/// How many users the action would apply to (the dialog states it before the admin confirms).
pub async fn count(db: &DatabaseConnection, target: &BulkTarget) -> Result<u64, BulkError> {
    check(target, None)?;
    Ok(match target {
        BulkTarget::Selection(ids) => {
            let mut found = 0;
            for chunk in ids.chunks(BATCH as usize) {
                found += storage::users::existing_ids(db, chunk).await?.len() as u64;
            }
            found
        }
        BulkTarget::Filter(view) => match storage::users::count(db, view, u64::MAX >> 2).await? {
            Total::Exact(n) | Total::MoreThan(n) => n,
        },
    })
}

/// Applies the action; returns how many users it changed (deleted, queued, or given the language).
pub async fn apply(
    db: &DatabaseConnection,
    actor: Actor,
    target: &BulkTarget,
    action: &BulkAction,
) -> Result<u64, BulkError> {
    check(target, Some(action))?;
    let txn = storage::begin_write(db).await?;
    let now = Utc::now();
    // The group the action is about: found (or, to add to, created) inside the transaction.
    let group = match action {
        BulkAction::AddToGroup(name) => {
            let name = rules::group_name(name).ok_or(BulkError::GroupName)?;
            let (found, _created) = storage::groups::ensure(&txn, &[name.as_str()], None, now).await?;
            Some(found.first().ok_or(BulkError::NoSuchGroup)?.id)
        }
        BulkAction::RemoveFromGroup(id) => {
            Some(storage::groups::find(&txn, *id).await?.ok_or(BulkError::NoSuchGroup)?.id)
        }
        _ => None,
    };
    let mut changed = 0;
    let mut after = 0i64;
    loop {
        let batch: Vec<i64> = match target {
            BulkTarget::Selection(ids) => {
                let mut ids: Vec<i64> = ids.iter().copied().filter(|&id| id > after).collect();
                ids.sort_unstable();
                ids.dedup();
                ids.truncate(BATCH as usize);
                ids
            }
            BulkTarget::Filter(view) => storage::users::ids_of(&txn, view, after, BATCH).await?,
        };
        let Some(&last) = batch.last() else { break };
        after = last;
        changed += match action {
            BulkAction::Delete => {
                storage::invitations::delete_of_users(&txn, &batch).await?;
                storage::users::delete_many(&txn, &batch).await?
            }
            BulkAction::Resend => storage::invitations::resend_many(&txn, &batch).await?,
            BulkAction::Language(code) => storage::users::set_language(&txn, &batch, code, now).await?,
            BulkAction::Suspend => {
                let suspended: Vec<i64> =
                    storage::users::suspend(&txn, &batch, now).await?.into_iter().map(|(id, _)| id).collect();
                // A Suspended learner gets no invitation: one still waiting is cancelled.
                storage::invitations::cancel_waiting(&txn, &suspended).await?;
                suspended.len() as u64
            }
            BulkAction::Reactivate => storage::users::reactivate(&txn, &batch, now).await?.len() as u64,
            BulkAction::AddToGroup(_) => {
                let group = group.unwrap_or_default();
                // A selection may name users deleted meanwhile: only the ones still there become members.
                let users = storage::users::existing_ids(&txn, &batch).await?;
                let pairs: Vec<(i64, i64)> = users.into_iter().map(|user| (group, user)).collect();
                storage::groups::add_members(&txn, &pairs, now).await?.len() as u64
            }
            BulkAction::RemoveFromGroup(_) => {
                storage::groups::remove_members(&txn, group.unwrap_or_default(), &batch).await?
            }
        };
    }
    let activity = match action {
        BulkAction::Delete => ActivityAction::BulkDelete,
        BulkAction::Resend => ActivityAction::BulkResend,
        BulkAction::Language(_) => ActivityAction::BulkLanguage,
        BulkAction::Suspend => ActivityAction::BulkSuspend,
        BulkAction::Reactivate => ActivityAction::BulkReactivate,
        BulkAction::AddToGroup(_) => ActivityAction::BulkAddToGroup,
        BulkAction::RemoveFromGroup(_) => ActivityAction::BulkRemoveFromGroup,
    };
    let whole_filter = i64::from(matches!(target, BulkTarget::Filter(_)));
    let mut details = vec![("users", changed as i64), ("whole_filter", whole_filter)];
    if let Some(group) = group {
        details.push(("group", group));
    }
    storage::activity::record(&txn, actor, activity, group, &details, now).await?;
    txn.commit().await?;
    tracing::info!(action = activity.as_str(), changed, "bulk action");
    Ok(changed)
}
