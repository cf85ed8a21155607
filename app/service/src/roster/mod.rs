//! Imports that keep learners right: `update`, `update-only` and `sync` (docs/rosters.md). The plan (what a file
//! would do: each row's difference, the groups it creates, who would leave the synced group) is computed by the
//! rules' one [`rules::diff`] from the learners' current values; the confirm computes it again inside its one
//! write transaction and writes it, with what its undo must put back.

use std::collections::{HashMap, HashSet};

use chrono::{DateTime, SubsecRound, Utc};
use domain::{
    ActivityAction, Actor, ConfirmAnswer, ConfirmRequest, Missing, Outcome, RosterCounts, RosterOptions, RowOutcome,
    UserStatus,
};
use rules::{Change, Code, Column, Existing, Label, Mode, Problem, RowDiff, Sheet, UserValues, ValidUser};
use serde::{Deserialize, Serialize};
use storage::imports::{NewImport, RosterResult};
use storage::{ConnectionTrait, DatabaseConnection, DbErr, WriteConflict};

use crate::import::{ImportError, StoredRow};

mod undo;

pub(crate) use undo::undo;
use undo::{UndoData, UpdatedLearner};

/// Past this share of a group's members (and more than [`MIN_REMOVALS`] learners), a sync asks the admin to allow
/// the removals: `SYNC_MAX_REMOVALS_PERCENT`'s default.
pub const DEFAULT_MAX_REMOVALS_PERCENT: u32 = 20;
/// A sync may always remove this many members without asking.
pub const MIN_REMOVALS: u64 = 5;

/// The safety threshold of syncs, from the server's configuration.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct SyncPolicy {
    pub max_removals_percent: u32,
}

impl Default for SyncPolicy {
    fn default() -> Self {
        SyncPolicy { max_removals_percent: DEFAULT_MAX_REMOVALS_PERCENT }
    }
}

impl SyncPolicy {
    /// Whether removing `leaving` of a group's `members` needs the admin's explicit leave.
    pub fn needs_approval(self, leaving: u64, members: u64) -> bool {
        leaving > MIN_REMOVALS && leaving * 100 > u64::from(self.max_removals_percent) * members
    }
}

/// A member of the synced group whom the file does not list.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Leaver {
    pub id: i64,
    pub firstname: String,
    pub lastname: String,
    pub email: String,
}

/// What a file would do in a roster mode, before anything is written.
#[derive(Debug)]
pub struct Plan {
    pub sheet: Sheet,
    pub diffs: Vec<RowDiff>,
    /// Groups the file (or the sync) names that the portal does not have yet, as first written.
    pub new_groups: Vec<String>,
    /// `sync`: the group's members not in the file, and how many members it has.
    pub leaving: Vec<Leaver>,
    pub members: u64,
    /// `sync`: the removals need the admin's leave (`sync.too_many_removals`) and were not allowed.
    pub needs_approval: bool,
}

/// The learners of these emails and identifiers, with their groups and status, as the rules compare rows with them;
/// and their rows as stored (whose `updated_at` is the exact value an update is conditioned on).
pub async fn learners_with_versions(
    db: &impl ConnectionTrait,
    emails: &[String],
    identifiers: &[String],
) -> Result<(Existing, HashMap<i64, storage::users::User>), DbErr> {
    let emails: Vec<String> = emails.iter().map(|e| rules::normalize_email(e)).filter(|e| !e.is_empty()).collect();
    let identifiers: Vec<String> = identifiers.iter().map(|i| i.trim().to_owned()).filter(|i| !i.is_empty()).collect();
    let users = storage::users::matching(db, &emails, &identifiers).await?;
    let ids: Vec<i64> = users.iter().map(|u| u.id).collect();
    let mut groups = storage::groups::names_of_users(db, &ids).await?;
    let stored = users.iter().map(|u| (u.id, u.clone())).collect();
    let learners = users.into_iter().map(|u| {
        let names = groups.remove(&u.id).unwrap_or_default();
        crate::import::learner(u, &names)
    });
    Ok((Existing::new(learners), stored))
}

/// The portal's groups' names, in the order `storage::groups::list` gives them: what the panel's sync offers.
pub async fn group_names(db: &impl ConnectionTrait) -> Result<Vec<String>, DbErr> {
    Ok(storage::groups::list(db).await?.into_iter().map(|g| g.name).collect())
}

