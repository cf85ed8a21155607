//! Named queries on the portal's users: the Users page's list and search, and inserts.

use std::collections::HashSet;

use chrono::{DateTime, Utc};
use rules::ValidUser;
use sea_orm::{ColumnTrait, Condition, ConnectionTrait, DbErr, EntityTrait, QueryFilter, QueryOrder, QuerySelect, Set};

use crate::entity::users;
use domain::UserStatus;

pub use users::Model as User;

fn active_model(user: &ValidUser, import_id: Option<i64>, now: DateTime<Utc>) -> users::ActiveModel {
    users::ActiveModel {
        firstname_key: Set(user.firstname().to_lowercase()),
        lastname_key: Set(user.lastname().to_lowercase()),
        identifier_key: Set(user.identifier().map(identifier_key)),
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

/// One page of the Users list, newest first.
#[derive(Clone, Debug)]
pub struct UserPage {
    pub users: Vec<User>,
    /// Pass back as `before_id` for the next page; `None` on the last page.
    pub next_cursor: Option<i64>,
}

/// Which users the list shows.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct UserFilter {
    /// Already lower-cased and NFC: matches the start of the email, first name, last name or identifier.
    pub search: Option<String>,
    /// Only the users this import created.
    pub import_id: Option<i64>,
}

impl UserFilter {
    pub fn search(term: &str) -> Self {
        UserFilter { search: Some(term.to_owned()), ..Default::default() }
    }
}

/// Lists users newest first with a keyset cursor (`id < before_id`), so page 1,000 costs what page 1 does. Each
/// test of the search is a range on an indexed column, which stays fast with a million users.
pub async fn list(
    db: &impl ConnectionTrait,
    filter: &UserFilter,
    before_id: Option<i64>,
    limit: u64,
) -> Result<UserPage, DbErr> {
    let mut query = users::Entity::find();
    if let Some(term) = filter.search.as_deref().map(str::trim).filter(|t| !t.is_empty()) {
        let upper = format!("{term}{}", char::MAX);
        let prefix = |column: users::Column| Condition::all().add(column.gte(term)).add(column.lt(upper.as_str()));
        query = query.filter(
            Condition::any()
                .add(prefix(users::Column::EmailNormalized))
                .add(prefix(users::Column::FirstnameKey))
                .add(prefix(users::Column::LastnameKey))
                .add(prefix(users::Column::IdentifierKey)),
        );
    }
    if let Some(import_id) = filter.import_id {
        query = query.filter(users::Column::ImportId.eq(import_id));
    }
    if let Some(before) = before_id {
        query = query.filter(users::Column::Id.lt(before));
    }
    let mut users = query.order_by_desc(users::Column::Id).limit(limit + 1).all(db).await?;
    let next_cursor = if users.len() as u64 > limit {
        users.truncate(limit as usize);
        users.last().map(|u| u.id)
    } else {
        None
    };
    Ok(UserPage { users, next_cursor })
}

/// Which of these normalised emails and identifiers already belong to a user: the rules' `email.exists` and
/// `identifier.exists`. Asked in chunks so a long list stays within every backend's parameter limit.
pub async fn existing(
    db: &impl ConnectionTrait,
    emails_normalized: &[String],
    identifiers: &[String],
) -> Result<(HashSet<String>, HashSet<String>), DbErr> {
    // One query answers both questions (a round trip saved per confirm); chunks keep the parameter count low.
    const CHUNK: usize = 500;
    let wanted_emails: HashSet<&str> = emails_normalized.iter().map(String::as_str).collect();
    let wanted_identifiers: HashSet<&str> = identifiers.iter().map(String::as_str).collect();
    let mut found_emails = HashSet::new();
    let mut found_identifiers = HashSet::new();
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
        let rows: Vec<(String, Option<String>)> = users::Entity::find()
            .select_only()
            .column(users::Column::EmailNormalized)
            .column(users::Column::Identifier)
            .filter(condition)
            .into_tuple()
            .all(db)
            .await?;
        for (email, identifier) in rows {
            if wanted_emails.contains(email.as_str()) {
                found_emails.insert(email);
            }
            if let Some(identifier) = identifier.filter(|i| wanted_identifiers.contains(i.as_str())) {
                found_identifiers.insert(identifier);
            }
        }
    }
    Ok((found_emails, found_identifiers))
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
