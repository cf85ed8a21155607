//! Named queries on groups and their members: the import's "create the groups a file names", a sync's members, the
//! Groups page's list, rename and delete, and the Users list's groups column.

use std::collections::HashMap;

use chrono::{DateTime, Utc};
use sea_orm::sea_query::{Expr, OnConflict};
use sea_orm::{
    ColumnTrait, ConnectionTrait, DbBackend, DbErr, EntityTrait, FromQueryResult, QueryFilter, QueryOrder, QuerySelect,
    Set,
};

use crate::entity::{group_members, groups};

pub use groups::Model as Group;

/// The groups of these names, created when missing (by `import_id`, if an import creates them). Names are matched
/// by `rules::group_key`, so `3B` finds `3b`. Returns the groups in the names' order, and the ids of those created.
pub async fn ensure(
    db: &impl ConnectionTrait,
    names: &[&str],
    import_id: Option<i64>,
    now: DateTime<Utc>,
) -> Result<(Vec<Group>, Vec<i64>), DbErr> {
    if names.is_empty() {
        return Ok((Vec::new(), Vec::new()));
    }
    let keys: Vec<String> = names.iter().map(|n| rules::group_key(n)).collect();
    let before = by_keys(db, &keys).await?;
    let missing: Vec<groups::ActiveModel> = names
        .iter()
        .zip(&keys)
        .filter(|(_, key)| !before.contains_key(key.as_str()))
        .map(|(name, key)| groups::ActiveModel {
            name: Set((*name).to_owned()),
            name_key: Set(key.clone()),
            import_id: Set(import_id),
            created_at: Set(now),
            ..Default::default()
        })
        .collect();
    let mut seen = std::collections::HashSet::new();
    let missing: Vec<groups::ActiveModel> =
        missing.into_iter().filter(|m| seen.insert(m.name_key.clone().unwrap())).collect();
    if !missing.is_empty() {
        groups::Entity::insert_many(missing)
            .on_conflict(OnConflict::column(groups::Column::NameKey).do_nothing().to_owned())
            .exec_without_returning(db)
            .await?;
    }
    let after = by_keys(db, &keys).await?;
    let created = after.values().filter(|g| !before.contains_key(&g.name_key)).map(|g| g.id).collect();
    let found = keys.iter().filter_map(|k| after.get(k).cloned()).collect();
    Ok((found, created))
}

/// A membership's group: `group_members.group_id` → `groups.id`.
fn membership() -> sea_orm::RelationDef {
    group_members::Entity::belongs_to(groups::Entity).from(group_members::Column::GroupId).to(groups::Column::Id).into()
}

async fn by_keys(db: &impl ConnectionTrait, keys: &[String]) -> Result<HashMap<String, Group>, DbErr> {
    let found = groups::Entity::find().filter(groups::Column::NameKey.is_in(keys.iter().cloned())).all(db).await?;
    Ok(found.into_iter().map(|g| (g.name_key.clone(), g)).collect())
}

/// Which of these names are groups already (ignoring case and accents): their keys, in one query per 500.
pub async fn existing_keys(
    db: &impl ConnectionTrait,
    names: &[&str],
) -> Result<std::collections::HashSet<String>, DbErr> {
    let keys: Vec<String> = names.iter().map(|n| rules::group_key(n)).collect();
    let mut found = std::collections::HashSet::new();
    for chunk in keys.chunks(500) {
        found.extend(by_keys(db, chunk).await?.into_keys());
    }
    Ok(found)
}

/// The group of this name (ignoring case and accents).
pub async fn find_by_name(db: &impl ConnectionTrait, name: &str) -> Result<Option<Group>, DbErr> {
    groups::Entity::find().filter(groups::Column::NameKey.eq(rules::group_key(name))).one(db).await
}

pub async fn find(db: &impl ConnectionTrait, id: i64) -> Result<Option<Group>, DbErr> {
    groups::Entity::find_by_id(id).one(db).await
}

/// Locks a group's row until the transaction ends (PostgreSQL; SQLite's write transaction already holds the one
/// write lock): two syncs of one group run one after the other.
pub async fn lock(db: &impl ConnectionTrait, id: i64) -> Result<(), DbErr> {
    if db.get_database_backend() == DbBackend::Postgres {
        groups::Entity::find_by_id(id).lock_exclusive().one(db).await?;
    }
    Ok(())
}

/// The user ids of a group's members.
pub async fn members_of(db: &impl ConnectionTrait, group_id: i64) -> Result<Vec<i64>, DbErr> {
    group_members::Entity::find()
        .select_only()
        .column(group_members::Column::UserId)
        .filter(group_members::Column::GroupId.eq(group_id))
        .order_by_asc(group_members::Column::UserId)
        .into_tuple()
        .all(db)
        .await
}

