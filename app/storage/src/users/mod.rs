//! Named queries on the portal's users: the Users list (`list`), inserts, single-user edits, bulk actions, and what
//! an undo removes.

use chrono::{DateTime, Utc};
use rules::ValidUser;
use sea_orm::{ColumnTrait, Condition, ConnectionTrait, DbErr, EntityTrait, QueryFilter, QueryOrder, QuerySelect, Set};

use crate::entity::users;
use domain::{UserQuery, UserStatus};

pub use users::Model as User;

mod list;

pub use list::{count, decode_cursor, list, UserPage};
use list::{filtered, FtsRole};

fn active_model(user: &ValidUser, import_id: Option<i64>, now: DateTime<Utc>) -> users::ActiveModel {
    users::ActiveModel {
        firstname_key: Set(user.firstname().to_lowercase()),
        lastname_key: Set(user.lastname().to_lowercase()),
        identifier_key: Set(user.identifier().map(identifier_key)),
        search_text: Set(crate::search::search_text(
            user.firstname(),
            user.lastname(),
            user.email(),
            user.identifier(),
        )),
        sort_name: Set(crate::search::sort_name(user.firstname(), user.lastname())),
        firstname: Set(user.firstname().to_owned()),
        lastname: Set(user.lastname().to_owned()),
        email: Set(user.email().to_owned()),
        email_normalized: Set(user.email_normalized().to_owned()),
        identifier: Set(user.identifier().map(str::to_owned)),
        country: Set(user.country().map(str::to_owned)),
        language: Set(user.language().to_owned()),
        status: Set(UserStatus::Pending),
        import_id: Set(import_id),
        created_at: Set(now),
        updated_at: Set(now),
        ..Default::default()
    }
}

/// What the search compares with the term: the identifier in lower case, as the names' keys.
pub fn identifier_key(identifier: &str) -> String {
    identifier.to_lowercase()
}

/// Inserts users (as the rules made them: [`ValidUser`]) with status Pending in one multi-row INSERT, recording
/// the import that created them. A duplicate email or identifier makes the database refuse the whole statement
/// (see [`crate::is_unique_violation`]).
pub async fn insert_many(db: &impl ConnectionTrait, users: &[ValidUser], import_id: Option<i64>) -> Result<(), DbErr> {
    if users.is_empty() {
        return Ok(());
    }
    let now = Utc::now();
    users::Entity::insert_many(users.iter().map(|u| active_model(u, import_id, now)))
        .exec_without_returning(db)
        .await?;
    Ok(())
}

/// The users these normalised emails or identifiers belong to: the rules' `email.exists` and
/// `identifier.exists`, and the current values an update is compared with. Asked in chunks so a long list stays
/// within every backend's parameter limit.
pub async fn matching(
    db: &impl ConnectionTrait,
    emails_normalized: &[String],
    identifiers: &[String],
) -> Result<Vec<User>, DbErr> {
    // One query answers both questions (a round trip saved per confirm); chunks keep the parameter count low.
    const CHUNK: usize = 500;
    let mut found: Vec<User> = Vec::new();
    let chunks = emails_normalized.len().max(identifiers.len()).div_ceil(CHUNK);
    for i in 0..chunks {
        let part = |all: &[String]| -> Vec<String> { all.iter().skip(i * CHUNK).take(CHUNK).cloned().collect() };
        let (emails, ids) = (part(emails_normalized), part(identifiers));
        let mut condition = Condition::any();
        if !emails.is_empty() {
            condition = condition.add(users::Column::EmailNormalized.is_in(emails));
        }
        if !ids.is_empty() {
            condition = condition.add(users::Column::Identifier.is_in(ids));
        }
        for user in users::Entity::find().filter(condition).all(db).await? {
            if !found.iter().any(|u| u.id == user.id) {
                found.push(user);
            }
        }
    }
    Ok(found)
}

/// A learner accepted the invitation: the password is set and a Pending user becomes Active. Returns false when
/// the user is not Pending any more (already accepted), so a second accept cannot replace the password.
pub async fn activate(db: &impl ConnectionTrait, user_id: i64, password_hash: &str) -> Result<bool, DbErr> {
    use sea_orm::sea_query::Expr;
    let result = users::Entity::update_many()
        .col_expr(users::Column::PasswordHash, Expr::value(password_hash))
        .col_expr(users::Column::Status, Expr::value(UserStatus::Active))
        .col_expr(users::Column::UpdatedAt, Expr::value(Utc::now()))
        .filter(users::Column::Id.eq(user_id))
        .filter(users::Column::Status.eq(UserStatus::Pending))
        .exec(db)
        .await?;
    Ok(result.rows_affected == 1)
}

