//! The Users list at any size: filters, substring search (SQLite's FTS5 trigram table, PostgreSQL's `pg_trgm`
//! index), sorts, keyset pages, and the count that stops at a cap.

use sea_orm::{
    ColumnTrait, Condition, ConnectionTrait, DbBackend, DbErr, EntityTrait, QueryFilter, QueryOrder, QuerySelect,
    QueryTrait,
};

use super::User;
use crate::entity::users;
use domain::{InvitationState, Page, Total, UserQuery, UserSort};

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
pub(super) enum FtsRole {
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

/// The list's filters and search, as conditions on `users`: shared by the page, the count and the bulk actions'
/// walks through a view (`super::ids_of`, `super::batch_of`).
pub(super) fn filtered(backend: DbBackend, query: &UserQuery, fts: FtsRole) -> sea_orm::Select<users::Entity> {
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
    if let Some(group_id) = query.group {
        select = select.filter(member_of(group_id));
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

/// The user is a member of the group: `users.id IN (SELECT user_id FROM group_members WHERE group_id = ?)`,
/// answered by the primary key (`group_id`, `user_id`). Measured on 1,000,000 users in 2,000 groups (2026-12-08):
/// PostgreSQL plans it as the same semi-join as an `EXISTS` (under 1 ms a page); SQLite walks the group's
/// members in id order and stops at the page's end (1 ms, where a correlated `EXISTS` probed every user: 38 ms
/// for the page, 250 ms for the count). A group of half the portal costs SQLite 75 ms (newest first).
fn member_of(group_id: i64) -> sea_orm::sea_query::SimpleExpr {
    use crate::entity::group_members;
    use sea_orm::sea_query::Query;
    let members = Query::select()
        .column(group_members::Column::UserId)
        .from(group_members::Entity)
        .and_where(group_members::Column::GroupId.eq(group_id))
        .to_owned();
    users::Column::Id.in_subquery(members)
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
    let key = match sort {
        UserSort::Created => return user.id.to_string(),
        UserSort::Name => &user.sort_name,
        UserSort::Email => &user.email_normalized,
        UserSort::Status => user.status.as_str(),
    };
    format!("{}:{key}", user.id)
}

/// A cursor decoded strictly: `Some((id, key))` only for a text [`cursor_of`] could have written for this sort (a
/// positive id written as the list writes it, with a key exactly when the sort has one, a status for the status
/// sort). The HTTP API refuses any other cursor rather than quietly showing the first page, as [`list`] does.
pub fn decode_cursor(cursor: &str, sort: UserSort) -> Option<(i64, &str)> {
    let (id, key) = match sort {
        UserSort::Created => (cursor, None),
        UserSort::Name | UserSort::Email | UserSort::Status => {
            let (id, key) = cursor.split_once(':')?;
            (id, Some(key))
        }
    };
    let parsed: i64 = id.parse().ok().filter(|id| *id > 0)?;
    // `+7` or `007` parse too, but the list never writes them.
    if parsed.to_string() != id {
        return None;
    }
    match (sort, key) {
        (UserSort::Status, Some(key)) if domain::UserStatus::parse(key).is_none_or(|s| s.as_str() != key) => None,
        (UserSort::Email, Some("")) => None,
        (_, key) => Some((parsed, key.unwrap_or(""))),
    }
}

/// The list's own reading of a cursor, lenient (the Users page's address may have been edited by hand).
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

#[cfg(test)]
mod tests {
    use super::*;

    fn user(id: i64, sort_name: &str, email: &str, status: domain::UserStatus) -> User {
        let now = chrono::Utc::now();
        User {
            id,
            firstname: String::new(),
            lastname: String::new(),
            email: email.to_owned(),
            email_normalized: email.to_owned(),
            identifier: None,
            country: None,
            language: "fr".to_owned(),
            status,
            status_before: None,
            firstname_key: String::new(),
            lastname_key: String::new(),
            identifier_key: None,
            search_text: String::new(),
            sort_name: sort_name.to_owned(),
            import_id: None,
            password_hash: None,
            created_at: now,
            updated_at: now,
        }
    }

    #[test]
    fn every_cursor_the_list_writes_decodes_to_its_id_and_key() {
        let users = [
            user(1, "dupont marie", "marie@example.fr", domain::UserStatus::Pending),
            user(987_654_321, "o'neil: sean", "a:b@example.fr", domain::UserStatus::Active),
        ];
        for user in &users {
            for sort in UserSort::ALL {
                let cursor = cursor_of(user, sort);
                let (id, key) = decode_cursor(&cursor, sort).unwrap_or_else(|| panic!("{cursor} for {sort:?}"));
                assert_eq!(id, user.id);
                let expected = match sort {
                    UserSort::Created => "",
                    UserSort::Name => &user.sort_name,
                    UserSort::Email => &user.email_normalized,
                    UserSort::Status => user.status.as_str(),
                };
                assert_eq!(key, expected, "{sort:?}");
                assert_eq!(parse_cursor(&cursor).map(|(id, _)| id), Some(user.id), "the list reads it too");
            }
        }
    }

    #[test]
    fn a_cursor_the_list_could_not_have_written_is_refused() {
        let refused = [
            ("", UserSort::Created),
            ("zzz", UserSort::Created),
            ("12:dupont", UserSort::Created),
            ("0", UserSort::Created),
            ("-4", UserSort::Created),
            ("+4", UserSort::Created),
            ("004", UserSort::Created),
            ("99999999999999999999", UserSort::Created),
            ("12", UserSort::Name),
            (":dupont", UserSort::Name),
            ("x:dupont", UserSort::Name),
            ("12:", UserSort::Email),
            ("12:Sleeping", UserSort::Status),
            ("12:pending", UserSort::Status),
        ];
        for (cursor, sort) in refused {
            assert_eq!(decode_cursor(cursor, sort), None, "{cursor:?} for {sort:?}");
        }
        assert_eq!(decode_cursor("12:", UserSort::Name), Some((12, "")), "a name may fold to nothing");
    }
}