/// Each of these users' group names, in name order.
pub async fn names_of_users(db: &impl ConnectionTrait, user_ids: &[i64]) -> Result<HashMap<i64, Vec<String>>, DbErr> {
    let mut names: HashMap<i64, Vec<String>> = HashMap::new();
    for chunk in user_ids.chunks(500) {
        let rows: Vec<(i64, String)> = group_members::Entity::find()
            .select_only()
            .column(group_members::Column::UserId)
            .column_as(Expr::col((groups::Entity, groups::Column::Name)), "name")
            .join(sea_orm::JoinType::InnerJoin, membership())
            .filter(group_members::Column::UserId.is_in(chunk.iter().copied()))
            .order_by_asc(groups::Column::NameKey)
            .into_tuple()
            .all(db)
            .await?;
        for (user, name) in rows {
            names.entry(user).or_default().push(name);
        }
    }
    Ok(names)
}

/// Makes users members of groups; a membership that exists already stays as it is. Returns the pairs that are
/// new (what an undo removes).
pub async fn add_members(
    db: &impl ConnectionTrait,
    pairs: &[(i64, i64)],
    now: DateTime<Utc>,
) -> Result<Vec<(i64, i64)>, DbErr> {
    let mut added = Vec::new();
    for chunk in pairs.chunks(300) {
        let group_ids: Vec<i64> = chunk.iter().map(|p| p.0).collect();
        let user_ids: Vec<i64> = chunk.iter().map(|p| p.1).collect();
        let existing: std::collections::HashSet<(i64, i64)> = group_members::Entity::find()
            .select_only()
            .columns([group_members::Column::GroupId, group_members::Column::UserId])
            .filter(group_members::Column::GroupId.is_in(group_ids))
            .filter(group_members::Column::UserId.is_in(user_ids))
            .into_tuple()
            .all(db)
            .await?
            .into_iter()
            .collect();
        let mut new: Vec<(i64, i64)> = chunk.iter().copied().filter(|p| !existing.contains(p)).collect();
        new.sort_unstable();
        new.dedup();
        if new.is_empty() {
            continue;
        }
        group_members::Entity::insert_many(new.iter().map(|&(group_id, user_id)| group_members::ActiveModel {
            group_id: Set(group_id),
            user_id: Set(user_id),
            created_at: Set(now),
        }))
        .on_conflict(
            OnConflict::columns([group_members::Column::GroupId, group_members::Column::UserId])
                .do_nothing()
                .to_owned(),
        )
        .exec_without_returning(db)
        .await?;
        added.extend(new);
    }
    Ok(added)
}

/// Takes these users out of a group. Returns how many memberships there were.
pub async fn remove_members(db: &impl ConnectionTrait, group_id: i64, user_ids: &[i64]) -> Result<u64, DbErr> {
    let mut removed = 0;
    for chunk in user_ids.chunks(500) {
        removed += group_members::Entity::delete_many()
            .filter(group_members::Column::GroupId.eq(group_id))
            .filter(group_members::Column::UserId.is_in(chunk.iter().copied()))
            .exec(db)
            .await?
            .rows_affected;
    }
    Ok(removed)
}

/// One line of the Groups page.
#[derive(Clone, Debug, PartialEq, Eq, FromQueryResult)]
pub struct GroupLine {
    pub id: i64,
    pub name: String,
    pub members: i64,
}

/// Every group with its member count, by name.
pub async fn list(db: &impl ConnectionTrait) -> Result<Vec<GroupLine>, DbErr> {
    groups::Entity::find()
        .select_only()
        .column(groups::Column::Id)
        .column(groups::Column::Name)
        .column_as(group_members::Column::UserId.count(), "members")
        .join(sea_orm::JoinType::LeftJoin, membership().rev())
        .group_by(groups::Column::Id)
        .group_by(groups::Column::Name)
        .group_by(groups::Column::NameKey)
        .order_by_asc(groups::Column::NameKey)
        .into_model::<GroupLine>()
        .all(db)
        .await
}

/// Renames a group (the name's key must stay unique: a clash is a unique violation). False: no such group.
pub async fn rename(db: &impl ConnectionTrait, id: i64, name: &str) -> Result<bool, DbErr> {
    let result = groups::Entity::update_many()
        .col_expr(groups::Column::Name, Expr::value(name))
        .col_expr(groups::Column::NameKey, Expr::value(rules::group_key(name)))
        .filter(groups::Column::Id.eq(id))
        .exec(db)
        .await?;
    Ok(result.rows_affected == 1)
}

/// Deletes a group and its memberships; its members stay learners. False: no such group.
pub async fn delete(db: &impl ConnectionTrait, id: i64) -> Result<bool, DbErr> {
    group_members::Entity::delete_many().filter(group_members::Column::GroupId.eq(id)).exec(db).await?;
    Ok(groups::Entity::delete_by_id(id).exec(db).await?.rows_affected == 1)
}

/// Deletes these groups if they have no member left (an undo's groups that its import created).
pub async fn delete_if_empty(db: &impl ConnectionTrait, ids: &[i64]) -> Result<u64, DbErr> {
    let mut deleted = 0;
    for &id in ids {
        if members_of(db, id).await?.is_empty() {
            deleted += groups::Entity::delete_by_id(id).exec(db).await?.rows_affected;
        }
    }
    Ok(deleted)
}
