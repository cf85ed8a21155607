//! Where an invitation is, what an accept link leads to, and what a learner's sign-in answers.

#[cfg(feature = "sea-orm")]
use sea_orm::sea_query::StringLen;
use serde::{Deserialize, Serialize};

/// An invitation's state. `Sending` is the delivery worker's claim: the admin sees it as queued.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
#[cfg_attr(feature = "sea-orm", derive(sea_orm::EnumIter, sea_orm::DeriveActiveEnum))]
#[cfg_attr(feature = "sea-orm", sea_orm(rs_type = "String", db_type = "String(StringLen::N(16))"))]
pub enum InvitationState {
    /// Waiting for the delivery worker (also after a temporary failure, until its next attempt).
    #[cfg_attr(feature = "sea-orm", sea_orm(string_value = "queued"))]
    Queued,
    /// Claimed by a worker, being sent.
    #[cfg_attr(feature = "sea-orm", sea_orm(string_value = "sending"))]
    Sending,
    #[cfg_attr(feature = "sea-orm", sea_orm(string_value = "sent"))]
    Sent,
    /// A permanent failure, or too many temporary ones.
    #[cfg_attr(feature = "sea-orm", sea_orm(string_value = "failed"))]
    Failed,
}

impl InvitationState {
    /// Its name in the database and the address (`queued`, `sending`, `sent`, `failed`).
    pub fn as_str(self) -> &'static str {
        match self {
            InvitationState::Queued => "queued",
            InvitationState::Sending => "sending",
            InvitationState::Sent => "sent",
            InvitationState::Failed => "failed",
        }
    }

    pub fn parse(text: &str) -> Option<InvitationState> {
        [InvitationState::Queued, InvitationState::Sending, InvitationState::Sent, InvitationState::Failed]
            .into_iter()
            .find(|s| s.as_str() == text)
    }

    /// What the admin sees: an invitation being sent is still on its way.
    pub fn as_seen_by_admin(self) -> InvitationState {
        match self {
            InvitationState::Sending => InvitationState::Queued,
            other => other,
        }
    }
}

/// What an accept link leads to.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum LinkState {
    /// The learner may choose a password.
    Valid { firstname: String, email: String },
    /// Expired, already used, or replaced by a newer invitation: a fresh one can be asked for by email.
    Unusable,
    /// A live link of a learner who was suspended since it was sent: it does not work, and signing in would not
    /// send a new one (only whoever holds the link, so the learner, learns this).
    Suspended,
}

/// What a learner's sign-in answers.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum LearnerAnswer {
    /// Active learner, right password.
    Welcome { firstname: String },
    /// A Suspended learner, right password: they may not sign in, and are told so (a wrong password gets
    /// [`LearnerAnswer::CheckYourInbox`], so this says nothing to whoever does not know the password).
    Suspended,
    /// Everything else: unknown email, Pending learner (an invitation may be on its way), wrong password.
    CheckYourInbox,
}
