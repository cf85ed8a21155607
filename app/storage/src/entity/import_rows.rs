//! The outcome of each row of a confirmed import.

use sea_orm::entity::prelude::*;
use serde::{Deserialize, Serialize};

#[derive(Clone, Copy, Debug, PartialEq, Eq, EnumIter, DeriveActiveEnum, Serialize, Deserialize)]
#[sea_orm(rs_type = "String", db_type = "String(StringLen::N(16))")]
pub enum Outcome {
    /// The user was created.
    #[sea_orm(string_value = "created")]
    Created,
    /// The row had errors (in the file, or found by the server) and was left out.
    #[sea_orm(string_value = "skipped")]
    Skipped,
}

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "import_rows")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i64,
    pub import_id: i64,
    /// The spreadsheet row number (the header is row 1).
    pub row: i32,
    pub outcome: Outcome,
    pub user_id: Option<i64>,
    pub email: String,
    /// The row's problems as JSON, `[]` for a created user.
    pub problems: String,
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
