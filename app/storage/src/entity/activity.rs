//! The activity log: who did what, when (see `crate::activity`).

use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "activity")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i64,
    pub at: ChronoDateTimeUtc,
    /// The admin who acted (also when through one of their API tokens).
    pub admin_id: Option<i64>,
    /// The API token the admin acted through, if any.
    pub token_id: Option<i64>,
    /// What was done: `import`, `undo`, `user.add`... (`domain::ActivityAction`).
    pub action: String,
    /// What it was done to: an import's or a user's id.
    pub subject_id: Option<i64>,
    /// Counts and choices as JSON (never names or emails).
    pub details: String,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
