//! Named queries on the portal's users: the Users list (filters, substring search, sorts, keyset pages, count),
//! inserts, and what an undo removes.

use std::collections::HashSet;

use chrono::{DateTime, Utc};
use rules::ValidUser;
use sea_orm::{
    ColumnTrait, Condition, ConnectionTrait, DbBackend, DbErr, EntityTrait, QueryFilter, QueryOrder, QuerySelect,
    QueryTrait, Set,
};

use crate::entity::users;
use domain::{InvitationState, Page, Total, UserQuery, UserSort, UserStatus};

pub use users::Model as User;

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

/// One page of the Users list.
#[derive(Clone, Debug)]
pub struct UserPage {
    pub users: Vec<User>,
    /// The cursor of the page after this one (its last user), `None` on the last page.
    pub next: Option<String>,
    /// The cursor of the page before this one (its first user), `None` on the first page.
    pub previous: Option<String>,
}

/// How a search reaches SQLite's FTS5 table.
#[derive(Clone, Copy, PartialEq, Eq)]
enum FtsRole {
    /// As a condition: the matching ids, all of them, then the rest of the query (what a count or a sort by
    /// another column needs anyway).
    Condition,
    /// As the table the page is read from, newest first: FTS5 walks its matches in id order and stops at the
    /// page's end, so a term matching a quarter of a million users costs what a rare one does.
    Drives,
}

/// Matches beyond which a search on SQLite reads its page from the FTS5 table (see [`fts_role`]).
const MANY_MATCHES: u64 = 1_000;

/// How a page of the list uses SQLite's search table. Walking FTS5's matches in id order stops at the page's end,
/// but walking them newest first makes FTS5 load each trigram's whole list of rows: cheap next to collecting a
/// quarter of a million matches, dear next to collecting a handful. So a cheap forward probe (it stops at
/// `MANY_MATCHES`) decides: many matches drive the page, few are collected as a condition.
async fn fts_role(db: &impl ConnectionTrait, query: &UserQuery, in_id_order: bool) -> Result<FtsRole, DbErr> {
    let term = crate::search::fold(query.search.trim());
    if db.get_database_backend() != DbBackend::Sqlite || !in_id_order || term.chars().count() < 3 {
        return Ok(FtsRole::Condition);
    }
    let probe = sea_orm::Statement::from_sql_and_values(
        DbBackend::Sqlite,
        "SELECT COUNT(*) FROM (SELECT rowid FROM users_search WHERE users_search MATCH ? LIMIT ?)",
        [phrase(&term).into(), (MANY_MATCHES as i64).into()],
    );
    let found: i64 = match db.query_one_raw(probe).await? {
        Some(row) => row.try_get_by_index(0)?,
        None => 0,
    };
    Ok(if found as u64 >= MANY_MATCHES { FtsRole::Drives } else { FtsRole::Condition })
}

/// A folded search term as one FTS5 phrase (its quotes doubled): every character is taken literally.
fn phrase(term: &str) -> String {
    format!("\"{}\"", term.replace('"', "\"\""))
}

/// The table alias of the FTS5 search when it drives the page (see [`FtsRole::Drives`]).
const FTS_ROWID: &str = "users_search.rowid";

