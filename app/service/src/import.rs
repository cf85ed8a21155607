//! The confirmed import: every rule checked again (the browser is never trusted), existing users looked up, then
//! users, import record, row outcomes and invitations written in one transaction. The `confirm_import` server
//! function and `server import` both call [`confirm`]; the panel's and `server check`'s look-ups call [`existing`].

use std::collections::HashSet;

use chrono::Utc;
use domain::{ActivityAction, Actor, ConfirmAnswer, ConfirmRequest, Outcome, RosterCounts, RowOutcome};
use rules::{Code, Column, Existing, Learner, Mode, Problem, Sheet, UserValues};

pub use crate::roster::SyncPolicy;
use serde::{Deserialize, Serialize};
use storage::imports::NewImport;
use storage::{ConnectionTrait, DatabaseConnection, DbErr, WriteConflict};

/// How many times a confirm is tried again when another import took one of its emails or identifiers (or the
/// database was busy) between the existence check and the insert. Each try sees the other's users as existing.
pub(crate) const ATTEMPTS: usize = 5;

#[derive(Debug, thiserror::Error)]
pub enum ImportError {
    #[error("invalid request: {0}")]
    BadRequest(&'static str),
    #[error("the database stayed busy")]
    Busy,
    /// The request id was used before for other rows or options: nothing was done, and the client must send
    /// this content under a new id.
    #[error("this request id was already used for other content")]
    RequestReused,
    /// A sync would remove (or suspend) more of its group than the threshold allows, and the admin did not allow
    /// that many: nothing was done.
    #[error("the sync would remove {count} of the group's {members} members")]
    TooManyRemovals { count: u64, members: u64 },
    #[error(transparent)]
    Database(#[from] DbErr),
}

/// The learners of the portal these emails and identifiers belong to, with their current values.
pub async fn learners(
    db: &impl ConnectionTrait,
    emails: &[String],
    identifiers: &[String],
) -> Result<Vec<Learner>, DbErr> {
    let emails: Vec<String> = emails.iter().map(|e| rules::normalize_email(e)).filter(|e| !e.is_empty()).collect();
    let identifiers: Vec<String> = identifiers.iter().map(|i| i.trim().to_owned()).filter(|i| !i.is_empty()).collect();
    let users = storage::users::matching(db, &emails, &identifiers).await?;
    let ids: Vec<i64> = users.iter().map(|u| u.id).collect();
    let mut groups = storage::groups::names_of_users(db, &ids).await?;
    Ok(users
        .into_iter()
        .map(|u| {
            let names = groups.remove(&u.id).unwrap_or_default();
            learner(u, &names)
        })
        .collect())
}

/// A user (and their groups' names) as the rules compare a row with them.
pub fn learner(user: storage::users::User, groups: &[String]) -> Learner {
    Learner {
        id: user.id,
        version: user.updated_at.timestamp_micros(),
        values: UserValues {
            firstname: user.firstname,
            lastname: user.lastname,
            email: user.email,
            identifier: user.identifier.unwrap_or_default(),
            country: user.country.unwrap_or_default(),
            language: user.language,
            groups: groups.join("|"),
            status: user.status.as_str().to_owned(),
        },
    }
}

/// The portal's learners that these emails and identifiers match, as the rules take them.
pub async fn existing(db: &impl ConnectionTrait, emails: &[String], identifiers: &[String]) -> Result<Existing, DbErr> {
    Ok(Existing::new(learners(db, emails, identifiers).await?))
}

fn check_request(request: &ConfirmRequest) -> Result<(), ImportError> {
    let id = &request.request_id;
    if id.is_empty() || id.len() > 64 || !id.chars().all(|c| c.is_ascii_alphanumeric() || c == '-') {
        return Err(ImportError::BadRequest("request_id must be 1 to 64 letters, digits or hyphens"));
    }
    if request.rows.len() > rules::MAX_ROWS {
        return Err(ImportError::BadRequest("too many rows"));
    }
    // The template's six columns at least (clients written before `groups` and `status` send those six); the
    // optional columns after them may be left out.
    let fewest = Column::Language.index() + 1;
    if request.rows.iter().any(|r| r.values.len() < fewest || r.values.len() > Column::ALL.len()) {
        return Err(ImportError::BadRequest(
            "every row needs a value for each of the template's columns, and none past the last column",
        ));
    }
    let mut seen = HashSet::new();
    if !request.rows.iter().all(|r| r.row >= 2 && seen.insert(r.row)) {
        return Err(ImportError::BadRequest("row numbers must be distinct and at least 2"));
    }
    if request.file_name.len() > 255 || request.file_sha256.len() > 64 {
        return Err(ImportError::BadRequest("file name or hash too long"));
    }
    Ok(())
}

/// Carries out a confirm request (see the module's doc). Sending the same request again returns the first
/// answer and writes nothing.
pub async fn confirm(
    db: &DatabaseConnection,
    actor: Actor,
    request: ConfirmRequest,
    policy: SyncPolicy,
) -> Result<ConfirmAnswer, ImportError> {
    let admin_id = actor.admin_id;
    check_request(&request)?;
    let fingerprint = fingerprint(&request)?;
    // Groups, statuses and updates are the roster path's; a plain file of new learners keeps the lean insert.
    let rostered = request.roster.mode != Mode::Add
        || request
            .rows
            .iter()
            .any(|r| !r.value(Column::Groups).trim().is_empty() || !r.value(Column::Status).trim().is_empty());
    if rostered {
        return crate::roster::confirm(db, actor, &request, &fingerprint, policy).await;
    }
    let emails: Vec<String> = request.rows.iter().map(|r| r.value(Column::Email).to_owned()).collect();
    let identifiers: Vec<String> = request.rows.iter().map(|r| r.value(Column::Identifier).to_owned()).collect();
    for attempt in 1..=ATTEMPTS {
        let existing = existing(db, &emails, &identifiers).await?;
        // After the existence read: if a twin of this request committed before that read, its import is
        // visible now too (users and import record commit together), so we answer as it did rather than
        // reporting its users as existing.
        if let Some(answer) = previous_answer(db, admin_id, &request.request_id, &fingerprint).await? {
            return Ok(answer);
        }
        let sheet =
            Sheet::new(request.rows.iter().map(|r| (r.row, UserValues::from_cells(&r.values))).collect(), existing);
        let outcomes: Vec<RowOutcome> = sheet
            .rows()
            .iter()
            .map(|r| RowOutcome {
                row: r.row,
                outcome: if r.errors.is_empty() { Outcome::Created } else { Outcome::Skipped },
                problems: r.errors.clone(),
                changes: Vec::new(),
            })
            .collect();
        let summary = sheet.summary();
        let (created, skipped) = (summary.valid as u32, summary.invalid as u32);
        // Refused with errors left (unless the admin chose to ignore them), or with nothing valid to add: no
        // import record is written for an import that adds nobody.
        if created == 0 || (skipped > 0 && !request.ignore_errors) {
            return Ok(ConfirmAnswer {
                imported: false,
                import_id: None,
                created: 0,
                skipped,
                rows: outcomes,
                counts: Default::default(),
            });
        }
        match write(db, actor, &request, &fingerprint, &sheet, &outcomes).await {
            Ok(import_id) => {
                tracing::info!(import_id, admin_id, created, skipped, "import confirmed");
                metrics::counter!("imports_total").increment(1);
                metrics::counter!("import_rows_total", "outcome" => "created").increment(u64::from(created));
                metrics::counter!("import_rows_total", "outcome" => "skipped").increment(u64::from(skipped));
                return Ok(ConfirmAnswer {
                    imported: true,
                    import_id: Some(import_id),
                    created,
                    skipped,
                    rows: outcomes,
                    counts: Default::default(),
                });
            }
            Err(WriteError::SameRequest) => {
                // The same request, sent twice at once, was carried out by the other call: answer as it did.
                if let Some(answer) = previous_answer(db, admin_id, &request.request_id, &fingerprint).await? {
                    return Ok(answer);
                }
            }
            Err(WriteError::Conflict(reason)) => {
                tracing::info!(attempt, reason, "another import took a key first; checking again");
            }
            Err(WriteError::Database(e)) => return Err(e.into()),
        }
    }
    Err(ImportError::Busy)
}

/// What a request carries besides its id, hashed: the rows as sent and the options. The same id with another
/// fingerprint is another request (a file edited after a lost reply, or a client bug), never a repeat.
fn fingerprint(request: &ConfirmRequest) -> Result<String, ImportError> {
    let content = (
        &request.rows,
        request.send_invitations,
        request.ignore_errors,
        &request.file_name,
        &request.file_sha256,
        &request.roster,
    );
    let json = serde_json::to_string(&content).map_err(|e| DbErr::Json(e.to_string()))?;
    Ok(storage::tokens::hash_token(&json))
}

enum WriteError {
    /// The import record's request id is taken: the same request was carried out meanwhile.
    SameRequest,
    /// A user's email or identifier, or a lock, was taken by another import: check again and retry.
    Conflict(&'static str),
    Database(DbErr),
}

pub(crate) fn is_busy(err: &DbErr) -> bool {
    WriteConflict::of(err) == Some(WriteConflict::Busy)
}

/// Writes everything in one transaction; a failure anywhere leaves nothing behind.
async fn write(
    db: &DatabaseConnection,
    actor: Actor,
    request: &ConfirmRequest,
    fingerprint: &str,
    sheet: &Sheet,
    outcomes: &[RowOutcome],
) -> Result<i64, WriteError> {
    let classify = |e: DbErr, unique: WriteError| match WriteConflict::of(&e) {
        Some(WriteConflict::Taken(_)) => unique,
        Some(WriteConflict::Busy) => WriteError::Conflict("database busy"),
        None => WriteError::Database(e),
    };
    let valid = sheet.valid_users();
    let summary = sheet.summary();
    let stored: Vec<StoredRow> = sheet
        .rows()
        .iter()
        .zip(outcomes)
        .map(|(r, o)| StoredRow {
            row: r.row,
            outcome: o.outcome,
            email: r.value(Column::Email).to_owned(),
            problems: o.problems.clone(),
            // A skipped row's values make the error report, to fix and drop again; a created row is its user.
            values: (o.outcome == Outcome::Skipped).then(|| r.values.to_vec()),
            user_id: None,
            changes: Vec::new(),
        })
        .collect();
    let existing_count = stored.iter().filter(|r| r.is_existing_user()).count() as i32;
    let outcomes_json = serde_json::to_string(&stored).map_err(|e| WriteError::Database(DbErr::Json(e.to_string())))?;
    let txn = storage::begin_write(db).await.map_err(|e| classify(e, WriteError::Conflict("begin")))?;
    // The import record goes first: its unique request id makes a twin request wait here, then give way.
    let import_id = storage::imports::insert(
        &txn,
        NewImport {
            request_id: request.request_id.clone(),
            admin_id: actor.admin_id,
            file_name: request.file_name.clone(),
            file_sha256: request.file_sha256.clone(),
            send_invitations: request.send_invitations,
            total_rows: summary.total as i32,
            created_count: summary.valid as i32,
            skipped_count: summary.invalid as i32,
            existing_count,
            outcomes: outcomes_json,
            request_fingerprint: fingerprint.to_owned(),
        },
    )
    .await
    .map_err(|e| classify(e, WriteError::SameRequest))?;
    storage::users::insert_many(&txn, &valid, Some(import_id))
        .await
        .map_err(|e| classify(e, WriteError::Conflict("email or identifier taken")))?;
    if request.send_invitations {
        storage::invitations::queue_for_import(&txn, import_id)
            .await
            .map_err(|e| classify(e, WriteError::Conflict("queue")))?;
    }
    let counts = [("added", i64::from(summary.valid as u32)), ("skipped", i64::from(summary.invalid as u32))];
    storage::activity::record(&txn, actor, ActivityAction::Import, Some(import_id), &counts, Utc::now())
        .await
        .map_err(|e| classify(e, WriteError::Conflict("activity")))?;
    txn.commit().await.map_err(|e| classify(e, WriteError::Conflict("commit")))?;
    Ok(import_id)
}

/// One row's outcome as the import record keeps it (`imports.outcomes`, a JSON list in row order).
#[derive(Serialize, Deserialize)]
pub(crate) struct StoredRow {
    pub row: u32,
    pub outcome: Outcome,
    pub email: String,
    pub problems: Vec<Problem>,
    /// A skipped row's values in [`Column::ALL`] order; `None` for created rows and for imports recorded before
    /// the values were kept.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub values: Option<Vec<String>>,
    /// The learner an updated or unchanged row matched.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub user_id: Option<i64>,
    /// An updated learner's changed values, old → new.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub changes: Vec<rules::Change>,
}

impl StoredRow {
    /// A row skipped because the portal already had the user (rather than for an error in its values).
    pub fn is_existing_user(&self) -> bool {
        self.outcome == Outcome::Skipped
            && self.problems.iter().any(|p| matches!(p.code(), Code::EmailExists | Code::IdentifierExists))
    }
}

/// The row outcomes an import record keeps.
pub(crate) fn stored_rows(outcomes: &str) -> Result<Vec<StoredRow>, DbErr> {
    serde_json::from_str(outcomes).map_err(|e| DbErr::Json(e.to_string()))
}

/// The answer a request already carried out got, rebuilt from its import record. The id must be this admin's
/// (an answer is only ever shown to the admin who imported) and the content the same as then.
pub(crate) async fn previous_answer(
    db: &DatabaseConnection,
    admin_id: i64,
    request_id: &str,
    fingerprint: &str,
) -> Result<Option<ConfirmAnswer>, ImportError> {
    let Some(import) = storage::imports::find_by_request(db, request_id).await? else {
        return Ok(None);
    };
    if import.admin_id != admin_id {
        return Err(ImportError::BadRequest("this request id belongs to another admin's import"));
    }
    if import.request_fingerprint.as_deref().is_some_and(|stored| stored != fingerprint) {
        tracing::warn!(import_id = import.id, admin_id, "a request id was sent again with other content");
        return Err(ImportError::RequestReused);
    }
    let stored = stored_rows(&import.outcomes)?;
    let rows = stored
        .into_iter()
        .map(|r| RowOutcome { row: r.row, outcome: r.outcome, problems: r.problems, changes: r.changes })
        .collect();
    let number = |n: Option<i32>| u32::try_from(n.unwrap_or(0)).unwrap_or(0);
    Ok(Some(ConfirmAnswer {
        imported: true,
        import_id: Some(import.id),
        created: import.created_count as u32,
        skipped: import.skipped_count as u32,
        rows,
        counts: RosterCounts {
            updated: number(import.updated_count),
            unchanged: number(import.unchanged_count),
            removed: number(import.removed_count),
            suspended: number(import.suspended_count),
        },
    }))
}
