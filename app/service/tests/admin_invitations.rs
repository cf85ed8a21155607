//! Inviting an admin by email, against SQLite and a real PostgreSQL: the invitation is queued and listed, a second
//! one for an admin's or an invited email is refused, the accept link creates the admin (signed in) and is used up,
//! an expired or cancelled link is refused, and each step is in the activity log. The email itself is the
//! delivery worker's (app/delivery/tests); here a helper plays the worker's part with a token it knows.

use chrono::{DateTime, Duration, Utc};
use domain::{ActivityAction, Actor, AdminInvitationState, AdminLinkState};
use rules::Lang;
use service::admin_invitations::{self, AcceptError, InviteError};
use service::auth::{ClientAddress, SignIn};
use storage::testing;
use storage::DatabaseConnection;

const PASSWORD: &str = "a long enough password";

/// Does what the delivery worker does for the admins' queue, with a token the test knows: claims every due
/// invitation, stores the token's hash with `expires_at`, and marks it sent. Returns the token.
async fn deliver(db: &DatabaseConnection, expires_at: DateTime<Utc>) -> String {
    let claim = storage::tokens::new_token();
    let claimed = storage::admin_invitations::claim(db, &claim, Utc::now(), Duration::minutes(2), 10).await.unwrap();
    assert_eq!(claimed.len(), 1, "one invitation due");
    let token = storage::tokens::new_token();
    let id = claimed[0].id;
    let hash = storage::tokens::hash_token(&token);
    assert!(storage::queue::set_token::<storage::queue::Admins>(db, id, &claim, &hash, expires_at).await.unwrap());
    storage::queue::mark_sent::<storage::queue::Admins>(db, id, &claim, Utc::now()).await.unwrap();
    token
}

async fn sign_in(db: &DatabaseConnection, email: &str, password: &str) -> bool {
    let request = SignIn { email, password, client: ClientAddress::unknown(), old_token: None };
    service::auth::sign_in(db, Duration::hours(1), request, Utc::now()).await.is_ok()
}

/// The actions of the activity log, oldest first, with their subject ids.
async fn activity(db: &DatabaseConnection) -> Vec<(String, Option<i64>)> {
    let (entries, _) = storage::activity::page(db, None, None, None, 100).await.unwrap();
    entries.into_iter().rev().map(|e| (e.action, e.subject_id)).collect()
}

fn in_a_week() -> DateTime<Utc> {
    Utc::now() + Duration::days(7)
}

