//! `/metrics` for the operator: closed without its token, and with it the figures of what just happened (a
//! request by route, an import and its rows, the invitation queue it filled, its delivery, the password-hashing gate).

use crate::helpers::*;
use reqwest::{header, StatusCode};
use serde_json::json;

const TOKEN: &str = "metrics-token-for-the-tests-0123";

/// The value of the first sample of `name` whose labels contain `labels`.
fn sample(text: &str, name: &str, labels: &str) -> Option<f64> {
    text.lines()
        .filter(|line| line.starts_with(name) && line[name.len()..].starts_with(['{', ' ']))
        .find(|line| line.contains(labels))
        .and_then(|line| line.rsplit(' ').next())
        .and_then(|value| value.parse().ok())
}

#[tokio::test]
async fn the_metrics_need_their_token_and_show_imports_queues_deliveries_and_requests() {
    let t = storage::testing::sqlite().await;
    service::auth::create_admin(&t.db, ADMIN_EMAIL, ADMIN_PASSWORD).await.unwrap();
    let app = spawn_with(&t.url, t.backend, &[("METRICS_TOKEN", TOKEN)]).await;
    let scrape = |token: Option<&'static str>| {
        let mut request = app.client.get(format!("{}/metrics", app.address));
        if let Some(token) = token {
            request = request.header(header::AUTHORIZATION, format!("Bearer {token}"));
        }
        request.send()
    };

    assert_eq!(scrape(None).await.unwrap().status(), StatusCode::UNAUTHORIZED);
    assert_eq!(scrape(Some("metrics-token-for-the-tests-0124")).await.unwrap().status(), StatusCode::UNAUTHORIZED);
    // An admin's session opens nothing here either.
    let cookie = app.admin_cookie().await;
    let with_cookie = app.client.get(format!("{}/metrics", app.address)).header(header::COOKIE, &cookie);
    assert_eq!(with_cookie.send().await.unwrap().status(), StatusCode::UNAUTHORIZED);

    let before = scrape(Some(TOKEN)).await.unwrap().text().await.unwrap();
    let imports_before = sample(&before, "imports_total", "").unwrap_or(0.0);
    assert_eq!(sample(&before, "invitation_queue_depth", r#"queue="learners""#), Some(0.0), "{before}");
    assert_eq!(sample(&before, "invitation_queue_depth", r#"queue="notices""#), Some(0.0), "{before}");

    let request = json!({
        "request_id": "metrics-1",
        "file_name": "learners.csv",
        "file_sha256": "cd".repeat(32),
        "rows": [
            {"row": 2, "values": ["Ana", "Roux", "ana.metrics@example.org", "", "FR", "fr"]},
            {"row": 3, "values": ["Luc", "Roux", "luc.metrics@example.org", "", "FR", "fr"]},
        ],
        "send_invitations": true,
        "ignore_errors": false,
    });
    let confirmed = app.confirm_import(&cookie, request).await;
    assert_eq!(confirmed.status(), StatusCode::OK);

    let response = scrape(Some(TOKEN)).await.unwrap();
    assert_eq!(response.status(), StatusCode::OK);
    assert!(response.headers()[header::CONTENT_TYPE].to_str().unwrap().starts_with("text/plain"));
    let text = response.text().await.unwrap();
    // Other tests of this binary import too (one recorder per process): the count grew by at least this one.
    assert!(sample(&text, "imports_total", "").unwrap() >= imports_before + 1.0, "{text}");
    assert!(sample(&text, "import_rows_total", r#"outcome="created""#).unwrap() >= 2.0, "{text}");
    // No worker runs in this test app: the two invitations wait.
    assert_eq!(sample(&text, "invitation_queue_depth", r#"queue="learners""#), Some(2.0), "{text}");
    assert!(sample(&text, "invitation_queue_oldest_seconds", r#"queue="learners""#).is_some(), "{text}");
    assert!(sample(&text, "password_hashing_slots", "").unwrap() >= 1.0, "{text}");
    // Requests are labelled by the route they matched, never by the raw address.
    assert!(sample(&text, "http_requests_total", r#"route="/api/confirm_import""#).unwrap() >= 1.0, "{text}");
    assert!(text.contains("http_request_duration_seconds_bucket"), "{text}");

    // The delivery worker (in this process, so on the same recorder) sends both to a real SMTP server.
    let sent_before = sample(&text, "invitations_delivered_total", r#"result="sent""#).unwrap_or(0.0);
    let sink = delivery::testing::Sink::start();
    let from = "Portal <portal@example.org>".parse().unwrap();
    let worker = delivery::Worker::new(
        t.db.clone(),
        delivery::Mailer::smtp(&sink.url(), 2).unwrap(),
        delivery::DeliveryConfig::new(&app.address, "Portal", from),
    );
    assert_eq!(worker.run_once().await.unwrap(), 2);
    assert_eq!(sink.messages().len(), 2);
    let text = scrape(Some(TOKEN)).await.unwrap().text().await.unwrap();
    let sent = sample(&text, "invitations_delivered_total", r#"queue="learners",result="sent""#).unwrap();
    assert!(sent >= sent_before + 2.0, "{text}");
    assert_eq!(sample(&text, "invitation_queue_depth", r#"queue="learners""#), Some(0.0), "{text}");
}

#[tokio::test]
async fn without_a_token_configured_there_are_no_metrics() {
    let t = storage::testing::sqlite().await;
    let app = spawn_with(&t.url, t.backend, &[]).await;
    let response = app.client.get(format!("{}/metrics", app.address)).send().await.unwrap();
    assert_ne!(response.status(), StatusCode::OK);
}
