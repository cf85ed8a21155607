//! Import records: who imported which file, when, and what came of it.

use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "imports")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i64,
    /// The confirm request's id: the same request twice finds this record instead of importing again.
    #[sea_orm(unique)]
    pub request_id: String,
    pub admin_id: i64,
    pub file_name: String,
    /// SHA-256 of the file's bytes, hex.
    pub file_sha256: String,
    pub send_invitations: bool,
    pub total_rows: i32,
    pub created_count: i32,
    pub skipped_count: i32,
    pub created_at: ChronoDateTimeUtc,
    /// Every row's outcome, a JSON list in row order: `{"row", "outcome": "created" | "skipped", "email",
    /// "problems"}`. One value rather than a row per row: a confirm writes it in one go, and it is only ever read
    /// whole (to answer a repeated confirm).
    pub outcomes: String,
    /// SHA-256 (hex) of the request's rows and options; `None` for imports recorded before it was kept.
    pub request_fingerprint: Option<String>,
    /// How many skipped rows were users the portal already had (`email.exists`, `identifier.exists`); `None` for
    /// imports recorded before it was counted.
    pub existing_count: Option<i32>,
    /// Set when the import was undone, with who undid it and how many of its users were removed or kept.
    pub undone_at: Option<ChronoDateTimeUtc>,
    pub undone_by: Option<i64>,
    pub undo_removed: Option<i32>,
    pub undo_kept: Option<i32>,
    /// The import's mode (`add`, `update`, `update-only`, `sync`); `None` for imports recorded before modes.
    pub mode: Option<String>,
    /// The group a `sync` made the file the whole list of.
    pub sync_group: Option<String>,
    /// Learners updated, already as the file said, removed from the synced group, suspended by the sync.
    pub updated_count: Option<i32>,
    pub unchanged_count: Option<i32>,
    pub removed_count: Option<i32>,
    pub suspended_count: Option<i32>,
    /// What the undo must put back (JSON, see `crate::rosters::UndoData`).
    pub undo_data: Option<String>,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {
    #[sea_orm(has_many = "super::users::Entity")]
    Users,
}

impl Related<super::users::Entity> for Entity {
    fn to() -> RelationDef {
        Relation::Users.def()
    }
}

impl ActiveModelBehavior for ActiveModel {}
