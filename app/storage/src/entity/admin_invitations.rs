//! Admins invited by email, and the delivery queue of their invitation emails (see `crate::admin_invitations`).

use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "admin_invitations")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i64,
    pub email: String,
    pub email_normalized: String,
    /// The inviting admin's interface language (`en`, `fr`, `de`): the email's language.
    pub language: String,
    pub invited_by: i64,
    /// Stored as its lower-case name, by the domain enum's own derive.
    pub state: domain::InvitationState,
    pub attempts: i32,
    pub next_attempt_at: ChronoDateTimeUtc,
    pub locked_until: Option<ChronoDateTimeUtc>,
    /// The claim of the worker sending it (random per claim); cleared when the attempt ends.
    pub claim_token: Option<String>,
    pub last_error: Option<String>,
    pub token_hash: Option<String>,
    pub token_expires_at: Option<ChronoDateTimeUtc>,
    pub sent_at: Option<ChronoDateTimeUtc>,
    /// When the link was used; the invitation is no longer pending.
    pub accepted_at: Option<ChronoDateTimeUtc>,
    /// The admin account the accept created (or gave back).
    pub admin_id: Option<i64>,
    pub created_at: ChronoDateTimeUtc,
    pub updated_at: ChronoDateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