/// The list's filters and search, as conditions on `users` (shared by the page and the count).
fn filtered(backend: DbBackend, query: &UserQuery, fts: FtsRole) -> sea_orm::Select<users::Entity> {
    use crate::entity::invitations;
    use sea_orm::sea_query::{Expr, Query};
    let mut select = users::Entity::find();
    if let Some(status) = query.status {
        select = select.filter(users::Column::Status.eq(status));
    }
    if let Some(language) = &query.language {
        select = select.filter(users::Column::Language.eq(language.as_str()));
    }
    if let Some(country) = &query.country {
        select = select.filter(users::Column::Country.eq(country.as_str()));
    }
    if let Some(import_id) = query.import {
        select = select.filter(users::Column::ImportId.eq(import_id));
    }
    if let Some(state) = query.invitation {
        // Being sent counts as queued, as the admin sees it.
        let states: Vec<InvitationState> = match state.as_seen_by_admin() {
            InvitationState::Queued => vec![InvitationState::Queued, InvitationState::Sending],
            other => vec![other],
        };
        let with_state = Query::select()
            .column(invitations::Column::UserId)
            .from(invitations::Entity)
            .and_where(invitations::Column::State.is_in(states))
            .to_owned();
        select = select.filter(users::Column::Id.in_subquery(with_state));
    }
    let term = crate::search::fold(query.search.trim());
    if term.chars().count() >= 3 {
        // A part anywhere in the folded names, email or identifier, through the trigram index.
        let phrase = phrase(&term);
        let found = match backend {
            DbBackend::Sqlite if fts == FtsRole::Drives => {
                QueryTrait::query(&mut select).join(
                    sea_orm::JoinType::InnerJoin,
                    "users_search",
                    Expr::cust("users_search.rowid = users.id"),
                );
                Expr::cust_with_values("users_search MATCH ?", [phrase])
            }
            DbBackend::Sqlite => Expr::cust_with_values(
                "users.id IN (SELECT rowid FROM users_search WHERE users_search MATCH ?)",
                [phrase],
            ),
            _ => Expr::cust_with_values("users.search_text LIKE $1", [format!("%{}%", escape_like(&term))]),
        };
        select = select.filter(found);
    } else if !term.is_empty() {
        // One or two letters are too short for trigrams: the start of each field, through its own index.
        let term = rules::normalize_email(query.search.trim());
        let upper = format!("{term}{}", char::MAX);
        let prefix =
            |column: users::Column| Condition::all().add(column.gte(term.as_str())).add(column.lt(upper.as_str()));
        select = select.filter(
            Condition::any()
                .add(prefix(users::Column::EmailNormalized))
                .add(prefix(users::Column::FirstnameKey))
                .add(prefix(users::Column::LastnameKey))
                .add(prefix(users::Column::IdentifierKey)),
        );
    }
    select
}

/// `%`, `_` and `\` taken literally in a LIKE pattern (PostgreSQL's default escape character is `\`).
fn escape_like(term: &str) -> String {
    term.replace('\\', "\\\\").replace('%', "\\%").replace('_', "\\_")
}

/// The column a sort orders by (before the id, which makes the order total).
fn sort_column(sort: UserSort) -> Option<users::Column> {
    match sort {
        UserSort::Created => None,
        UserSort::Name => Some(users::Column::SortName),
        UserSort::Email => Some(users::Column::EmailNormalized),
        UserSort::Status => Some(users::Column::Status),
    }
}

/// A page boundary: the id, and for sorts other than Created the sort key, as `id:key`.
fn cursor_of(user: &User, sort: UserSort) -> String {
    match sort {
        UserSort::Created => user.id.to_string(),
        UserSort::Name => format!("{}:{}", user.id, user.sort_name),
        UserSort::Email => format!("{}:{}", user.id, user.email_normalized),
        UserSort::Status => format!("{}:{}", user.id, user.status.as_str()),
    }
}

fn parse_cursor(cursor: &str) -> Option<(i64, &str)> {
    let (id, key) = cursor.split_once(':').unwrap_or((cursor, ""));
    Some((id.parse().ok()?, key))
}

