//! Groups of learners (a class, a cohort, a team): a name, unique ignoring case and accents.

use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "groups")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i64,
    /// As first written (trimmed, NFC).
    pub name: String,
    /// `rules::group_key` of the name: what makes two names one group.
    #[sea_orm(unique)]
    pub name_key: String,
    /// The import that created the group, if one did.
    pub import_id: Option<i64>,
    pub created_at: ChronoDateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