/// The group name a sync names, checked as a `groups` cell's name is.
fn sync_group(options: &RosterOptions) -> Result<Option<String>, ImportError> {
    if options.mode != Mode::Sync {
        return Ok(None);
    }
    let Some(group) = options.group.as_deref() else {
        return Err(ImportError::BadRequest("a sync needs the group whose whole list the file is"));
    };
    match rules::group_name(group) {
        Some(name) => Ok(Some(name)),
        None => Err(ImportError::BadRequest("the sync's group must be one name of 1 to 64 characters")),
    }
}

/// Every group name of the rows without errors, and the sync's group.
fn named_groups<'a>(sheet: &'a Sheet, sync: Option<&'a str>) -> Vec<&'a str> {
    let mut names: Vec<&str> = Vec::new();
    let mut keys = HashSet::new();
    let rows = sheet.rows().iter().filter(|r| r.errors.is_empty());
    for name in rows.flat_map(|r| rules::group_names(r.value(Column::Groups))).chain(sync) {
        if keys.insert(rules::group_key(name)) {
            names.push(name);
        }
    }
    names
}

/// What the file would do, without writing anything: `server check --mode`, the API's dry run and the panel's
/// preview.
pub async fn plan(
    db: &impl ConnectionTrait,
    rows: Vec<(u32, UserValues)>,
    options: &RosterOptions,
    policy: SyncPolicy,
) -> Result<Plan, ImportError> {
    let sync = sync_group(options)?;
    let emails: Vec<String> = rows.iter().map(|r| r.1.email.clone()).collect();
    let identifiers: Vec<String> = rows.iter().map(|r| r.1.identifier.clone()).collect();
    let (existing, _) = learners_with_versions(db, &emails, &identifiers).await?;
    let sheet = Sheet::new(rows, existing).with_mode(options.mode);
    let diffs = sheet.diffs(options.empty, sync.as_deref());
    let names = named_groups(&sheet, sync.as_deref());
    let known = storage::groups::existing_keys(db, &names).await?;
    let new_groups: Vec<String> =
        names.into_iter().filter(|n| !known.contains(&rules::group_key(n))).map(str::to_owned).collect();
    let (mut leaving, mut members) = (Vec::new(), 0);
    if let Some(name) = &sync {
        if let Some(group) = storage::groups::find_by_name(db, name).await? {
            let ids = storage::groups::members_of(db, group.id).await?;
            members = ids.len() as u64;
            let listed: HashSet<i64> = (0..sheet.rows().len()).filter_map(|i| sheet.matched(i).map(|l| l.id)).collect();
            let gone: Vec<i64> = ids.into_iter().filter(|id| !listed.contains(id)).collect();
            leaving = storage::users::find_many(db, &gone)
                .await?
                .into_iter()
                .map(|u| Leaver { id: u.id, firstname: u.firstname, lastname: u.lastname, email: u.email })
                .collect();
        }
    }
    let allowed = u64::from(options.allow_removals.unwrap_or(0));
    let needs_approval = policy.needs_approval(leaving.len() as u64, members) && allowed < leaving.len() as u64;
    Ok(Plan { sheet, diffs, new_groups, leaving, members, needs_approval })
}

