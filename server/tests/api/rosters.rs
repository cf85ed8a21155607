//! Rosters through the API, on SQLite and PostgreSQL: a sync refused by the safety threshold (a 422 problem with
//! `sync.too_many_removals`, nothing written) until `allow_removals` allows it, the threshold read from
//! `SYNC_MAX_REMOVALS_PERCENT`, and the import's record with its mode, counts and changes.

use reqwest::StatusCode;
use serde_json::Value;

use crate::helpers::*;
use crate::v1::{count, db, import, problem, token};

const HEADER: &str = "firstname,lastname,email,identifier,country,language,groups\n";

#[tokio::test]
async fn a_sync_past_the_threshold_is_a_422_until_the_removals_are_allowed() {
    let mut apps = Vec::new();
    for t in storage::testing::all().await {
        service::auth::create_admin(&t.db, ADMIN_EMAIL, ADMIN_PASSWORD).await.unwrap();
        apps.push(spawn_with(&t.url, t.backend, &[("SYNC_MAX_REMOVALS_PERCENT", "60")]).await);
    }
    for app in apps {
        let db = db(&app).await;
        let good = token(&db).await;
        let rows: String = (0..10).map(|i| format!("Ana,Roux,a{i}@example.org,S-{i},FR,fr,7A\n")).collect();
        let created = import(&app, &good, "send_invitations=false", &format!("{HEADER}{rows}"), None).await;
        assert_eq!(created.status(), StatusCode::CREATED);
        let term = format!("{HEADER}Ana,Durand,a0@example.org,S-0,FR,fr,\nAna,Roux,a1@example.org,S-1,FR,fr,\n");
        // 8 of 10 would leave: more than 60 % and more than 5.
        let imports_before = count(&db, "SELECT COUNT(*) FROM imports").await;
        let (status, body) = problem(import(&app, &good, "mode=sync&group=7A", &term, None).await).await;
        assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "{body}");
        assert_eq!(body["code"], "sync.too_many_removals", "{body}");
        assert!(body["detail"].as_str().unwrap_or("").contains("8 of the group's 10 members"), "{body}");
        assert_eq!(count(&db, "SELECT COUNT(*) FROM imports").await, imports_before, "nothing written");
        let short = import(&app, &good, "mode=sync&group=7A&allow_removals=7", &term, None).await;
        assert_eq!(short.status(), StatusCode::UNPROCESSABLE_ENTITY);

        let done = import(&app, &good, "mode=sync&group=7A&allow_removals=8", &term, None).await;
        assert_eq!(done.status(), StatusCode::CREATED);
        let outcome: Value = done.json().await.unwrap();
        assert_eq!(
            (outcome["updated"].as_u64(), outcome["unchanged"].as_u64(), outcome["removed"].as_u64()),
            (Some(1), Some(1), Some(8))
        );
        assert_eq!(outcome["rows"][0]["outcome"], "updated");
        assert_eq!(outcome["rows"][0]["changes"][0]["new"], "Durand");
        let id = outcome["import_id"].as_i64().expect("an id");
        let record: Value = crate::v1::api(&app, reqwest::Method::GET, &format!("/api/v1/imports/{id}"), Some(&good))
            .send()
            .await
            .unwrap()
            .json()
            .await
            .unwrap();
        assert_eq!((record["mode"].as_str(), record["sync_group"].as_str()), (Some("sync"), Some("7A")), "{record}");
        assert_eq!(record["removed"], 8);
        assert_eq!(record["rows"][0]["changes"][0]["old"], "Roux");
        let members: Value = crate::v1::api(&app, reqwest::Method::GET, "/api/v1/users?group=7a", Some(&good))
            .send()
            .await
            .unwrap()
            .json()
            .await
            .unwrap();
        assert_eq!(members["users"].as_array().map(Vec::len), Some(2), "{members}");
    }
}
