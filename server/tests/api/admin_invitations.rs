//! Inviting an admin over HTTP: the admin's server functions (invite, list, cancel) behind the guard, refusals with
//! their own status, and the public accept link, which answers with a session cookie for the new admin.

use crate::helpers::*;
use reqwest::StatusCode;

/// Plays the delivery worker for the one due admin invitation, with a token the test knows.
async fn deliver(db_url: &str) -> String {
    let db = storage::connect(db_url).await.unwrap();
    let now = chrono::Utc::now();
    let claimed = storage::admin_invitations::claim(&db, "test", now, chrono::Duration::minutes(1), 1).await.unwrap();
    let token = storage::tokens::new_token();
    let hash = storage::tokens::hash_token(&token);
    let expires = now + chrono::Duration::days(7);
    assert!(storage::queue::set_token::<storage::queue::Admins>(&db, claimed[0].id, "test", &hash, expires)
        .await
        .unwrap());
    storage::queue::mark_sent::<storage::queue::Admins>(&db, claimed[0].id, "test", now).await.unwrap();
    token
}

#[tokio::test]
async fn an_invited_admin_accepts_the_link_and_gets_a_session() {
    for app in spawn_all().await {
        let cookie = app.admin_cookie().await;
        let invite = |email: &'static str| {
            let (app, cookie) = (&app, cookie.clone());
            async move { app.call("invite_admin", &[("email", email)], Some(&cookie)).await }
        };
        let invited = invite(" nina@example.org ").await;
        assert_eq!(invited.status(), StatusCode::OK, "{:?}", app.backend);
        assert_eq!(invited.text().await.unwrap(), "\"nina@example.org\"");
        let again = invite("NINA@example.org").await;
        assert_eq!(again.status(), StatusCode::CONFLICT);
        assert!(again.text().await.unwrap().contains("AlreadyInvited"));
        let admin = invite("admin@example.com").await;
        assert_eq!(admin.status(), StatusCode::CONFLICT);
        assert!(admin.text().await.unwrap().contains("AlreadyAdmin"));
        let invalid = invite("nina").await;
        assert_eq!(invalid.status(), StatusCode::UNPROCESSABLE_ENTITY);
        let listed = app.call("list_admin_invitations", &[], Some(&cookie)).await.text().await.unwrap();
        assert!(listed.contains("nina@example.org") && listed.contains(ADMIN_EMAIL), "{listed}");

        let token = deliver(&app.db_url).await;
        // Public: no session needed to read the link or accept it.
        let link = app.call("admin_invitation_link", &[("token", &token)], None).await;
        assert!(link.text().await.unwrap().contains("nina@example.org"));
        let unknown = app.call("admin_invitation_link", &[("token", "no-such-token")], None).await;
        assert_eq!(unknown.text().await.unwrap(), "\"Unusable\"");

        let accepted =
            app.call("accept_admin_invitation", &[("token", &token), ("password", "nina's long password")], None).await;
        assert!(accepted.status().is_success() || accepted.status().is_redirection(), "{}", accepted.status());
        let session = session_cookie(&accepted).expect("a session for the new admin");
        let who = app.call("current_admin", &[], Some(&session)).await.text().await.unwrap();
        assert_eq!(who, "\"nina@example.org\"", "{:?}", app.backend);

        let twice =
            app.call("accept_admin_invitation", &[("token", &token), ("password", "nina's long password")], None).await;
        assert_eq!(twice.status(), StatusCode::GONE);
        assert!(twice.text().await.unwrap().contains("LinkUnusable"));
        assert!(app.sign_in("nina@example.org", "nina's long password").await.is_ok());
        let listed = app.call("list_admin_invitations", &[], Some(&cookie)).await.text().await.unwrap();
        assert_eq!(listed, "[]");
    }
}

#[tokio::test]
async fn a_cancelled_invitation_is_gone_and_its_page_says_the_link_no_longer_works() {
    for app in spawn_all().await {
        let cookie = app.admin_cookie().await;
        let invited = app.call("invite_admin", &[("email", "omar@example.org")], Some(&cookie)).await;
        assert_eq!(invited.status(), StatusCode::OK);
        let token = deliver(&app.db_url).await;
        let db = storage::connect(&app.db_url).await.unwrap();
        let id = storage::admin_invitations::open(&db).await.unwrap()[0].id.to_string();
        let cancelled = app.call("cancel_admin_invitation", &[("id", &id)], Some(&cookie)).await;
        assert_eq!(cancelled.status(), StatusCode::OK, "{:?}", app.backend);
        let again = app.call("cancel_admin_invitation", &[("id", &id)], Some(&cookie)).await;
        assert_eq!(again.status(), StatusCode::NOT_FOUND);

        let page = app.client.get(format!("{}/admin-invite/{token}", app.address)).send().await.unwrap();
        assert_eq!(page.status(), StatusCode::OK, "the accept page is public");
        assert!(page.text().await.unwrap().contains("This link no longer works"));
        let refused =
            app.call("accept_admin_invitation", &[("token", &token), ("password", "omar's long password")], None).await;
        assert_eq!(refused.status(), StatusCode::GONE);
    }
}
