//! The Users list (a page of users for a view, with their invitation's state, and how many users the view finds),
//! and one learner at a time: add, edit, delete, every value checked by the same rules as an import row.

use domain::users::PAGE_SIZE;
use domain::{
    ActivityAction, Actor, InvitationCell, SaveAnswer, UserList, UserQuery, UserRow, UserStatus, COUNT_LIMIT,
};
use rules::{Column, UserValues};
use storage::{DatabaseConnection, DbErr};

/// A page of users for this view, and the view's total (counted up to [`COUNT_LIMIT`]).
pub async fn list(db: &DatabaseConnection, query: &UserQuery) -> Result<UserList, DbErr> {
    let page = storage::users::list(db, query, PAGE_SIZE).await?;
    let total = storage::users::count(db, query, COUNT_LIMIT).await?;
    let ids: Vec<i64> = page.users.iter().map(|u| u.id).collect();
    let mut invitations = storage::invitations::of_users(db, &ids).await?;
    // One query for the page's groups.
    let mut groups = storage::groups::names_of_users(db, &ids).await?;
    let users = page
        .users
        .into_iter()
        .map(|u| UserRow {
            groups: groups.remove(&u.id).unwrap_or_default(),
            invitation: invitations.remove(&u.id).map(|i| InvitationCell {
                state: i.state.as_seen_by_admin(),
                // A queued invitation's last error says why it is being retried.
                error: i.last_error,
            }),
            id: u.id,
            firstname: u.firstname,
            lastname: u.lastname,
            email: u.email,
            identifier: u.identifier,
            country: u.country,
            language: u.language,
            status: u.status,
            created_at: u.created_at.to_rfc3339_opts(chrono::SecondsFormat::Secs, true),
        })
        .collect();
    Ok(UserList { users, next: page.next, previous: page.previous, total })
}

