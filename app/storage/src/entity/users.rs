//! The portal's users (learners), as the specification names their fields.

use sea_orm::entity::prelude::*;

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
    /// Stored as its name ("Pending", "Active", "Suspended"), by the domain enum's own derive.
    pub status: domain::UserStatus,
    /// A Suspended learner's state before (Pending or Active), given back when reactivated.
    pub status_before: Option<domain::UserStatus>,
    /// Lower-cased names and identifier, indexed for prefix search (the search term is lower-cased).
    pub firstname_key: String,
    pub lastname_key: String,
    pub identifier_key: Option<String>,
    /// First name, last name, email and identifier, folded (`crate::search`): what the substring search looks in.
    pub search_text: String,
    /// Last name then first name, folded: what "sort by name" orders by.
    pub sort_name: String,
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