#[tokio::test]
async fn an_invited_admin_accepts_once_and_is_signed_in() {
    for t in testing::all().await {
        service::auth::create_admin(&t.db, "ada@x.fr", PASSWORD).await.unwrap();
        let ada = Actor::admin(storage::admins::find_by_email(&t.db, "ada@x.fr").await.unwrap().unwrap().id);

        let id = admin_invitations::invite(&t.db, ada, "  Bob@X.fr ", Lang::Fr).await.unwrap();
        let listed = admin_invitations::list(&t.db).await.unwrap();
        assert_eq!(listed.len(), 1, "{:?}", t.backend);
        assert_eq!((listed[0].id, listed[0].email.as_str()), (id, "Bob@X.fr"));
        assert_eq!((listed[0].invited_by.as_str(), listed[0].state), ("ada@x.fr", AdminInvitationState::Queued));
        assert_eq!(listed[0].expires_at, None, "no link until the email is sent");
        let stored = storage::admin_invitations::open_for_email(&t.db, "bob@x.fr").await.unwrap().unwrap();
        assert_eq!(stored.language, "fr", "the email goes out in the inviting admin's language");

        // Refused: the same email again (any case), an admin's email, something that is not an email.
        let again = admin_invitations::invite(&t.db, ada, "bob@x.FR", Lang::En).await;
        assert!(matches!(again, Err(InviteError::AlreadyInvited)), "{again:?} on {:?}", t.backend);
        let admin = admin_invitations::invite(&t.db, ada, "ADA@x.fr", Lang::En).await;
        assert!(matches!(admin, Err(InviteError::AlreadyAdmin)), "{admin:?}");
        let invalid = admin_invitations::invite(&t.db, ada, "bob at x.fr", Lang::En).await;
        assert!(matches!(invalid, Err(InviteError::InvalidEmail)), "{invalid:?}");
        assert_eq!(admin_invitations::list(&t.db).await.unwrap().len(), 1, "nothing was added");

        let token = deliver(&t.db, in_a_week()).await;
        assert_eq!(admin_invitations::list(&t.db).await.unwrap()[0].state, AdminInvitationState::Sent);
        let again = admin_invitations::invite(&t.db, ada, "bob@x.fr", Lang::En).await;
        assert!(matches!(again, Err(InviteError::AlreadyInvited)), "a sent, working link is still open");
        assert_eq!(
            admin_invitations::link_state(&t.db, &token).await.unwrap(),
            AdminLinkState::Valid { email: "Bob@X.fr".into() }
        );

        let weak = admin_invitations::accept(&t.db, &token, "short".into(), None, Duration::hours(1)).await;
        assert!(matches!(weak, Err(AcceptError::WeakPassword(_))), "{weak:?}");
        let session =
            admin_invitations::accept(&t.db, &token, PASSWORD.into(), None, Duration::hours(1)).await.unwrap();
        let bob = service::auth::authenticate(&t.db, &session).await.unwrap().expect("signed in as the new admin");
        assert_eq!(bob.email, "Bob@X.fr", "{:?}", t.backend);
        assert!(sign_in(&t.db, "bob@x.fr", PASSWORD).await, "the new admin signs in with the chosen password");
        assert_eq!(service::admins::list(&t.db, bob.id).await.unwrap().len(), 2);

        // The link is used up, and the invitation no longer open.
        assert_eq!(admin_invitations::link_state(&t.db, &token).await.unwrap(), AdminLinkState::Unusable);
        let twice =
            admin_invitations::accept(&t.db, &token, "another password!".into(), None, Duration::hours(1)).await;
        assert!(matches!(twice, Err(AcceptError::UnusableLink)), "{twice:?}");
        assert!(!sign_in(&t.db, "bob@x.fr", "another password!").await);
        assert!(admin_invitations::list(&t.db).await.unwrap().is_empty());
        let hash = storage::tokens::hash_token(&token);
        let accepted = storage::admin_invitations::find_by_token_hash(&t.db, &hash).await.unwrap();
        assert!(accepted.is_none(), "the token's hash is gone");

        assert_eq!(
            activity(&t.db).await,
            vec![("admin.invite".to_owned(), Some(id)), ("admin.join".to_owned(), Some(bob.id))],
            "{:?}",
            t.backend
        );
        let (joins, _) = storage::activity::page(&t.db, Some(ActivityAction::AdminJoin), None, None, 10).await.unwrap();
        assert_eq!(joins[0].admin_id, Some(bob.id), "the new admin is who joined");
        assert!(!joins[0].details.contains('@'), "ids only: {}", joins[0].details);
    }
}

