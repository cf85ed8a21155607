//! Each admin's last column matching for a header row (migration 000014).

use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "column_matchings")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub admin_id: i64,
    /// SHA-256, hex, of the header row as the rules compare it (`rules::ColumnMatching::row_key`).
    #[sea_orm(primary_key, auto_increment = false)]
    pub header_hash: String,
    /// `rules::ColumnMatching` as JSON.
    pub matching: String,
    pub updated_at: ChronoDateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
