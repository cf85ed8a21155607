//! The activity log as admins read it: a page of entries, newest first, with who acted, optionally one action's
//! or one admin's. Recording happens in each use case's own transaction (`storage::activity::record`).

use domain::{ActivityAction, ActivityEntry, ActivityPage};
use storage::{DatabaseConnection, DbErr};

/// How many entries one page shows.
pub const PAGE_SIZE: u64 = 50;

pub async fn page(
    db: &DatabaseConnection,
    action: Option<ActivityAction>,
    admin_id: Option<i64>,
    before: Option<i64>,
) -> Result<ActivityPage, DbErr> {
    let (entries, next_cursor) = storage::activity::page(db, action, admin_id, before, PAGE_SIZE).await?;
    let admin_ids: Vec<i64> = entries.iter().filter_map(|e| e.admin_id).collect();
    let emails = storage::admins::emails(db, &admin_ids).await?;
    let token_ids: Vec<i64> = entries.iter().filter_map(|e| e.token_id).collect();
    let token_names = storage::api_tokens::names(db, &token_ids).await?;
    let entries = entries
        .into_iter()
        .filter_map(|e| {
            let action = ActivityAction::parse(&e.action)?;
            let details: serde_json::Map<String, serde_json::Value> =
                serde_json::from_str(&e.details).unwrap_or_default();
            Some(ActivityEntry {
                id: e.id,
                at: e.at.to_rfc3339_opts(chrono::SecondsFormat::Secs, true),
                admin: e
                    .admin_id
                    .map(|id| emails.get(&id).cloned().unwrap_or_else(|| format!("#{id}")))
                    .unwrap_or_default(),
                token: e.token_id.map(|id| token_names.get(&id).cloned().unwrap_or_else(|| format!("#{id}"))),
                action,
                subject_id: e.subject_id,
                details: details.into_iter().filter_map(|(k, v)| Some((k, v.as_i64()?))).collect(),
            })
        })
        .collect();
    Ok(ActivityPage { entries, next_cursor })
}

/// The admins, for the page's filter: (id, email).
pub async fn admins(db: &DatabaseConnection) -> Result<Vec<(i64, String)>, DbErr> {
    Ok(storage::admins::all(db).await?.into_iter().map(|a| (a.id, a.email)).collect())
}
