//! The app's pages by address: each path renders its page on the server, an unknown one is a 404 page.

use crate::helpers::*;
use reqwest::{header, StatusCode};

#[tokio::test]
async fn each_page_address_renders_its_page_and_an_unknown_one_is_not_found() {
    for app in spawn_all().await {
        let get = |path: &str| app.client.get(format!("{}{path}", app.address)).send();

        let sign_in = get("/sign-in?next=%2F%3Fq%3Dana").await.unwrap();
        assert_eq!(sign_in.status(), StatusCode::OK);
        let html = sign_in.text().await.unwrap();
        assert!(html.contains(r#"name="password""#), "{html}");
        // The `next` parameter reaches the form decoded (the server re-checks it before redirecting there).
        assert!(html.contains(r#"name="next" value="/?q=ana""#), "{html}");

        let learner = get("/learn/sign-in").await.unwrap();
        assert_eq!(learner.status(), StatusCode::OK);
        assert!(learner.text().await.unwrap().contains(r#"id="learner-email""#));

        let invite = get("/invite/not-a-real-token").await.unwrap();
        assert_eq!(invite.status(), StatusCode::OK);
        assert!(invite.text().await.unwrap().contains("sign-in-card"));

        // Unknown addresses are the admin's (the guard sends a visitor to sign in), and then a 404 page.
        let cookie = app.admin_cookie().await;
        let missing = app
            .client
            .get(format!("{}/no-such-page", app.address))
            .header(header::COOKIE, cookie)
            .send()
            .await
            .unwrap();
        assert_eq!(missing.status(), StatusCode::NOT_FOUND);
        assert!(missing.text().await.unwrap().contains("Page not found."));
    }
}