enum WriteError {
    SameRequest,
    Conflict(&'static str),
    /// Nothing written: rows have errors (or nothing to do), the answer says which.
    Refused(Box<ConfirmAnswer>),
    TooManyRemovals {
        count: u64,
        members: u64,
    },
    Invalid(ImportError),
    Database(DbErr),
}

impl From<DbErr> for WriteError {
    fn from(e: DbErr) -> Self {
        match WriteConflict::of(&e) {
            Some(WriteConflict::Busy) => WriteError::Conflict("database busy"),
            Some(WriteConflict::Taken(_)) => WriteError::Conflict("email or identifier taken"),
            None => WriteError::Database(e),
        }
    }
}

/// Carries out a roster confirm (see the module's doc), tried again when another write got in its way.
pub(crate) async fn confirm(
    db: &DatabaseConnection,
    actor: Actor,
    request: &ConfirmRequest,
    fingerprint: &str,
    policy: SyncPolicy,
) -> Result<ConfirmAnswer, ImportError> {
    for attempt in 1..=crate::import::ATTEMPTS {
        if let Some(answer) =
            crate::import::previous_answer(db, actor.admin_id, &request.request_id, fingerprint).await?
        {
            return Ok(answer);
        }
        match write(db, actor, request, fingerprint, policy).await {
            Ok(answer) => return Ok(answer),
            Err(WriteError::Refused(answer)) => return Ok(*answer),
            Err(WriteError::SameRequest) => {
                if let Some(answer) =
                    crate::import::previous_answer(db, actor.admin_id, &request.request_id, fingerprint).await?
                {
                    return Ok(answer);
                }
            }
            Err(WriteError::Conflict(reason)) => {
                tracing::info!(attempt, reason, "a roster import met another write; checking again");
            }
            Err(WriteError::TooManyRemovals { count, members }) => {
                return Err(ImportError::TooManyRemovals { count, members })
            }
            Err(WriteError::Invalid(e)) => return Err(e),
            Err(WriteError::Database(e)) => return Err(e.into()),
        }
    }
    Err(ImportError::Busy)
}

/// The values a learner has after an update: each changed column's new value, the others as they were.
fn merged(learner: &UserValues, changes: &[Change]) -> UserValues {
    let mut values = learner.clone();
    for change in changes {
        *values.get_mut(change.column) = change.new.clone();
    }
    values
}

async fn write(
    db: &DatabaseConnection,
    actor: Actor,
    request: &ConfirmRequest,
    fingerprint: &str,
    policy: SyncPolicy,
) -> Result<ConfirmAnswer, WriteError> {
    let options = &request.roster;
    let sync = sync_group(options).map_err(WriteError::Invalid)?;
    // Microseconds: what both databases keep, so the version read back is the one written.
    let now = Utc::now().trunc_subsecs(6);
    let txn = storage::begin_write(db).await?;
    // The record goes first: its unique request id makes a twin request wait here, then give way.
    let import_id = storage::imports::insert(
        &txn,
        NewImport {
            request_id: request.request_id.clone(),
            admin_id: actor.admin_id,
            file_name: request.file_name.clone(),
            file_sha256: request.file_sha256.clone(),
            send_invitations: request.send_invitations,
            total_rows: request.rows.len() as i32,
            created_count: 0,
            skipped_count: 0,
            existing_count: 0,
            outcomes: "[]".to_owned(),
            request_fingerprint: fingerprint.to_owned(),
        },
    )
    .await
    .map_err(|e| match WriteConflict::of(&e) {
        Some(WriteConflict::Taken(_)) => WriteError::SameRequest,
        _ => WriteError::from(e),
    })?;
    let mut undo = UndoData { version: now.timestamp_micros(), ..UndoData::default() };
    // The synced group exists from here on, locked: two syncs of one group run one after the other.
    let group = match &sync {
        Some(name) => {
            let (mut found, created) = storage::groups::ensure(&txn, &[name.as_str()], Some(import_id), now).await?;
            undo.created_groups.extend(created);
            let group = found.pop().ok_or(WriteError::Conflict("group"))?;
            storage::groups::lock(&txn, group.id).await?;
            Some(group)
        }
        None => None,
    };
    let rows: Vec<(u32, UserValues)> =
        request.rows.iter().map(|r| (r.row, UserValues::from_cells(&r.values))).collect();
    let emails: Vec<String> = rows.iter().map(|r| r.1.email.clone()).collect();
    let identifiers: Vec<String> = rows.iter().map(|r| r.1.identifier.clone()).collect();
    let (existing, stored) = learners_with_versions(&txn, &emails, &identifiers).await?;
    let sheet = Sheet::new(rows, existing).with_mode(options.mode);
    let diffs = sheet.diffs(options.empty, sync.as_deref());

    // Each row's outcome; a learner changed since the preview is not overwritten, nor written twice by two rows
    // (one matching by identifier, the other by email).
    let mut outcomes: Vec<RowOutcome> = Vec::with_capacity(diffs.len());
    let mut first_row_of: HashMap<i64, u32> = HashMap::new();
    for (i, (report, diff)) in sheet.rows().iter().zip(&diffs).enumerate() {
        let seen = request.rows[i].seen;
        let moved = seen.is_some_and(|s| diff.learner != Some((s.learner, s.version)));
        let earlier = match (diff.label, diff.learner) {
            (Label::Error, _) | (_, None) => None,
            (_, Some((id, _))) => match first_row_of.get(&id) {
                Some(&row) => Some(row),
                None => {
                    first_row_of.insert(id, report.row);
                    None
                }
            },
        };
        let (outcome, problems, changes) = match diff.label {
            Label::Error => (Outcome::Skipped, report.errors.clone(), Vec::new()),
            _ if moved => {
                let problem = Problem::cell(Code::UserChangedSincePreview, Column::Email);
                (Outcome::Skipped, vec![problem], Vec::new())
            }
            _ if earlier.is_some() => {
                let problem = Problem::cell(Code::UserDuplicate, Column::Email).with_row(earlier.unwrap_or_default());
                (Outcome::Skipped, vec![problem], Vec::new())
            }
            Label::New => (Outcome::Created, Vec::new(), Vec::new()),
            Label::Update => (Outcome::Updated, Vec::new(), diff.changes.clone()),
            Label::Unchanged => (Outcome::Unchanged, Vec::new(), Vec::new()),
        };
        outcomes.push(RowOutcome { row: report.row, outcome, problems, changes });
    }
    let count = |o: Outcome| outcomes.iter().filter(|r| r.outcome == o).count() as u32;
    let (created, skipped) = (count(Outcome::Created), count(Outcome::Skipped));
    let mut counts =
        RosterCounts { updated: count(Outcome::Updated), unchanged: count(Outcome::Unchanged), ..Default::default() };
    let refuse = |counts: RosterCounts, outcomes: Vec<RowOutcome>| {
        WriteError::Refused(Box::new(ConfirmAnswer {
            imported: false,
            import_id: None,
            created: 0,
            skipped,
            rows: outcomes,
            counts: RosterCounts { unchanged: 0, ..counts },
        }))
    };
    if skipped > 0 && !request.ignore_errors || skipped as usize == outcomes.len() {
        txn.rollback().await?;
        return Err(refuse(counts, outcomes));
    }

    // A sync's leavers: members the file does not list (a row with errors still lists its learner).
    let mut leaving: Vec<i64> = Vec::new();
    if let Some(group) = &group {
        let members = storage::groups::members_of(&txn, group.id).await?;
        let listed: HashSet<i64> = (0..sheet.rows().len()).filter_map(|i| sheet.matched(i).map(|l| l.id)).collect();
        leaving = members.iter().copied().filter(|id| !listed.contains(id)).collect();
        let allowed = u64::from(options.allow_removals.unwrap_or(0));
        if policy.needs_approval(leaving.len() as u64, members.len() as u64) && allowed < leaving.len() as u64 {
            txn.rollback().await?;
            return Err(WriteError::TooManyRemovals { count: leaving.len() as u64, members: members.len() as u64 });
        }
    }

    // New learners.
    let new_users: Vec<ValidUser> = sheet
        .valid_users()
        .into_iter()
        .filter(|u| outcomes.iter().any(|o| o.row == u.row() && o.outcome == Outcome::Created))
        .collect();
    storage::users::insert_many(&txn, &new_users, Some(import_id)).await?;
    let new_keys: Vec<String> = new_users.iter().map(|u| u.email_normalized().to_owned()).collect();
    let new_ids: HashMap<String, i64> = storage::users::ids_by_email(&txn, &new_keys).await?.into_iter().collect();

    // Updates, each only if the learner is still as read: one statement for them all.
    let mut reinvite: Vec<i64> = Vec::new();
    // Active learners whose address changes: (id, old address, new address, language) for the notice.
    let mut email_changed: Vec<(i64, String, String, String)> = Vec::new();
    let mut writes: Vec<(i64, DateTime<Utc>, ValidUser)> = Vec::new();
    let (mut suspend, mut reactivate): (Vec<i64>, Vec<i64>) = (Vec::new(), Vec::new());
    for (i, outcome) in outcomes.iter().enumerate() {
        if outcome.outcome != Outcome::Updated {
            continue;
        }
        let Some(learner) = sheet.matched(i) else { continue };
        let values_changed = outcome.changes.iter().any(|c| !matches!(c.column, Column::Groups | Column::Status));
        let user = stored.get(&learner.id).ok_or(WriteError::Conflict("learner read"))?;
        undo.updated.push(UpdatedLearner {
            id: learner.id,
            before: learner.values.clone(),
            status: user.status,
            status_before: user.status_before,
        });
        let after = merged(&learner.values, &outcome.changes);
        let valid = ValidUser::check(UserValues { groups: String::new(), status: String::new(), ..after.clone() })
            .map_err(|_| WriteError::Conflict("merged values"))?;
        if values_changed
            && rules::normalize_email(&learner.values.email) != valid.email_normalized()
            && user.status == UserStatus::Pending
        {
            reinvite.push(learner.id);
        }
        if values_changed
            && rules::normalize_email(&learner.values.email) != valid.email_normalized()
            && user.status == UserStatus::Active
        {
            let (old, new) = (user.email.clone(), valid.email().to_owned());
            email_changed.push((learner.id, old, new, valid.language().to_owned()));
        }
        if let Some(status) = outcome.changes.iter().find(|c| c.column == Column::Status) {
            match rules::StatusValue::parse(&status.new) {
                Some(rules::StatusValue::Suspended) => suspend.push(learner.id),
                Some(rules::StatusValue::Active) => reactivate.push(learner.id),
                None => {}
            }
        }
        // Every changed learner is written (its version moves), so a later undo can tell it changed since.
        writes.push((learner.id, user.updated_at, valid));
    }
    let at_versions: Vec<(i64, DateTime<Utc>, &ValidUser)> = writes.iter().map(|(id, v, u)| (*id, *v, u)).collect();
    if storage::users::update_many_if_version(&txn, &at_versions, now).await? != writes.len() as u64 {
        return Err(WriteError::Conflict("a learner changed meanwhile"));
    }
    // Statuses after the values: the values' write is conditioned on the versions read.
    storage::users::suspend(&txn, &suspend, now).await?;
    storage::invitations::cancel_waiting(&txn, &suspend).await?;
    storage::users::reactivate(&txn, &reactivate, now).await?;
    if !reinvite.is_empty() {
        // The old link stops working; the new address gets its own.
        let invited = storage::invitations::of_users(&txn, &reinvite).await?;
        let ids: Vec<i64> = reinvite.into_iter().filter(|id| invited.contains_key(id)).collect();
        for &id in &ids {
            storage::invitations::delete_of_user(&txn, id).await?;
        }
        storage::invitations::queue_many(&txn, &ids).await?;
    }
    // The old address is told, in the learner's language, in this transaction: no commit, no notice.
    for (id, old, new, language) in &email_changed {
        storage::notices::queue_email_changed(&txn, *id, old, new, language, now).await?;
    }

    // Memberships: each row's groups (and the synced group) for its learner.
    let names = named_groups(&sheet, sync.as_deref());
    let (groups, created_groups) = storage::groups::ensure(&txn, &names, Some(import_id), now).await?;
    undo.created_groups.extend(created_groups);
    let id_of: HashMap<String, i64> = groups.iter().map(|g| (g.name_key.clone(), g.id)).collect();
    let mut pairs: Vec<(i64, i64)> = Vec::new();
    let mut dropped: Vec<(i64, i64)> = Vec::new();
    for (i, (report, outcome)) in sheet.rows().iter().zip(&outcomes).enumerate() {
        let user_id = match outcome.outcome {
            Outcome::Created => new_ids.get(&rules::normalize_email(report.value(Column::Email))).copied(),
            Outcome::Updated | Outcome::Unchanged => sheet.matched(i).map(|l| l.id),
            Outcome::Skipped => None,
        };
        let Some(user_id) = user_id else { continue };
        let wanted: Vec<&str> = match outcome.changes.iter().find(|c| c.column == Column::Groups) {
            Some(change) => rules::group_names(&change.new),
            None if outcome.outcome == Outcome::Created => {
                rules::group_names(report.value(Column::Groups)).into_iter().chain(sync.as_deref()).collect()
            }
            None => Vec::new(),
        };
        for name in &wanted {
            if let Some(&group_id) = id_of.get(&rules::group_key(name)) {
                pairs.push((group_id, user_id));
            }
        }
        // Clearing: the learner's groups the row no longer names.
        if let (Some(change), Some(learner)) =
            (outcome.changes.iter().find(|c| c.column == Column::Groups), sheet.matched(i))
        {
            let kept: HashSet<String> = wanted.iter().map(|n| rules::group_key(n)).collect();
            for old in rules::group_names(&change.old) {
                if !kept.contains(&rules::group_key(old)) {
                    if let Some(group) = storage::groups::find_by_name(&txn, old).await? {
                        dropped.push((group.id, learner.id));
                    }
                }
            }
        }
    }
    undo.added_memberships = storage::groups::add_members(&txn, &pairs, now).await?;
    for &(group_id, user_id) in &dropped {
        if storage::groups::remove_members(&txn, group_id, &[user_id]).await? > 0 {
            undo.removed_memberships.push((group_id, user_id));
        }
    }

    // The sync's leavers: out of the group, or Suspended.
    if let Some(group) = &group {
        match options.missing {
            Missing::Remove => {
                storage::groups::remove_members(&txn, group.id, &leaving).await?;
                undo.removed_memberships.extend(leaving.iter().map(|&id| (group.id, id)));
                counts.removed = leaving.len() as u32;
            }
            Missing::Suspend => {
                let suspended = storage::users::suspend(&txn, &leaving, now).await?;
                storage::invitations::cancel_waiting(&txn, &leaving).await?;
                counts.suspended = suspended.len() as u32;
                undo.suspended = suspended;
            }
        }
    }
    if request.send_invitations && created > 0 {
        storage::invitations::queue_for_import(&txn, import_id).await?;
    }
    // New learners whose status cell says suspended: created, then Suspended (no invitation goes to them).
    let new_suspended: Vec<i64> = new_users
        .iter()
        .filter(|u| {
            let row = sheet.rows().iter().find(|r| r.row == u.row());
            row.and_then(|r| rules::StatusValue::parse(r.value(Column::Status))) == Some(rules::StatusValue::Suspended)
        })
        .filter_map(|u| new_ids.get(u.email_normalized()).copied())
        .collect();
    storage::users::suspend(&txn, &new_suspended, now).await?;
    storage::invitations::cancel_waiting(&txn, &new_suspended).await?;

    let stored: Vec<StoredRow> = sheet
        .rows()
        .iter()
        .zip(&outcomes)
        .enumerate()
        .map(|(i, (r, o))| StoredRow {
            row: r.row,
            outcome: o.outcome,
            email: r.value(Column::Email).to_owned(),
            problems: o.problems.clone(),
            values: (o.outcome == Outcome::Skipped).then(|| r.values.to_vec()),
            user_id: match o.outcome {
                Outcome::Updated | Outcome::Unchanged => sheet.matched(i).map(|l| l.id),
                _ => None,
            },
            changes: o.changes.clone(),
        })
        .collect();
    let existing_count = stored.iter().filter(|r| r.is_existing_user()).count() as i32;
    storage::imports::finish_roster(
        &txn,
        import_id,
        RosterResult {
            mode: options.mode.as_str().to_owned(),
            sync_group: group.as_ref().map(|g| g.name.clone()),
            total_rows: outcomes.len() as i32,
            created_count: created as i32,
            skipped_count: skipped as i32,
            existing_count,
            updated_count: counts.updated as i32,
            unchanged_count: counts.unchanged as i32,
            removed_count: counts.removed as i32,
            suspended_count: counts.suspended as i32,
            outcomes: json(&stored)?,
            undo_data: json(&undo)?,
        },
    )
    .await?;
    let details = [
        ("added", i64::from(created)),
        ("updated", i64::from(counts.updated)),
        ("unchanged", i64::from(counts.unchanged)),
        ("removed", i64::from(counts.removed)),
        ("suspended", i64::from(counts.suspended)),
        ("skipped", i64::from(skipped)),
    ];
    storage::activity::record(&txn, actor, ActivityAction::Import, Some(import_id), &details, now).await?;
    txn.commit().await?;
    tracing::info!(
        import_id,
        mode = options.mode.as_str(),
        created,
        updated = counts.updated,
        "roster import confirmed"
    );
    metrics::counter!("imports_total").increment(1);
    for (outcome, n) in
        [("created", created), ("updated", counts.updated), ("unchanged", counts.unchanged), ("skipped", skipped)]
    {
        metrics::counter!("import_rows_total", "outcome" => outcome).increment(u64::from(n));
    }
    Ok(ConfirmAnswer { imported: true, import_id: Some(import_id), created, skipped, rows: outcomes, counts })
}

fn json(value: &impl Serialize) -> Result<String, WriteError> {
    serde_json::to_string(value).map_err(|e| WriteError::Database(DbErr::Json(e.to_string())))
}
