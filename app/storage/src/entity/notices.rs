//! The account notices' delivery queue (see `crate::notices`): emails that only inform, one row per email.

use sea_orm::entity::prelude::*;

/// What a notice says.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, EnumIter, DeriveActiveEnum)]
#[sea_orm(rs_type = "String", db_type = "String(StringLen::N(32))")]
pub enum NoticeKind {
    /// An Active learner's sign-in email was changed: sent to the old address, naming the new one.
    #[sea_orm(string_value = "email_changed")]
    EmailChanged,
}

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "notices")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i64,
    /// The learner it is about (none once the learner is deleted: the notice is still sent).
    pub user_id: Option<i64>,
    pub kind: NoticeKind,
    /// Where it goes: for `EmailChanged`, the old address.
    pub to_email: String,
    /// For `EmailChanged`, the new address.
    pub new_email: Option<String>,
    /// The learner's language (ISO 639-1); languages without a translation get English.
    pub language: String,
    /// Stored as its lower-case name, by the domain enum's own derive.
    pub state: domain::InvitationState,
    pub attempts: i32,
    pub next_attempt_at: ChronoDateTimeUtc,
    pub locked_until: Option<ChronoDateTimeUtc>,
    /// The claim of the worker sending it (random per claim); cleared when the attempt ends.
    pub claim_token: Option<String>,
    pub last_error: Option<String>,
    pub sent_at: Option<ChronoDateTimeUtc>,
    pub created_at: ChronoDateTimeUtc,
    pub updated_at: ChronoDateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
