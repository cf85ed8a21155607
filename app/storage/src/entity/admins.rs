//! Administrators: the people who sign in to import learners.

use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "admins")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i64,
    pub email: String,
    #[sea_orm(unique)]
    pub email_normalized: String,
    /// Argon2id, PHC string format.
    pub password_hash: String,
    pub created_at: ChronoDateTimeUtc,
    /// Set when another admin removed this one: the account stays for the history, but cannot sign in.
    pub removed_at: Option<ChronoDateTimeUtc>,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
