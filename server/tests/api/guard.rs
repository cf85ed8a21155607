//! The authorisation guard on every admin page and server function, and the cross-site refusal.

use crate::helpers::*;
use reqwest::{header, StatusCode};

#[tokio::test]
async fn every_admin_server_function_refuses_a_request_without_a_session() {
    let paths: Vec<String> = server_fn::axum::server_fn_paths().map(|(path, _)| path.to_owned()).collect();
    // The list really is the app's: a registration problem must not make this test pass vacuously.
    for expected in [
        "/api/list_users",
        "/api/current_admin",
        "/api/sign_out",
        "/api/sign_in",
        "/api/existing_users",
        "/api/confirm_import",
        "/api/import_history",
        "/api/load_import",
        "/api/preview_undo",
        "/api/undo_import",
        "/api/find_earlier_import",
        "/api/add_user",
        "/api/edit_user",
        "/api/delete_user",
        "/api/activity_log",
        "/api/activity_admins",
        "/api/bulk_count",
        "/api/bulk_apply",
        "/api/list_admins",
        "/api/remove_admin",
        "/api/change_password",
        "/api/my_sessions",
        "/api/end_session",
        "/api/list_tokens",
        "/api/create_token",
        "/api/revoke_token",
        "/api/list_admin_invitations",
        "/api/invite_admin",
        "/api/cancel_admin_invitation",
        "/api/admin_invitation_link",
        "/api/accept_admin_invitation",
    ] {
        assert!(paths.iter().any(|p| p == expected), "{expected} not registered: {paths:?}");
    }
    for app in spawn_all().await {
        for path in &paths {
            if server::guard::is_public(path) {
                continue;
            }
            let name = path.trim_start_matches("/api/");
            let response = app.call(name, &[], None).await;
            assert_eq!(response.status(), StatusCode::UNAUTHORIZED, "{path} on {:?}", app.backend);
            assert!(response.text().await.unwrap().contains("Unauthorized"));
            let forged = app.call(name, &[], Some("session=forged-token")).await;
            assert_eq!(forged.status(), StatusCode::UNAUTHORIZED, "{path} with a forged session");
        }
    }
}

#[tokio::test]
async fn an_admin_page_sends_a_visitor_to_the_sign_in_page() {
    for app in spawn_all().await {
        let response = app.client.get(format!("{}/?q=x", app.address)).send().await.unwrap();
        assert!(response.status().is_redirection());
        let location = response.headers()[header::LOCATION].to_str().unwrap();
        assert!(location.starts_with("/sign-in?next="), "{location}");

        let cookie = app.admin_cookie().await;
        let page = app.client.get(&app.address).header(header::COOKIE, cookie).send().await.unwrap();
        assert_eq!(page.status(), StatusCode::OK);
        assert!(page.text().await.unwrap().contains("Add users"));
    }
}

#[tokio::test]
async fn a_mutating_request_from_another_site_is_refused() {
    for app in spawn_all().await {
        let cookie = app.admin_cookie().await;
        for name in ["list_users", "sign_out", "sign_in"] {
            let response = app
                .client
                .post(format!("{}/api/{name}", app.address))
                .header(header::ORIGIN, "https://evil.example")
                .header(header::COOKIE, &cookie)
                .form(&[("search", ""), ("email", ADMIN_EMAIL), ("password", ADMIN_PASSWORD)])
                .send()
                .await
                .unwrap();
            assert_eq!(response.status(), StatusCode::FORBIDDEN, "{name} on {:?}", app.backend);
            assert!(response.text().await.unwrap().contains("CrossSite"));
        }
        // The same call from the app's own origin goes through: the refusal is about the origin.
        let ok = app.call("import_history", &[], Some(&cookie)).await;
        assert_eq!(ok.status(), StatusCode::OK);
    }
}

#[tokio::test]
async fn a_request_for_another_host_is_refused_but_the_health_check_answers() {
    for app in spawn_all().await {
        let cookie = app.admin_cookie().await;
        // A DNS-rebinding page reaches this server under its own name, with a matching Origin.
        let rebound = app
            .client
            .post(format!("{}/api/list_users", app.address))
            .header(header::HOST, "evil.example")
            .header(header::ORIGIN, "http://evil.example")
            .header(header::COOKIE, &cookie)
            .form(&[("search", "")])
            .send()
            .await
            .unwrap();
        assert_eq!(rebound.status(), StatusCode::MISDIRECTED_REQUEST, "{:?}", app.backend);
        let page = app.client.get(&app.address).header(header::HOST, "evil.example").send().await.unwrap();
        assert_eq!(page.status(), StatusCode::MISDIRECTED_REQUEST);
        let health = app.client.get(format!("{}/healthz", app.address)).header(header::HOST, "10.1.2.3").send();
        assert_eq!(health.await.unwrap().status(), StatusCode::OK);
    }
}
