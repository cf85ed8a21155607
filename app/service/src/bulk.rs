//! Bulk actions on the Users list: delete, resend the invitations, change the language, on the users ticked or on
//! everyone a view finds. The count is stated before (see [`count`]); the action runs in one transaction, walking
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
    #[error(transparent)]
    Database(#[from] DbErr),
}

fn check(target: &BulkTarget, action: Option<&BulkAction>) -> Result<(), BulkError> {
    if let BulkTarget::Selection(ids) = target {
        if ids.is_empty() || ids.len() > MAX_SELECTION {
            return Err(BulkError::BadRequest("a selection names 1 to 1,000 users"));
        }
    }
    if let Some(BulkAction::Language(code)) = action {
        if !rules::is_language(code) {
            return Err(BulkError::BadRequest("not an ISO 639-1 language code"));
        }
    }
    Ok(())
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
        };
    }
    let activity = match action {
        BulkAction::Delete => ActivityAction::BulkDelete,
        BulkAction::Resend => ActivityAction::BulkResend,
        BulkAction::Language(_) => ActivityAction::BulkLanguage,
    };
    let whole_filter = i64::from(matches!(target, BulkTarget::Filter(_)));
    let details = [("users", changed as i64), ("whole_filter", whole_filter)];
    storage::activity::record(&txn, actor, activity, None, &details, now).await?;
    txn.commit().await?;
    tracing::info!(action = activity.as_str(), changed, "bulk action");
    Ok(changed)
}