/// The user with this normalised email.
pub async fn find_by_email(db: &impl ConnectionTrait, email_normalized: &str) -> Result<Option<User>, DbErr> {
    users::Entity::find().filter(users::Column::EmailNormalized.eq(email_normalized)).one(db).await
}

pub async fn find_by_id(db: &impl ConnectionTrait, id: i64) -> Result<Option<User>, DbErr> {
    users::Entity::find_by_id(id).one(db).await
}

/// The condition on a user an undo may remove: created by this import, still Pending, and not changed since it
/// was created.
fn undoable(import_id: i64) -> Condition {
    use sea_orm::sea_query::{Expr, ExprTrait};
    Condition::all()
        .add(users::Column::ImportId.eq(import_id))
        .add(users::Column::Status.eq(UserStatus::Pending))
        .add(Expr::col(users::Column::UpdatedAt).eq(Expr::col(users::Column::CreatedAt)))
}

/// The users of an import, oldest first: each with whether an undo would remove it.
pub async fn of_import(db: &impl ConnectionTrait, import_id: i64) -> Result<Vec<User>, DbErr> {
    users::Entity::find().filter(users::Column::ImportId.eq(import_id)).order_by_asc(users::Column::Id).all(db).await
}

/// How many users of an import an undo would remove now.
pub async fn count_undoable(db: &impl ConnectionTrait, import_id: i64) -> Result<u64, DbErr> {
    use sea_orm::PaginatorTrait;
    users::Entity::find().filter(undoable(import_id)).count(db).await
}

/// Whether a user (of [`of_import`]) is one an undo removes.
pub fn is_undoable(user: &User) -> bool {
    user.status == UserStatus::Pending && user.updated_at == user.created_at
}

/// Removes the users an undo may remove (see [`undoable`]) that have no invitation left: the undo removes their
/// invitations first ([`crate::invitations::delete_for_undo`]), and one it had to keep (a link being accepted)
/// keeps its user too. Returns how many were removed.
pub async fn delete_for_undo(db: &impl ConnectionTrait, import_id: i64) -> Result<u64, DbErr> {
    use crate::entity::invitations;
    use sea_orm::sea_query::{Expr, ExprTrait, Query};
    let has_invitation = Query::select()
        .expr(Expr::val(1))
        .from(invitations::Entity)
        .and_where(
            Expr::col((invitations::Entity, invitations::Column::UserId)).equals((users::Entity, users::Column::Id)),
        )
        .to_owned();
    let result = users::Entity::delete_many()
        .filter(undoable(import_id))
        .filter(Expr::exists(has_invitation).not())
        .exec(db)
        .await?;
    Ok(result.rows_affected)
}

/// Adds one user, Pending (the single-user form); returns its id.
pub async fn insert_one(db: &impl ConnectionTrait, user: &ValidUser) -> Result<i64, DbErr> {
    Ok(users::Entity::insert(active_model(user, None, Utc::now())).exec(db).await?.last_insert_id)
}

/// Replaces a user's values with these (the rules made them) and marks it changed, so an undo of its import keeps
/// it. Returns false when no user has this id.
pub async fn update(db: &impl ConnectionTrait, id: i64, user: &ValidUser, now: DateTime<Utc>) -> Result<bool, DbErr> {
    update_where(db, id, None, user, now).await
}

/// [`update`], only if the user is still at the version read (`updated_at`): an import never overwrites a change
/// made between its read and its write. Returns false when the user changed (or is gone).
pub async fn update_if_version(
    db: &impl ConnectionTrait,
    id: i64,
    version: DateTime<Utc>,
    user: &ValidUser,
    now: DateTime<Utc>,
) -> Result<bool, DbErr> {
    update_where(db, id, Some(version), user, now).await
}

async fn update_where(
    db: &impl ConnectionTrait,
    id: i64,
    version: Option<DateTime<Utc>>,
    user: &ValidUser,
    now: DateTime<Utc>,
) -> Result<bool, DbErr> {
    use sea_orm::sea_query::Expr;
    let new = active_model(user, None, now);
    let mut update = users::Entity::update_many().filter(users::Column::Id.eq(id));
    if let Some(version) = version {
        update = update.filter(users::Column::UpdatedAt.eq(version));
    }
    for column in VALUE_COLUMNS {
        update = update.col_expr(column, Expr::value(value_of(&new, column)));
    }
    let result = update.col_expr(users::Column::UpdatedAt, Expr::value(now)).exec(db).await?;
    Ok(result.rows_affected == 1)
}