#[derive(Debug, thiserror::Error)]
pub enum UserError {
    #[error("no user has this id")]
    NotFound,
    /// An Active learner signs in with their email: it is not changed from here.
    #[error("an active learner's email cannot be changed")]
    ActiveEmail,
    #[error(transparent)]
    Database(#[from] DbErr),
}

/// The values checked as an import row is, against the other users' emails and identifiers (`except` is the user
/// being edited, whose own email and identifier are not "taken").
async fn check(
    db: &DatabaseConnection,
    values: &UserValues,
    except: Option<&storage::users::User>,
) -> Result<Result<rules::ValidUser, Vec<rules::Problem>>, DbErr> {
    let email = rules::normalize_email(&values.email);
    let identifier = values.identifier.trim().to_owned();
    let mut existing = crate::import::existing(db, &[email], &[identifier]).await?;
    if let Some(user) = except {
        existing.remove(user.id);
    }
    Ok(rules::ValidUser::check_with(values.clone(), existing))
}

fn invalid(problems: Vec<rules::Problem>) -> SaveAnswer {
    SaveAnswer::Invalid { problems }
}

/// A unique index refused the email or identifier: another admin took it between the check and the write.
fn taken(err: &DbErr) -> Option<SaveAnswer> {
    let problem = match storage::WriteConflict::of(err)? {
        storage::WriteConflict::Taken(Some(Column::Identifier)) => {
            rules::Problem::cell(rules::Code::IdentifierExists, Column::Identifier)
        }
        storage::WriteConflict::Taken(_) => rules::Problem::cell(rules::Code::EmailExists, Column::Email),
        storage::WriteConflict::Busy => return None,
    };
    Some(invalid(vec![problem]))
}

/// Adds one learner, Pending, and queues their invitation when `invite` is set.
pub async fn add(
    db: &DatabaseConnection,
    actor: Actor,
    values: UserValues,
    invite: bool,
) -> Result<SaveAnswer, UserError> {
    let user = match check(db, &values, None).await? {
        Ok(user) => user,
        Err(problems) => return Ok(invalid(problems)),
    };
    let txn = storage::begin_write(db).await?;
    let id = match storage::users::insert_one(&txn, &user).await {
        Ok(id) => id,
        Err(e) => return taken(&e).ok_or(UserError::Database(e)),
    };
    if invite {
        storage::invitations::queue_many(&txn, &[id]).await?;
    }
    let details = [("invited", i64::from(invite))];
    storage::activity::record(&txn, actor, ActivityAction::UserAdd, Some(id), &details, chrono::Utc::now()).await?;
    txn.commit().await?;
    tracing::info!(user = id, "learner added");
    Ok(SaveAnswer::Saved { id })
}

/// Changes a learner's values. A Pending learner's new email gets a new invitation (the old link stops working);
/// an Active learner's email is not changed from here.
pub async fn edit(db: &DatabaseConnection, actor: Actor, id: i64, values: UserValues) -> Result<SaveAnswer, UserError> {
    let current = storage::users::find_by_id(db, id).await?.ok_or(UserError::NotFound)?;
    let user = match check(db, &values, Some(&current)).await? {
        Ok(user) => user,
        Err(problems) => return Ok(invalid(problems)),
    };
    let new_email = user.email_normalized() != current.email_normalized;
    if new_email && current.status == UserStatus::Active {
        return Err(UserError::ActiveEmail);
    }
    let txn = storage::begin_write(db).await?;
    match storage::users::update(&txn, id, &user, chrono::Utc::now()).await {
        Ok(true) => {}
        Ok(false) => return Err(UserError::NotFound),
        Err(e) => return taken(&e).ok_or(UserError::Database(e)),
    }
    let invited = storage::invitations::of_users(&txn, &[id]).await?.contains_key(&id);
    if new_email && invited {
        storage::invitations::delete_of_user(&txn, id).await?;
        storage::invitations::queue_many(&txn, &[id]).await?;
    }
    let details = [("new_email", i64::from(new_email))];
    storage::activity::record(&txn, actor, ActivityAction::UserEdit, Some(id), &details, chrono::Utc::now()).await?;
    txn.commit().await?;
    tracing::info!(user = id, new_email, "learner edited");
    Ok(SaveAnswer::Saved { id })
}

/// Removes a learner and their invitation.
pub async fn delete(db: &DatabaseConnection, actor: Actor, id: i64) -> Result<(), UserError> {
    let txn = storage::begin_write(db).await?;
    storage::invitations::delete_of_user(&txn, id).await?;
    if !storage::users::delete_one(&txn, id).await? {
        return Err(UserError::NotFound);
    }
    storage::activity::record(&txn, actor, ActivityAction::UserDelete, Some(id), &[], chrono::Utc::now()).await?;
    txn.commit().await?;
    tracing::info!(user = id, "learner deleted");
    Ok(())
}

/// Suspends one learner (no sign-in; an invitation still waiting to be sent is cancelled) or gives a Suspended
/// one back the state they had. Returns false when there was nothing to change (already in that state).
pub async fn set_suspended(db: &DatabaseConnection, actor: Actor, id: i64, suspend: bool) -> Result<bool, UserError> {
    let txn = storage::begin_write(db).await?;
    if storage::users::find_by_id(&txn, id).await?.is_none() {
        return Err(UserError::NotFound);
    }
    let now = chrono::Utc::now();
    let (changed, action, cancelled) = if suspend {
        let changed = !storage::users::suspend(&txn, &[id], now).await?.is_empty();
        let cancelled = if changed { storage::invitations::cancel_waiting(&txn, &[id]).await? } else { 0 };
        (changed, ActivityAction::UserSuspend, cancelled)
    } else {
        (!storage::users::reactivate(&txn, &[id], now).await?.is_empty(), ActivityAction::UserReactivate, 0)
    };
    if changed {
        let details = [("invitations_cancelled", cancelled as i64)];
        storage::activity::record(&txn, actor, action, Some(id), &details, now).await?;
    }
    txn.commit().await?;
    tracing::info!(user = id, suspend, changed, "learner status set");
    Ok(changed)
}

/// The columns of an export: the import's own first (so an export re-imports as it is), then the list's.
pub const EXPORT_COLUMNS: [&str; 10] = [
    "firstname",
    "lastname",
    "email",
    "identifier",
    "country",
    "language",
    "groups",
    "status",
    "invitation",
    "created",
];

/// One user's line of an export: a value per [`EXPORT_COLUMNS`].
pub type ExportLine = [String; EXPORT_COLUMNS.len()];

/// The next `limit` users of a view after `after_id` (id order) as export lines, and the id to continue after
/// (`None` when the view is done). A learner's groups are their names joined by `|`, as the import reads them.
pub async fn export_batch(
    db: &DatabaseConnection,
    query: &UserQuery,
    after_id: i64,
    limit: u64,
) -> Result<(Vec<ExportLine>, Option<i64>), DbErr> {
    let users = storage::users::batch_of(db, query, after_id, limit).await?;
    let ids: Vec<i64> = users.iter().map(|u| u.id).collect();
    let mut invitations = storage::invitations::of_users(db, &ids).await?;
    let mut groups = storage::groups::names_of_users(db, &ids).await?;
    let next = (users.len() as u64 == limit).then(|| ids.last().copied()).flatten();
    let lines = users
        .into_iter()
        .map(|u| {
            let invitation = invitations.remove(&u.id).map(|i| i.state.as_seen_by_admin().as_str()).unwrap_or("");
            [
                u.firstname,
                u.lastname,
                u.email,
                u.identifier.unwrap_or_default(),
                u.country.unwrap_or_default(),
                u.language,
                groups.remove(&u.id).unwrap_or_default().join("|"),
                u.status.as_str().to_owned(),
                invitation.to_owned(),
                u.created_at.to_rfc3339_opts(chrono::SecondsFormat::Secs, true),
            ]
        })
        .collect();
    Ok((lines, next))
}