/// Lists users in the query's order, a page at a time with a keyset cursor (the rows after, or before, the
/// cursor's key and id), so a deep page costs what the first does. A cursor that does not parse gives the first
/// page.
pub async fn list(db: &impl ConnectionTrait, query: &UserQuery, limit: u64) -> Result<UserPage, DbErr> {
    use sea_orm::sea_query::{Expr, Order};
    let backend = db.get_database_backend();
    let column = sort_column(query.sort);
    let fts = fts_role(db, query, column.is_none()).await?;
    let mut select = filtered(backend, query, fts);
    let (cursor, backwards) = match &query.page {
        Page::First => (None, false),
        Page::After(c) => (parse_cursor(c), false),
        Page::Before(c) => (parse_cursor(c), true),
    };
    let backwards = backwards && cursor.is_some();
    // The order rows are read in: the list's order, or its reverse when reading the page before a cursor.
    let ascending = !query.descending ^ backwards;
    if let Some((id, key)) = cursor {
        let beyond = |c: users::Column, v: sea_orm::Value| if ascending { c.gt(v) } else { c.lt(v) };
        select = select.filter(match column {
            // The same bound on the search table's rowid (the user's id) lets FTS5 start at the cursor.
            None if fts == FtsRole::Drives => Condition::all().add(Expr::cust_with_values(
                if ascending { "users_search.rowid > ?" } else { "users_search.rowid < ?" },
                [id],
            )),
            None => Condition::all().add(beyond(users::Column::Id, id.into())),
            Some(column) => Condition::any()
                .add(beyond(column, key.into()))
                .add(Condition::all().add(column.eq(key)).add(beyond(users::Column::Id, id.into()))),
        });
    }
    let order = if ascending { Order::Asc } else { Order::Desc };
    if let Some(column) = column {
        select = select.order_by(column, order.clone());
    }
    let select = match fts {
        FtsRole::Drives => select.order_by(Expr::cust(FTS_ROWID), order),
        FtsRole::Condition => select.order_by(users::Column::Id, order),
    };
    let mut users = select.limit(limit + 1).all(db).await?;
    let more = users.len() as u64 > limit;
    users.truncate(limit as usize);
    if backwards {
        users.reverse();
    }
    let first = users.first().map(|u| cursor_of(u, query.sort));
    let last = users.last().map(|u| cursor_of(u, query.sort));
    let (next, previous) = match (backwards, cursor.is_some()) {
        // Read backwards: there is a page after (where we came from), and one before if more rows were found.
        (true, _) => (last, first.filter(|_| more)),
        (false, true) => (last.filter(|_| more), first),
        (false, false) => (last.filter(|_| more), None),
    };
    Ok(UserPage { users, next, previous })
}

/// How many users the query's filters and search find, counted up to `cap` (beyond it, [`Total::MoreThan`]).
pub async fn count(db: &impl ConnectionTrait, query: &UserQuery, cap: u64) -> Result<Total, DbErr> {
    use sea_orm::sea_query::{Alias, Expr, Query};
    let inner = filtered(db.get_database_backend(), query, FtsRole::Condition)
        .select_only()
        .expr(Expr::val(1))
        .limit(cap + 1)
        .into_query();
    let count = Query::select().expr(Expr::cust("COUNT(*)")).from_subquery(inner, Alias::new("capped")).to_owned();
    let n: i64 = match db.query_one(&count).await? {
        Some(row) => row.try_get_by_index(0)?,
        None => 0,
    };
    let n = u64::try_from(n).unwrap_or(0);
    Ok(if n > cap { Total::MoreThan(cap) } else { Total::Exact(n) })
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

/// Adds one user, Pending (the single-user form); returns its id.
pub async fn insert_one(db: &impl ConnectionTrait, user: &ValidUser) -> Result<i64, DbErr> {
    Ok(users::Entity::insert(active_model(user, None, Utc::now())).exec(db).await?.last_insert_id)
}

/// Replaces a user's values with these (the rules made them) and marks it changed, so an undo of its import keeps
/// it. Returns false when no user has this id.
pub async fn update(db: &impl ConnectionTrait, id: i64, user: &ValidUser, now: DateTime<Utc>) -> Result<bool, DbErr> {
    use sea_orm::sea_query::Expr;
    let new = active_model(user, None, now);
    let mut update = users::Entity::update_many().filter(users::Column::Id.eq(id));
    for column in [
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
    ] {
        let value = sea_orm::ActiveModelTrait::get(&new, column).into_value().unwrap_or(sea_orm::Value::String(None));
        update = update.col_expr(column, Expr::value(value));
    }
    let result = update.col_expr(users::Column::UpdatedAt, Expr::value(now)).exec(db).await?;
    Ok(result.rows_affected == 1)
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