/// The columns a user's values (and what is derived from them) are stored in.
const VALUE_COLUMNS: [users::Column; 12] = [
    users::Column::Firstname,
    users::Column::Lastname,
    users::Column::Email,
    users::Column::EmailNormalized,
    users::Column::Identifier,
    users::Column::Country,
    users::Column::Language,
    users::Column::FirstnameKey,
    users::Column::LastnameKey,
    users::Column::IdentifierKey,
    users::Column::SearchText,
    users::Column::SortName,
];

fn value_of(model: &users::ActiveModel, column: users::Column) -> sea_orm::Value {
    sea_orm::ActiveModelTrait::get(model, column).into_value().unwrap_or(sea_orm::Value::String(None))
}

/// [`update_if_version`] for many users at once: each `(id, version, values)` is written only if that user is still
/// at `version`, in one statement per 100 users (`CASE id WHEN ...` for each column) instead of one per user.
/// Returns how many were written: fewer than given means one changed meanwhile.
pub async fn update_many_if_version(
    db: &impl ConnectionTrait,
    changes: &[(i64, DateTime<Utc>, &ValidUser)],
    now: DateTime<Utc>,
) -> Result<u64, DbErr> {
    use sea_orm::sea_query::{CaseStatement, Expr};
    let mut written = 0;
    for chunk in changes.chunks(100) {
        let models: Vec<users::ActiveModel> = chunk.iter().map(|(_, _, user)| active_model(user, None, now)).collect();
        let mut update = users::Entity::update_many();
        for column in VALUE_COLUMNS {
            let mut case = CaseStatement::new();
            for ((id, _, _), model) in chunk.iter().zip(&models) {
                case = case.case(users::Column::Id.eq(*id), Expr::value(value_of(model, column)));
            }
            update = update.col_expr(column, case.finally(Expr::col(column)).into());
        }
        let mut at_version = Condition::any();
        for (id, version, _) in chunk {
            at_version = at_version
                .add(Condition::all().add(users::Column::Id.eq(*id)).add(users::Column::UpdatedAt.eq(*version)));
        }
        let result = update.col_expr(users::Column::UpdatedAt, Expr::value(now)).filter(at_version).exec(db).await?;
        written += result.rows_affected;
    }
    Ok(written)
}

/// Removes one user (its invitation must be removed first). Returns false when no user has this id.
pub async fn delete_one(db: &impl ConnectionTrait, id: i64) -> Result<bool, DbErr> {
    Ok(users::Entity::delete_by_id(id).exec(db).await?.rows_affected == 1)
}

/// The ids of the users a view finds, in id order after `after_id`, at most `limit`: how a bulk action walks a
/// whole filter in bounded batches.
pub async fn ids_of(
    db: &impl ConnectionTrait,
    query: &UserQuery,
    after_id: i64,
    limit: u64,
) -> Result<Vec<i64>, DbErr> {
    filtered(db.get_database_backend(), query, FtsRole::Condition)
        .select_only()
        .column(users::Column::Id)
        .filter(users::Column::Id.gt(after_id))
        .order_by_asc(users::Column::Id)
        .limit(limit)
        .into_tuple()
        .all(db)
        .await
}

/// Removes these users (their invitations first, see `crate::invitations::delete_of_users`). Returns how many.
pub async fn delete_many(db: &impl ConnectionTrait, ids: &[i64]) -> Result<u64, DbErr> {
    Ok(users::Entity::delete_many().filter(users::Column::Id.is_in(ids.iter().copied())).exec(db).await?.rows_affected)
}

/// Sets these users' language (checked by the rules before) and marks them changed. Returns how many.
pub async fn set_language(
    db: &impl ConnectionTrait,
    ids: &[i64],
    language: &str,
    now: DateTime<Utc>,
) -> Result<u64, DbErr> {
    use sea_orm::sea_query::Expr;
    let result = users::Entity::update_many()
        .col_expr(users::Column::Language, Expr::value(language))
        .col_expr(users::Column::UpdatedAt, Expr::value(now))
        .filter(users::Column::Id.is_in(ids.iter().copied()))
        .exec(db)
        .await?;
    Ok(result.rows_affected)
}

/// Which of these ids are users (a selection may name users removed meanwhile).
pub async fn existing_ids(db: &impl ConnectionTrait, ids: &[i64]) -> Result<Vec<i64>, DbErr> {
    users::Entity::find()
        .select_only()
        .column(users::Column::Id)
        .filter(users::Column::Id.is_in(ids.iter().copied()))
        .into_tuple()
        .all(db)
        .await
}

