//! The import as something to look back on and take back: the history and an import's rows, the error report
//! (the rows not added, to fix and drop again), "this file was already imported", and the undo.
//!
//! An undo removes, in one transaction, the users the import created who are still Pending and unchanged, with
//! their invitations; users who became Active (or were changed) are kept and named. It takes its locks in the
//! order an accept does (the invitation, then the user), so an accept racing an undo either wins (the user stays
//! Active, with its invitation) or finds its link gone: never a user removed halfway.

use chrono::{DateTime, Duration, SecondsFormat, Utc};
use domain::history::HISTORY_PAGE_SIZE;
use domain::{
    ActivityAction, Actor, EarlierImport, ImportDetail, ImportPage, ImportSummary, KeptUser, Outcome, RowRecord,
    UndoAnswer, UndoPreview, UndoState,
};
use rules::{Column, Lang};
use storage::imports::ImportLine;
use storage::{DatabaseConnection, DbErr};

use crate::import::{stored_rows, StoredRow};

/// The last column of an error report: why each row was not added.
pub const ERRORS_COLUMN: &str = "errors";

/// How many times an undo is tried again when the database is busy (SQLite's write lock, a PostgreSQL deadlock).
const ATTEMPTS: usize = 5;

#[derive(Debug, thiserror::Error)]
pub enum UndoError {
    #[error("no import has this id")]
    NotFound,
    /// The undo window has passed: the import stays.
    #[error("this import can no longer be undone (its undo window has passed)")]
    WindowPassed,
    #[error("the database stayed busy")]
    Busy,
    #[error(transparent)]
    Database(#[from] DbErr),
}

fn rfc3339(at: DateTime<Utc>) -> String {
    at.to_rfc3339_opts(SecondsFormat::Secs, true)
}

/// One page of the history, newest first.
pub async fn page(
    db: &DatabaseConnection,
    before: Option<i64>,
    now: DateTime<Utc>,
    window: Duration,
) -> Result<ImportPage, DbErr> {
    let (lines, next_cursor) = storage::imports::page(db, before, HISTORY_PAGE_SIZE).await?;
    let imports = summaries(db, lines, now, window).await?;
    Ok(ImportPage { imports, next_cursor })
}

/// The history lines of these imports, with their admins' emails and invitation counts (three queries in all).
async fn summaries(
    db: &DatabaseConnection,
    lines: Vec<ImportLine>,
    now: DateTime<Utc>,
    window: Duration,
) -> Result<Vec<ImportSummary>, DbErr> {
    let ids: Vec<i64> = lines.iter().map(|l| l.id).collect();
    let admin_ids: Vec<i64> = lines.iter().flat_map(|l| [Some(l.admin_id), l.undone_by]).flatten().collect();
    let emails = storage::admins::emails(db, &admin_ids).await?;
    let invitations = storage::imports::invitation_counts(db, &ids).await?;
    let email_of = |id: i64| emails.get(&id).cloned().unwrap_or_else(|| format!("#{id}"));
    let mut summaries = Vec::with_capacity(lines.len());
    for line in lines {
        let existing = match line.existing_count {
            Some(n) => n,
            // Recorded before the count was kept: counted once from its row outcomes.
            None => match storage::imports::find(db, line.id).await? {
                Some(import) => stored_rows(&import.outcomes)?.iter().filter(|r| r.is_existing_user()).count() as i32,
                None => 0,
            },
        };
        let undo = match (line.undone_at, line.undone_by) {
            (Some(at), by) => UndoState::Done {
                by: by.map(email_of).unwrap_or_default(),
                at: rfc3339(at),
                removed: count(line.undo_removed.unwrap_or(0)),
                kept: count(line.undo_kept.unwrap_or(0)),
            },
            (None, _) if now < line.created_at + window => {
                UndoState::Available { until: rfc3339(line.created_at + window) }
            }
            (None, _) => UndoState::Expired,
        };
        summaries.push(ImportSummary {
            id: line.id,
            admin_email: email_of(line.admin_id),
            created_at: rfc3339(line.created_at),
            file_name: line.file_name,
            total: count(line.total_rows),
            added: count(line.created_count),
            with_errors: count(line.skipped_count - existing),
            existing: count(existing),
            send_invitations: line.send_invitations,
            invitations: invitations.get(&line.id).copied().unwrap_or_default(),
            undo,
            mode: line.mode.as_deref().and_then(rules::Mode::parse).unwrap_or_default(),
            sync_group: line.sync_group,
            counts: domain::RosterCounts {
                updated: count(line.updated_count.unwrap_or(0)),
                unchanged: count(line.unchanged_count.unwrap_or(0)),
                removed: count(line.removed_count.unwrap_or(0)),
                suspended: count(line.suspended_count.unwrap_or(0)),
            },
        });
    }
    Ok(summaries)
}

fn count(n: i32) -> u32 {
    u32::try_from(n).unwrap_or(0)
}

/// One import and each of its rows; `None` when no import has this id.
pub async fn detail(
    db: &DatabaseConnection,
    id: i64,
    now: DateTime<Utc>,
    window: Duration,
) -> Result<Option<ImportDetail>, DbErr> {
    let Some(import) = storage::imports::find(db, id).await? else {
        return Ok(None);
    };
    let rows = stored_rows(&import.outcomes)?
        .into_iter()
        .map(|r| RowRecord { row: r.row, outcome: r.outcome, email: r.email, problems: r.problems, changes: r.changes })
        .collect();
    let Some(line) = storage::imports::line(db, id).await? else {
        return Ok(None);
    };
    let summary = summaries(db, vec![line], now, window).await?.pop();
    Ok(summary.map(|summary| ImportDetail { summary, rows }))
}

/// The error report of an import: its rows that were not added, with the file's columns in the template's order
/// and a last `errors` column giving the reasons in `lang`, as a CSV ready to fix in a spreadsheet and drop again
/// (the rules ignore the `errors` column). `None` when no import has this id. Returns the file name too.
pub async fn error_report(db: &DatabaseConnection, id: i64, lang: Lang) -> Result<Option<(String, String)>, DbErr> {
    let Some(import) = storage::imports::find(db, id).await? else {
        return Ok(None);
    };
    let rows = stored_rows(&import.outcomes)?;
    let stem = import.file_name.strip_suffix(".csv").or(import.file_name.strip_suffix(".CSV"));
    let name = format!("{}-errors.csv", stem.unwrap_or(&import.file_name));
    Ok(Some((name, report_csv(&rows, lang))))
}

fn report_csv(rows: &[StoredRow], lang: Lang) -> String {
    let mut header: Vec<&str> = Column::ALL.iter().map(|c| c.as_str()).collect();
    header.push(ERRORS_COLUMN);
    let lines = rows.iter().filter(|r| r.outcome == Outcome::Skipped).map(|r| {
        let mut values = r.values.clone().unwrap_or_else(|| {
            // Recorded before the values were kept: the email is all there is.
            Column::ALL.iter().map(|&c| if c == Column::Email { r.email.clone() } else { String::new() }).collect()
        });
        values.resize(Column::ALL.len(), String::new());
        let reasons: Vec<String> = r.problems.iter().map(|p| p.message(lang)).collect();
        values.push(reasons.join(" | "));
        values
    });
    rules::write_csv(&header, lines)
}

/// The newest import of a file with this content (SHA-256, hex) that was not undone.
pub async fn earlier_import(db: &DatabaseConnection, file_sha256: &str) -> Result<Option<EarlierImport>, DbErr> {
    let Some(line) = storage::imports::latest_of_file(db, file_sha256).await? else {
        return Ok(None);
    };
    let emails = storage::admins::emails(db, &[line.admin_id]).await?;
    Ok(Some(EarlierImport {
        id: line.id,
        admin_email: emails.get(&line.admin_id).cloned().unwrap_or_default(),
        created_at: rfc3339(line.created_at),
        file_name: line.file_name,
    }))
}

/// The users of an import an undo keeps now (Active, or changed since the import).
async fn kept_users(db: &impl storage::ConnectionTrait, id: i64) -> Result<Vec<KeptUser>, DbErr> {
    Ok(storage::users::of_import(db, id)
        .await?
        .into_iter()
        .filter(|u| !storage::users::is_undoable(u))
        .map(|u| KeptUser { id: u.id, firstname: u.firstname, lastname: u.lastname, email: u.email, status: u.status })
        .collect())
}

/// Checks that the import exists, is not undone and is within its window.
async fn undoable(
    db: &DatabaseConnection,
    id: i64,
    now: DateTime<Utc>,
    window: Duration,
) -> Result<ImportLine, UndoError> {
    let line = storage::imports::line(db, id).await?.ok_or(UndoError::NotFound)?;
    if line.undone_at.is_none() && now >= line.created_at + window {
        return Err(UndoError::WindowPassed);
    }
    Ok(line)
}

/// What undoing the import would do now, for the dialog.
pub async fn undo_preview(
    db: &DatabaseConnection,
    id: i64,
    now: DateTime<Utc>,
    window: Duration,
) -> Result<UndoPreview, UndoError> {
    let line = undoable(db, id, now, window).await?;
    if line.undone_at.is_some() {
        return Ok(UndoPreview { removable: 0, kept: kept_users(db, id).await? });
    }
    let removable = storage::users::count_undoable(db, id).await?;
    Ok(UndoPreview { removable: u32::try_from(removable).unwrap_or(u32::MAX), kept: kept_users(db, id).await? })
}

/// Undoes an import (see the module's doc), recording who did it and when. Undoing it again answers what the
/// first undo did and changes nothing.
pub async fn undo(
    db: &DatabaseConnection,
    id: i64,
    admin_id: i64,
    now: DateTime<Utc>,
    window: Duration,
) -> Result<UndoAnswer, UndoError> {
    for attempt in 1..=ATTEMPTS {
        let line = undoable(db, id, now, window).await?;
        if line.undone_at.is_some() {
            return already_undone(db, &line).await;
        }
        match undo_once(db, id, admin_id, now).await {
            Ok(Some(answer)) => {
                tracing::info!(
                    import_id = id,
                    admin_id,
                    removed = answer.removed,
                    kept = answer.kept.len(),
                    "import undone"
                );
                return Ok(answer);
            }
            // Another undo claimed it first: answer as it did.
            Ok(None) => {}
            Err(e) if crate::import::is_busy(&e) => {
                tracing::info!(attempt, import_id = id, "undo met a busy database; trying again");
            }
            Err(e) => return Err(e.into()),
        }
    }
    Err(UndoError::Busy)
}

async fn already_undone(db: &DatabaseConnection, line: &ImportLine) -> Result<UndoAnswer, UndoError> {
    Ok(UndoAnswer {
        removed: count(line.undo_removed.unwrap_or(0)),
        kept: kept_users(db, line.id).await?,
        already_undone: true,
    })
}

/// One try of the undo's transaction; `None` when another undo had claimed the import.
async fn undo_once(
    db: &DatabaseConnection,
    id: i64,
    admin_id: i64,
    now: DateTime<Utc>,
) -> Result<Option<UndoAnswer>, DbErr> {
    let txn = storage::begin_write(db).await?;
    if !storage::imports::claim_undo(&txn, id, admin_id, now).await? {
        txn.rollback().await?;
        return Ok(None);
    }
    // A roster import's changes first: its memberships go before its new learners do.
    let mut changed_since = Vec::new();
    if let Some(data) = storage::imports::find(&txn, id).await?.and_then(|i| i.undo_data) {
        changed_since = crate::roster::undo(&txn, &data, now).await?.kept;
    }
    storage::invitations::delete_for_undo(&txn, id).await?;
    let removed = storage::users::delete_for_undo(&txn, id).await?;
    let mut kept = kept_users(&txn, id).await?;
    for user in storage::users::find_many(&txn, &changed_since).await? {
        kept.push(KeptUser {
            id: user.id,
            firstname: user.firstname,
            lastname: user.lastname,
            email: user.email,
            status: user.status,
        });
    }
    let removed = u32::try_from(removed).unwrap_or(u32::MAX);
    storage::imports::record_undo(&txn, id, removed as i32, kept.len() as i32).await?;
    let counts = [("removed", i64::from(removed)), ("kept", kept.len() as i64)];
    storage::activity::record(&txn, Actor::admin(admin_id), ActivityAction::Undo, Some(id), &counts, now).await?;
    txn.commit().await?;
    Ok(Some(UndoAnswer { removed, kept, already_undone: false }))
}
