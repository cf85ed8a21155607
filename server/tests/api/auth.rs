//! Admin sign-in: success, failure, throttling, sessions that live in the database.

use crate::helpers::*;
use reqwest::StatusCode;

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
async fn repeated_failures_lock_the_email_even_for_the_right_password() {
    for app in spawn_all().await {
        // Five failures in the window lock the email (the throttle's limit).
        for _ in 0..5 {
            assert!(app.sign_in(ADMIN_EMAIL, "wrong-password-here").await.is_err());
        }
        let response = app.sign_in(ADMIN_EMAIL, ADMIN_PASSWORD).await.expect_err("throttled");
        let body = response.text().await.unwrap();
        assert!(body.contains("TooManyAttempts"), "{:?}: {body}", app.backend);
        // Another admin email is not affected.
        let other = app.sign_in("someone@example.com", "whatever-password").await.unwrap_err();
        assert!(other.text().await.unwrap().contains("InvalidCredentials"));
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
