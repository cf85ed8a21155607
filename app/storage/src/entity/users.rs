//! The portal's users (learners), as the specification names their fields.

use sea_orm::entity::prelude::*;

/// A learner's status, stored as its name ("Pending", "Active"): the domain's enum, mapped by its own derive.
pub use domain::UserStatus as Status;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "users")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i64,
    pub firstname: String,
    pub lastname: String,
    /// The email as the admin typed it.
    pub email: String,
    /// NFC + lower case: the unique key that makes `A@x.com` and `a@X.com` the same user.
    #[sea_orm(unique)]
    pub email_normalized: String,
    /// Optional; unique when set.
    #[sea_orm(unique)]
    pub identifier: Option<String>,
    pub country: Option<String>,
    pub language: String,
    pub status: Status,
    /// Lower-cased names, indexed for prefix search.
    pub firstname_key: String,
    pub lastname_key: String,
    /// The import that created this user, if any.
    pub import_id: Option<i64>,
    /// Argon2id PHC string, set when the learner accepts the invitation.
    pub password_hash: Option<String>,
    pub created_at: ChronoDateTimeUtc,
    pub updated_at: ChronoDateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {
    #[sea_orm(belongs_to = "super::imports::Entity", from = "Column::ImportId", to = "super::imports::Column::Id")]
    Import,
}

impl Related<super::imports::Entity> for Entity {
    fn to() -> RelationDef {
        Relation::Import.def()
    }
}

impl ActiveModelBehavior for ActiveModel {}