#[tokio::test]
async fn an_expired_or_unknown_link_is_refused_and_inviting_again_replaces_it() {
    for t in testing::all().await {
        service::auth::create_admin(&t.db, "ada@x.fr", PASSWORD).await.unwrap();
        let ada = Actor::admin(1);
        admin_invitations::invite(&t.db, ada, "carl@x.fr", Lang::En).await.unwrap();
        let token = deliver(&t.db, Utc::now() - Duration::seconds(1)).await;

        assert_eq!(admin_invitations::link_state(&t.db, &token).await.unwrap(), AdminLinkState::Unusable);
        let late = admin_invitations::accept(&t.db, &token, PASSWORD.into(), None, Duration::hours(1)).await;
        assert!(matches!(late, Err(AcceptError::UnusableLink)), "{late:?} on {:?}", t.backend);
        assert!(!sign_in(&t.db, "carl@x.fr", PASSWORD).await, "no account was made");
        for unknown in ["", "not-a-token", &"x".repeat(500)] {
            assert_eq!(admin_invitations::link_state(&t.db, unknown).await.unwrap(), AdminLinkState::Unusable);
            let refused = admin_invitations::accept(&t.db, unknown, PASSWORD.into(), None, Duration::hours(1)).await;
            assert!(matches!(refused, Err(AcceptError::UnusableLink)));
        }
        assert_eq!(admin_invitations::list(&t.db).await.unwrap()[0].state, AdminInvitationState::Expired);

        // An expired invitation does not block a new one: the new one replaces it, with a new link.
        admin_invitations::invite(&t.db, ada, "carl@x.fr", Lang::En).await.unwrap();
        let listed = admin_invitations::list(&t.db).await.unwrap();
        assert_eq!(listed.len(), 1, "{:?}", t.backend);
        assert_eq!(listed[0].state, AdminInvitationState::Queued);
        let fresh = deliver(&t.db, in_a_week()).await;
        assert_eq!(admin_invitations::link_state(&t.db, &token).await.unwrap(), AdminLinkState::Unusable);
        admin_invitations::accept(&t.db, &fresh, PASSWORD.into(), None, Duration::hours(1)).await.unwrap();
        assert!(sign_in(&t.db, "carl@x.fr", PASSWORD).await);
    }
}

#[tokio::test]
async fn a_cancelled_invitation_stops_its_link() {
    for t in testing::all().await {
        service::auth::create_admin(&t.db, "ada@x.fr", PASSWORD).await.unwrap();
        let ada = Actor::admin(1);
        let id = admin_invitations::invite(&t.db, ada, "dan@x.fr", Lang::De).await.unwrap();
        let token = deliver(&t.db, in_a_week()).await;
        admin_invitations::cancel(&t.db, ada, id).await.unwrap();

        assert!(admin_invitations::list(&t.db).await.unwrap().is_empty(), "{:?}", t.backend);
        assert_eq!(admin_invitations::link_state(&t.db, &token).await.unwrap(), AdminLinkState::Unusable);
        let refused = admin_invitations::accept(&t.db, &token, PASSWORD.into(), None, Duration::hours(1)).await;
        assert!(matches!(refused, Err(AcceptError::UnusableLink)));
        assert!(matches!(admin_invitations::cancel(&t.db, ada, id).await, Err(InviteError::NotFound)));
        assert_eq!(
            activity(&t.db).await,
            vec![("admin.invite".to_owned(), Some(id)), ("admin.invite.cancel".to_owned(), Some(id))]
        );
        // Once cancelled, the email can be invited again.
        admin_invitations::invite(&t.db, ada, "dan@x.fr", Lang::De).await.unwrap();
    }
}

#[tokio::test]
async fn a_removed_admin_invited_again_gets_the_same_account_back() {
    for t in testing::all().await {
        service::auth::create_admin(&t.db, "ada@x.fr", PASSWORD).await.unwrap();
        service::auth::create_admin(&t.db, "eve@x.fr", PASSWORD).await.unwrap();
        let (ada, eve) = (Actor::admin(1), 2);
        service::admins::remove(&t.db, ada, eve).await.unwrap();
        assert!(!sign_in(&t.db, "eve@x.fr", PASSWORD).await);

        admin_invitations::invite(&t.db, ada, "eve@x.fr", Lang::En).await.unwrap();
        let token = deliver(&t.db, in_a_week()).await;
        let session = admin_invitations::accept(&t.db, &token, "eve's new password".into(), None, Duration::hours(1))
            .await
            .unwrap();
        let back = service::auth::authenticate(&t.db, &session).await.unwrap().expect("signed in");
        assert_eq!(back.id, eve, "the history keeps naming one admin ({:?})", t.backend);
        assert!(sign_in(&t.db, "eve@x.fr", "eve's new password").await);
        assert!(!sign_in(&t.db, "eve@x.fr", PASSWORD).await, "the old password is gone");
    }
}
