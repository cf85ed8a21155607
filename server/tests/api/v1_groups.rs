//! `GET /api/v1/groups` and the groups and statuses of `GET /api/v1/users`, on SQLite and PostgreSQL: every group
//! with its id, name and member count; `group=` takes a name, case and accents aside, and filters by it; each
//! learner carries their groups and status, Suspended included.

use reqwest::{Method, StatusCode};
use sea_orm::ConnectionTrait;
use serde_json::Value;

use crate::helpers::*;
use crate::v1::{api, db, import, token};

async fn get(app: &TestApp, token: &str, path: &str) -> Value {
    let response = api(app, Method::GET, path, Some(token)).send().await.unwrap();
    assert_eq!(response.status(), StatusCode::OK, "{path} on {:?}", app.backend);
    response.json().await.unwrap()
}

fn emails(page: &Value) -> Vec<&str> {
    page["users"].as_array().expect("users").iter().map(|u| u["email"].as_str().unwrap_or("")).collect()
}

#[tokio::test]
async fn groups_are_listed_and_filter_the_users_by_name_and_each_user_carries_groups_and_status() {
    for app in spawn_all().await {
        let db = db(&app).await;
        let good = token(&db).await;
        let csv = "firstname,lastname,email,identifier,country,language,groups\n\
                   Ana,Roux,ana@example.fr,,FR,fr,3ème B|Élite\n\
                   Bob,Roux,bob@example.fr,,FR,fr,3ème B\n\
                   Cid,Roux,cid@example.fr,,FR,fr,\n";
        let created = import(&app, &good, "send_invitations=false", csv, None).await;
        assert_eq!(created.status(), StatusCode::CREATED, "{:?}", app.backend);

        let groups = get(&app, &good, "/api/v1/groups").await;
        let listed: Vec<(&str, u64)> = groups["groups"]
            .as_array()
            .expect("groups")
            .iter()
            .map(|g| (g["name"].as_str().unwrap_or(""), g["members"].as_u64().unwrap_or(99)))
            .collect();
        assert_eq!(listed, [("3ème B", 2), ("Élite", 1)], "{:?}: {groups}", app.backend);
        assert!(groups["groups"][0]["id"].as_i64().is_some_and(|id| id > 0));

        // By name, case and accents aside, percent-encoded as a script writes it.
        let members = get(&app, &good, "/api/v1/users?group=3EME+b").await;
        assert_eq!(emails(&members), ["bob@example.fr", "ana@example.fr"], "{:?}", app.backend);
        assert_eq!(members["total"], 2);
        let ana = &members["users"][1];
        assert_eq!(ana["groups"], serde_json::json!(["3ème B", "Élite"]), "{ana}");
        assert_eq!(ana["status"], "Pending");
        let everyone = get(&app, &good, "/api/v1/users").await;
        assert_eq!(everyone["users"][0]["groups"], serde_json::json!([]), "Cid has none");

        // Suspended is a status the API shows and filters by.
        db.execute_unprepared(
            "UPDATE users SET status_before = status, status = 'Suspended' WHERE email = 'bob@example.fr'",
        )
        .await
        .unwrap();
        let suspended = get(&app, &good, "/api/v1/users?status=Suspended&group=%C3%A9lite").await;
        assert!(emails(&suspended).is_empty(), "Bob is not in Élite");
        let suspended = get(&app, &good, "/api/v1/users?status=Suspended").await;
        assert_eq!(emails(&suspended), ["bob@example.fr"]);
        assert_eq!(suspended["users"][0]["status"], "Suspended");

        // An unknown group is a 400 naming `group`, never the whole list.
        let response = api(&app, Method::GET, "/api/v1/users?group=4C", Some(&good)).send().await.unwrap();
        assert_eq!(response.status(), StatusCode::BAD_REQUEST);
        let body: Value = response.json().await.unwrap();
        assert!(body["detail"].as_str().unwrap_or("").starts_with("group must be"), "{body}");

        // The groups route needs a token like every other.
        let anonymous = api(&app, Method::GET, "/api/v1/groups", None).send().await.unwrap();
        assert_eq!(anonymous.status(), StatusCode::UNAUTHORIZED);
    }
}

#[tokio::test]
async fn the_openapi_document_describes_the_groups_route_and_the_group_parameter() {
    for app in spawn_all().await {
        let document: Value =
            app.client.get(format!("{}/api/v1/openapi.json", app.address)).send().await.unwrap().json().await.unwrap();
        assert!(document["paths"]["/api/v1/groups"]["get"].is_object(), "{:?}", app.backend);
        let params = document["paths"]["/api/v1/users"]["get"]["parameters"].as_array().expect("parameters");
        assert!(params.iter().any(|p| p["name"] == "group"));
        let user = &document["components"]["schemas"]["User"]["properties"];
        assert!(user["groups"].is_object() && user["status"].is_object(), "{user}");
    }
}
