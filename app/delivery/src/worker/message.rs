//! The emails a batch sends: a learner's invitation and an admin's, rendered from `crate::templates` in the
//! invited person's language, each with its accept link; and the account notices, in the learner's language.

use lettre::message::{header::ContentType, Mailbox, MultiPart, SinglePart};
use lettre::Message;
use storage::admin_invitations::AdminInvitation;
use storage::entity::notices::NoticeKind;
use storage::invitations;
use storage::notices::Notice;

use super::Worker;
use crate::templates::{self, Invitation};

impl Worker {
    pub(super) fn message(&self, claimed: &invitations::Claimed, token: &str) -> Result<Message, String> {
        let user = &claimed.user;
        let accept_url = format!("{}/invite/{token}", self.config.public_url);
        let rendered = templates::render(&Invitation {
            firstname: &user.firstname,
            lastname: &user.lastname,
            language: &user.language,
            portal_name: &self.config.portal_name,
            accept_url: &accept_url,
            valid_days: self.config.token_ttl.num_days().max(1),
        })
        .map_err(|e| format!("the invitation cannot be written: {e}"))?;
        let address = user.email.parse().map_err(|e| format!("the address {} cannot be used: {e}", user.email))?;
        let to = Mailbox::new(Some(format!("{} {}", user.firstname, user.lastname)), address);
        self.build(to, rendered)
    }

    pub(super) fn admin_message(
        &self,
        invitation: &AdminInvitation,
        inviter: &str,
        token: &str,
    ) -> Result<Message, String> {
        let accept_url = format!("{}/admin-invite/{token}", self.config.public_url);
        let rendered = templates::render_admin(&templates::AdminInvitation {
            inviter,
            language: &invitation.language,
            portal_name: &self.config.portal_name,
            accept_url: &accept_url,
            valid_days: self.config.token_ttl.num_days().max(1),
        })
        .map_err(|e| format!("the invitation cannot be written: {e}"))?;
        let address =
            invitation.email.parse().map_err(|e| format!("the address {} cannot be used: {e}", invitation.email))?;
        self.build(Mailbox::new(None, address), rendered)
    }

    /// A notice to the address it names: for an email change, the old one, naming the new one.
    pub(super) fn notice_message(&self, notice: &Notice) -> Result<Message, String> {
        let rendered = match notice.kind {
            NoticeKind::EmailChanged => {
                let new_email = notice.new_email.as_deref().ok_or("the notice has no new address")?;
                templates::render_email_changed(&templates::EmailChanged {
                    old_email: &notice.to_email,
                    new_email,
                    language: &notice.language,
                    portal_name: &self.config.portal_name,
                })
            }
        }
        .map_err(|e| format!("the notice cannot be written: {e}"))?;
        let address =
            notice.to_email.parse().map_err(|e| format!("the address {} cannot be used: {e}", notice.to_email))?;
        self.build(Mailbox::new(None, address), rendered)
    }

    fn build(&self, to: Mailbox, rendered: templates::Rendered) -> Result<Message, String> {
        Message::builder()
            .from(self.config.from.clone())
            .to(to)
            .subject(rendered.subject)
            .multipart(
                MultiPart::alternative()
                    .singlepart(SinglePart::builder().header(ContentType::TEXT_PLAIN).body(rendered.text))
                    .singlepart(SinglePart::builder().header(ContentType::TEXT_HTML).body(rendered.html)),
            )
            .map_err(|e| format!("the message cannot be built: {e}"))
    }
}
