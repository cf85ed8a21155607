//! Admin sign-in: success, failure, throttling, sessions that live in the database.

use crate::helpers::*;
use reqwest::StatusCode;
use sea_orm::ConnectionTrait;

#[tokio::test]
async fn the_right_password_opens_a_session_with_a_safe_cookie() {
    for app in spawn_all().await {
        let response = app.call("sign_in", &[("email", ADMIN_EMAIL), ("password", ADMIN_PASSWORD)], None).await;
        assert!(response.status().is_success() || response.status().is_redirection(), "{:?}", app.backend);
        let set_cookie = set_cookie_header(&response);
        assert!(set_cookie.contains("HttpOnly"), "{set_cookie}");
        assert!(set_cookie.contains("SameSite=Lax"), "{set_cookie}");
        assert!(!set_cookie.contains("Secure"), "plain http base URL: no Secure flag");
        let cookie = session_cookie(&response).expect("a session cookie");

        let me = app.call("current_admin", &[], Some(&cookie)).await;
        assert_eq!(me.status(), StatusCode::OK);
        assert_eq!(me.json::<String>().await.unwrap(), ADMIN_EMAIL);
    }
}

#[tokio::test]
async fn the_email_is_case_insensitive_at_sign_in() {
    for app in spawn_all().await {
        assert!(app.sign_in("ADMIN@Example.com", ADMIN_PASSWORD).await.is_ok(), "{:?}", app.backend);
    }
}

#[tokio::test]
async fn a_wrong_password_or_unknown_email_is_refused_alike() {
    for app in spawn_all().await {
        for (email, password) in [(ADMIN_EMAIL, "wrong-password-here"), ("nobody@example.com", ADMIN_PASSWORD)] {
            let response = app.sign_in(email, password).await.expect_err("must be refused");
            assert_eq!(response.status(), StatusCode::UNAUTHORIZED, "a client mistake, not a server error");
            let body = response.text().await.unwrap();
            assert!(body.contains("InvalidCredentials"), "{:?}: {body}", app.backend);
        }
    }
}

#[tokio::test]
async fn repeated_failures_are_answered_429_with_retry_after_and_other_emails_are_not_affected() {
    for app in spawn_all().await {
        // Five free guesses per account and address (service's throttle tests cover the rest).
        for _ in 0..5 {
            let refused = app.sign_in(ADMIN_EMAIL, "wrong-password-here").await.unwrap_err();
            assert_eq!(refused.status(), StatusCode::UNAUTHORIZED);
        }
        let response = app.sign_in(ADMIN_EMAIL, ADMIN_PASSWORD).await.expect_err("throttled");
        assert_eq!(response.status(), StatusCode::TOO_MANY_REQUESTS, "{:?}", app.backend);
        let retry_after: u64 = response.headers()["retry-after"].to_str().unwrap().parse().unwrap();
        assert!((1..=2).contains(&retry_after), "{retry_after}");
        let body = response.text().await.unwrap();
        assert!(body.contains("TooManyAttempts"), "{:?}: {body}", app.backend);
        // Another admin email is not affected.
        let other = app.sign_in("someone@example.com", "whatever-password").await.unwrap_err();
        assert!(other.text().await.unwrap().contains("InvalidCredentials"));
    }
}

#[tokio::test]
async fn the_proxy_header_names_the_client_when_configured() {
    for t in storage::testing::all().await {
        service::auth::create_admin(&t.db, ADMIN_EMAIL, ADMIN_PASSWORD).await.unwrap();
        let app = spawn_with(&t.url, t.backend, &[("CLIENT_IP_HEADER", "X-Forwarded-For")]).await;
        let attempt = |address: &'static str, password: &'static str| {
            app.client
                .post(format!("{}/api/sign_in", app.address))
                .header("origin", &app.address)
                .header("accept", "application/json")
                .header("x-forwarded-for", format!("10.9.9.9, {address}"))
                .form(&[("email", ADMIN_EMAIL), ("password", password)])
                .send()
        };
        for _ in 0..5 {
            assert_eq!(attempt("192.0.2.66", "wrong-password").await.unwrap().status(), StatusCode::UNAUTHORIZED);
        }
        assert_eq!(attempt("192.0.2.66", ADMIN_PASSWORD).await.unwrap().status(), StatusCode::TOO_MANY_REQUESTS);
        // Another client (the proxy's last entry) is another address.
        let other = attempt("192.0.2.7", ADMIN_PASSWORD).await.unwrap();
        assert!(session_cookie(&other).is_some(), "{:?}: {}", t.backend, other.status());
    }
}

