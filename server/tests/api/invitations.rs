//! The learner's public endpoints: an accept link works once and only with a long enough password; the sign-in
//! answers the same for every email; Resend is the admin's.

use crate::helpers::*;
use domain::InvitationState;
use rules::ValidUser;
use sea_orm::EntityTrait;
use storage::entity::{invitations, users};

/// A Pending learner with a live accept link; returns (user id, token).
async fn invited(db_url: &str) -> (i64, String) {
    let db = storage::connect(db_url).await.unwrap();
    let user = ValidUser::check(["Ana", "Roux", "ana@example.org", "", "", "fr"]).unwrap();
    storage::users::insert_many(&db, &[user], None).await.unwrap();
    let id = users::Entity::find().one(&db).await.unwrap().unwrap().id;
    storage::invitations::queue_many(&db, &[id]).await.unwrap();
    let claimed =
        storage::invitations::claim(&db, "test", chrono::Utc::now(), chrono::Duration::minutes(1), 1).await.unwrap();
    let token = storage::tokens::new_token();
    let expires = chrono::Utc::now() + chrono::Duration::days(7);
    let hash = storage::tokens::hash_token(&token);
    assert!(storage::queue::set_token::<storage::queue::Learners>(
        &db,
        claimed[0].invitation.id,
        "test",
        &hash,
        expires
    )
    .await
    .unwrap());
    storage::queue::mark_sent::<storage::queue::Learners>(&db, claimed[0].invitation.id, "test", chrono::Utc::now())
        .await
        .unwrap();
    (id, token)
}

#[tokio::test]
async fn an_accept_link_works_once_and_only_with_a_long_enough_password() {
    for app in spawn_all().await {
        let (id, token) = invited(&app.db_url).await;
        let link = app.call("invitation_link", &[("token", &token)], None).await;
        assert!(link.text().await.unwrap().contains("ana@example.org"), "{:?}", app.backend);

        let weak = app.call("accept_invitation", &[("token", &token), ("password", "short")], None).await;
        assert_eq!(weak.status(), reqwest::StatusCode::UNPROCESSABLE_ENTITY);
        assert!(weak.text().await.unwrap().contains("WeakPassword"));

        let ok = app.call("accept_invitation", &[("token", &token), ("password", "a long passphrase")], None).await;
        assert!(ok.status().is_success(), "{:?}", ok.text().await);
        let db = storage::connect(&app.db_url).await.unwrap();
        let user = users::Entity::find_by_id(id).one(&db).await.unwrap().unwrap();
        assert_eq!(user.status, domain::UserStatus::Active);
        assert!(user.password_hash.unwrap().starts_with("$argon2id$"));

        let again = app.call("accept_invitation", &[("token", &token), ("password", "another passphrase")], None).await;
        assert_eq!(again.status(), reqwest::StatusCode::BAD_REQUEST, "a used link does not work twice");
        let unknown = app.call("invitation_link", &[("token", "not-a-token")], None).await;
        assert!(unknown.text().await.unwrap().contains("Unusable"));

        let welcome =
            app.call("learner_sign_in", &[("email", "ANA@example.org"), ("password", "a long passphrase")], None).await;
        assert!(welcome.text().await.unwrap().contains("Welcome"));
    }
}

#[tokio::test]
async fn the_learner_sign_in_answers_the_same_and_invites_a_pending_learner_once() {
    for app in spawn_all().await {
        let db = storage::connect(&app.db_url).await.unwrap();
        let user = ValidUser::check(["Noor", "Haddad", "noor@example.org", "", "", "nl"]).unwrap();
        storage::users::insert_many(&db, &[user], None).await.unwrap();
        let unknown = app.call("learner_sign_in", &[("email", "who@example.org"), ("password", "x")], None).await;
        let unknown = unknown.text().await.unwrap();
        let known = app.call("learner_sign_in", &[("email", "noor@example.org"), ("password", "x")], None).await;
        assert_eq!(known.text().await.unwrap(), unknown, "{:?}", app.backend);
        assert_eq!(invitations::Entity::find().all(&db).await.unwrap().len(), 1, "the pending learner is invited");
        app.call("learner_sign_in", &[("email", "noor@example.org"), ("password", "x")], None).await;
        let all = invitations::Entity::find().all(&db).await.unwrap();
        assert_eq!((all.len(), all[0].state), (1, InvitationState::Queued), "still one invitation");
    }
}