/// The next `limit` users a view finds after `after_id`, in id order: an export reads a whole view this way, a
/// bounded batch at a time.
pub async fn batch_of(
    db: &impl ConnectionTrait,
    query: &UserQuery,
    after_id: i64,
    limit: u64,
) -> Result<Vec<User>, DbErr> {
    filtered(db.get_database_backend(), query, FtsRole::Condition)
        .filter(users::Column::Id.gt(after_id))
        .order_by_asc(users::Column::Id)
        .limit(limit)
        .all(db)
        .await
}

/// Suspends these users (those not Suspended yet), keeping the state each goes back to. Returns the ids it
/// suspended, with the state each had.
pub async fn suspend(
    db: &impl ConnectionTrait,
    ids: &[i64],
    now: DateTime<Utc>,
) -> Result<Vec<(i64, UserStatus)>, DbErr> {
    use sea_orm::sea_query::Expr;
    let mut suspended = Vec::new();
    for chunk in ids.chunks(500) {
        let before: Vec<(i64, UserStatus)> = users::Entity::find()
            .select_only()
            .columns([users::Column::Id, users::Column::Status])
            .filter(users::Column::Id.is_in(chunk.iter().copied()))
            .filter(users::Column::Status.ne(UserStatus::Suspended))
            .into_tuple()
            .all(db)
            .await?;
        if before.is_empty() {
            continue;
        }
        users::Entity::update_many()
            .col_expr(users::Column::StatusBefore, Expr::col(users::Column::Status))
            .col_expr(users::Column::Status, Expr::value(UserStatus::Suspended))
            .col_expr(users::Column::UpdatedAt, Expr::value(now))
            .filter(users::Column::Id.is_in(before.iter().map(|b| b.0)))
            .exec(db)
            .await?;
        suspended.extend(before);
    }
    Ok(suspended)
}

/// Gives Suspended users among these back the state they had (Pending when it was not kept). Returns the ids it
/// reactivated.
pub async fn reactivate(db: &impl ConnectionTrait, ids: &[i64], now: DateTime<Utc>) -> Result<Vec<i64>, DbErr> {
    use sea_orm::sea_query::{Expr, Func};
    let mut reactivated = Vec::new();
    for chunk in ids.chunks(500) {
        let found: Vec<i64> = users::Entity::find()
            .select_only()
            .column(users::Column::Id)
            .filter(users::Column::Id.is_in(chunk.iter().copied()))
            .filter(users::Column::Status.eq(UserStatus::Suspended))
            .into_tuple()
            .all(db)
            .await?;
        if found.is_empty() {
            continue;
        }
        let back = Func::coalesce([Expr::col(users::Column::StatusBefore), Expr::val("Pending")]);
        users::Entity::update_many()
            .col_expr(users::Column::Status, back.into())
            .col_expr(users::Column::StatusBefore, Expr::value(Option::<String>::None))
            .col_expr(users::Column::UpdatedAt, Expr::value(now))
            .filter(users::Column::Id.is_in(found.iter().copied()))
            .exec(db)
            .await?;
        reactivated.extend(found);
    }
    Ok(reactivated)
}

/// Puts a user's status back as it was (an undo), and marks the user changed.
pub async fn restore_status(
    db: &impl ConnectionTrait,
    id: i64,
    status: UserStatus,
    status_before: Option<UserStatus>,
    now: DateTime<Utc>,
) -> Result<(), DbErr> {
    use sea_orm::sea_query::Expr;
    users::Entity::update_many()
        .col_expr(users::Column::Status, Expr::value(status))
        .col_expr(users::Column::StatusBefore, Expr::value(status_before))
        .col_expr(users::Column::UpdatedAt, Expr::value(now))
        .filter(users::Column::Id.eq(id))
        .exec(db)
        .await?;
    Ok(())
}

/// The users with these ids.
pub async fn find_many(db: &impl ConnectionTrait, ids: &[i64]) -> Result<Vec<User>, DbErr> {
    let mut found = Vec::new();
    for chunk in ids.chunks(500) {
        found.extend(users::Entity::find().filter(users::Column::Id.is_in(chunk.iter().copied())).all(db).await?);
    }
    Ok(found)
}

/// The ids of the users with these normalised emails.
pub async fn ids_by_email(
    db: &impl ConnectionTrait,
    emails_normalized: &[String],
) -> Result<Vec<(String, i64)>, DbErr> {
    let mut found = Vec::new();
    for chunk in emails_normalized.chunks(500) {
        let rows: Vec<(String, i64)> = users::Entity::find()
            .select_only()
            .columns([users::Column::EmailNormalized, users::Column::Id])
            .filter(users::Column::EmailNormalized.is_in(chunk.iter().cloned()))
            .into_tuple()
            .all(db)
            .await?;
        found.extend(rows);
    }
    Ok(found)
}