#[tokio::test]
async fn over_long_fields_and_bodies_get_clear_answers() {
    for app in spawn_all().await {
        let long_email = format!("{}@example.com", "a".repeat(300));
        let response = app.sign_in(&long_email, ADMIN_PASSWORD).await.unwrap_err();
        assert_eq!(response.status(), StatusCode::BAD_REQUEST);
        assert!(response.text().await.unwrap().contains("TooLong"));

        let huge = "a".repeat(300 * 1024);
        let response = app.call("sign_in", &[("email", &huge), ("password", "x")], None).await;
        assert_eq!(response.status(), StatusCode::PAYLOAD_TOO_LARGE, "{:?}", app.backend);
        assert!(response.text().await.unwrap().contains("TooLarge"));

        let garbage = app
            .client
            .post(format!("{}/api/confirm_import", app.address))
            .header("origin", &app.address)
            .header("cookie", app.admin_cookie().await)
            .header("content-type", "application/json")
            .body("{not json")
            .send()
            .await
            .unwrap();
        assert_eq!(garbage.status(), StatusCode::BAD_REQUEST, "{:?}", app.backend);
        assert!(garbage.text().await.unwrap().contains("BadRequest"));
    }
}

#[tokio::test]
async fn a_session_works_on_another_server_instance_and_after_a_restart() {
    for first in spawn_all().await {
        let cookie = first.admin_cookie().await;
        let second = spawn_url(&first.db_url, first.backend).await;
        let me = second.call("current_admin", &[], Some(&cookie)).await;
        assert_eq!(me.status(), StatusCode::OK, "{:?}", first.backend);
    }
}

#[tokio::test]
async fn signing_in_again_replaces_the_session_id_and_signing_out_ends_it() {
    for app in spawn_all().await {
        let old = app.admin_cookie().await;
        let response = app.call("sign_in", &[("email", ADMIN_EMAIL), ("password", ADMIN_PASSWORD)], Some(&old)).await;
        let new = session_cookie(&response).unwrap();
        assert_ne!(old, new);
        assert_eq!(app.call("current_admin", &[], Some(&old)).await.status(), StatusCode::UNAUTHORIZED);

        let out = app.call("sign_out", &[], Some(&new)).await;
        assert!(out.status().is_success() || out.status().is_redirection());
        assert_eq!(app.call("current_admin", &[], Some(&new)).await.status(), StatusCode::UNAUTHORIZED);
    }
}

#[tokio::test]
async fn the_health_check_answers_when_the_database_is_reachable() {
    for app in spawn_all().await {
        let response = app.client.get(format!("{}/healthz", app.address)).send().await.unwrap();
        assert_eq!(response.status(), StatusCode::OK);
    }
}

#[tokio::test]
async fn an_expired_session_can_still_sign_out_and_loses_its_cookie() {
    for t in storage::testing::all().await {
        service::auth::create_admin(&t.db, ADMIN_EMAIL, ADMIN_PASSWORD).await.unwrap();
        let app = spawn_on(&t).await;
        let cookie = app.admin_cookie().await;
        // The session ends (as when its time is up) while the browser still holds the cookie.
        t.db.execute_unprepared("UPDATE sessions SET expires_at = '2000-01-01 00:00:00+00:00'").await.unwrap();
        let me = app.call("current_admin", &[], Some(&cookie)).await;
        assert_eq!(me.status(), StatusCode::UNAUTHORIZED, "{:?}", t.backend);
        let out = app.call("sign_out", &[], Some(&cookie)).await;
        assert!(out.status().is_success() || out.status().is_redirection(), "{:?}: {}", t.backend, out.status());
        let cleared = set_cookie_header(&out);
        assert!(cleared.starts_with("session=;") && cleared.contains("Max-Age=0"), "{cleared}");
    }
}

#[tokio::test]
async fn next_sends_only_to_paths_of_this_site_and_never_breaks_the_answer() {
    for app in spawn_all().await {
        for (next, expected) in [
            ("/\t/evil.example", "/"),
            ("//evil.example", "/"),
            ("https://evil.example/", "/"),
            ("/users?page=2", "/users?page=2"),
        ] {
            let response = app
                .call("sign_in", &[("email", ADMIN_EMAIL), ("password", ADMIN_PASSWORD), ("next", next)], None)
                .await;
            let location = response.headers().get("location").map(|v| v.to_str().unwrap().to_owned());
            assert_eq!(location.as_deref(), Some(expected), "{:?}: next={next:?}", app.backend);
        }
        // A control character in `next` once made the redirect panic after the session was created.
        let response = app
            .call("sign_in", &[("email", ADMIN_EMAIL), ("password", ADMIN_PASSWORD), ("next", "/a\u{1}b\u{7f}")], None)
            .await;
        assert!(response.status().is_success() || response.status().is_redirection(), "{}", response.status());
        let location = response.headers()["location"].to_str().unwrap().to_owned();
        assert!(location.starts_with("/a") && location.bytes().all(|b| b.is_ascii_graphic()), "{location:?}");
    }
}
