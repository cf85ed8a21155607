//! The HTTP API (`/api/v1`) as a school's script meets it: every route with no token, a wrong, an expired, a
//! revoked and a good one; imports and their dry runs against `server check --json` for each of the rules' test
//! files; retries with an `Idempotency-Key`, also at once; the OpenAPI document checked by registry validators
//! against the answers the routes really give. On SQLite and PostgreSQL.

use std::process::Command;

use chrono::{Duration, Utc};
use reqwest::{header, Method, RequestBuilder, Response, StatusCode};
use serde_json::{json, Value};
use storage::DatabaseConnection;

use crate::helpers::*;

#[path = "../../../app/rules/tests/corpus/mod.rs"]
mod corpus;

pub(super) const HEADER: &str = "firstname,lastname,email,identifier,country,language\n";

pub(super) async fn db(app: &TestApp) -> DatabaseConnection {
    storage::connect(&app.db_url).await.expect("the app's database")
}

async fn admin_id(db: &DatabaseConnection) -> i64 {
    storage::admins::find_by_email(db, ADMIN_EMAIL).await.unwrap().expect("the admin").id
}

/// A live token of the admin, through the service (as the settings page makes one).
pub(super) async fn token(db: &DatabaseConnection) -> String {
    let actor = domain::Actor::admin(admin_id(db).await);
    service::tokens::create(db, actor, "tests", None).await.expect("a token").secret
}

pub(super) fn api(app: &TestApp, method: Method, path: &str, token: Option<&str>) -> RequestBuilder {
    let request = app.client.request(method, format!("{}{path}", app.address));
    match token {
        Some(token) => request.bearer_auth(token),
        None => request,
    }
}

pub(super) async fn import(app: &TestApp, token: &str, query: &str, csv: &str, key: Option<&str>) -> Response {
    let mut request = api(app, Method::POST, &format!("/api/v1/imports?{query}"), Some(token))
        .header(header::CONTENT_TYPE, "text/csv");
    if let Some(key) = key {
        request = request.header("Idempotency-Key", key);
    }
    request.body(csv.to_owned()).send().await.unwrap()
}

pub(super) async fn problem(response: Response) -> (StatusCode, Value) {
    let status = response.status();
    let kind = response.headers().get(header::CONTENT_TYPE).and_then(|v| v.to_str().ok()).unwrap_or("").to_owned();
    assert_eq!(kind, "application/problem+json", "{status}");
    (status, response.json().await.unwrap())
}

pub(super) async fn count(db: &DatabaseConnection, sql: &str) -> i64 {
    use sea_orm::{ConnectionTrait, Statement};
    let row = db.query_one_raw(Statement::from_string(db.get_database_backend(), sql)).await.unwrap().expect("a row");
    row.try_get_by_index::<i64>(0).unwrap()
}

#[tokio::test]
async fn every_route_says_which_token_problem_it_has_and_takes_a_good_token() {
    for app in spawn_all().await {
        let db = db(&app).await;
        let admin = admin_id(&db).await;
        let good = token(&db).await;
        let revoked = service::tokens::create(&db, domain::Actor::admin(admin), "revoked", Some(30)).await.unwrap();
        service::tokens::revoke(&db, domain::Actor::admin(admin), revoked.token.id).await.unwrap();
        let expired = format!("bi_{}", storage::tokens::new_token());
        let past = Utc::now() - Duration::days(2);
        let hash = storage::tokens::hash_token(&expired);
        storage::api_tokens::create(&db, admin, "expired", &hash, past, Some(past + Duration::days(1))).await.unwrap();
        let wrong = format!("bi_{}", storage::tokens::new_token());

        let csv = format!("{HEADER}Ana,Roux,ana@example.fr,,FR,fr\n");
        let good_import = import(&app, &good, "send_invitations=false", &csv, None).await;
        assert_eq!(good_import.status(), StatusCode::CREATED, "{:?}", app.backend);
        let id = good_import.json::<Value>().await.unwrap()["import_id"].as_i64().expect("an id");

        let routes = [
            (Method::POST, "/api/v1/imports?dry_run=true".to_owned()),
            (Method::GET, format!("/api/v1/imports/{id}")),
            (Method::GET, "/api/v1/users".to_owned()),
        ];
        for (method, path) in &routes {
            let cases: [(Option<&str>, &str); 5] = [
                (None, "token-missing"),
                (Some("not-a-token"), "token-wrong"),
                (Some(&wrong), "token-wrong"),
                (Some(&expired), "token-expired"),
                (Some(&revoked.secret), "token-revoked"),
            ];
            for (token, kind) in cases {
                let response = api(&app, method.clone(), path, token).body(csv.clone()).send().await.unwrap();
                let challenge = response.headers().get(header::WWW_AUTHENTICATE).cloned();
                let (status, body) = problem(response).await;
                assert_eq!(status, StatusCode::UNAUTHORIZED, "{method} {path} {kind} {:?}", app.backend);
                assert_eq!(body["type"], format!("/api/v1/problems/{kind}"), "{method} {path}");
                assert_eq!(body["status"], 401);
                assert!(challenge.is_some_and(|c| c.to_str().unwrap().starts_with("Bearer")), "{method} {path}");
                // The same words whoever's token it was: nothing says whether an admin exists.
                assert!(!body.to_string().contains(ADMIN_EMAIL));
            }
            let response = api(&app, method.clone(), path, Some(&good)).body(csv.clone()).send().await.unwrap();
            assert_eq!(response.status(), StatusCode::OK, "{method} {path} with a good token, {:?}", app.backend);
        }
        // Every refused request left the database as it was: one import, one user.
        assert_eq!(count(&db, "SELECT COUNT(*) FROM imports").await, 1);
        assert_eq!(count(&db, "SELECT COUNT(*) FROM users").await, 1);
    }
}

#[tokio::test]
async fn a_session_opens_no_api_route_and_a_token_opens_no_page() {
    for app in spawn_all().await {
        let db = db(&app).await;
        let good = token(&db).await;
        let cookie = app.admin_cookie().await;
        let response = app.client.get(format!("{}/api/v1/users", app.address)).header(header::COOKIE, &cookie).send();
        let (status, body) = problem(response.await.unwrap()).await;
        assert_eq!((status, body["type"].as_str()), (StatusCode::UNAUTHORIZED, Some("/api/v1/problems/token-missing")));

        for page in ["/", "/history", "/admins", "/activity", "/users/export.csv"] {
            let response = api(&app, Method::GET, page, Some(&good)).send().await.unwrap();
            assert!(response.status().is_redirection(), "{page} with a token: {}", response.status());
        }
        let response = api(&app, Method::POST, "/api/list_users", Some(&good))
            .header(header::ORIGIN, &app.address)
            .form(&[("query", "")])
            .send()
            .await
            .unwrap();
        assert_eq!(response.status(), StatusCode::UNAUTHORIZED, "a server function with a token");
    }
}

/// `server check --json` on a file, against the app's database.
fn check_json(app: &TestApp, bytes: &[u8], lang: &str) -> Value {
    let dir = std::env::temp_dir().join(format!("api-parity-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let path = dir.join("file.csv");
    std::fs::write(&path, bytes).unwrap();
    let output = Command::new(env!("CARGO_BIN_EXE_server"))
        .current_dir(&dir)
        .args(["check", path.to_str().unwrap(), "--json", "--lang", lang])
        .env("DATABASE_URL", &app.db_url)
        .env("RUST_LOG", "off")
        .output()
        .expect("run server check");
    serde_json::from_slice(&output.stdout)
        .unwrap_or_else(|e| panic!("{e}: {}", String::from_utf8_lossy(&output.stderr)))
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_dry_run_answers_what_server_check_json_prints_for_every_test_file() {
    for app in spawn_all().await {
        let db = db(&app).await;
        let good = token(&db).await;
        // The users the rules' expectations count as existing, so `email.exists` and `identifier.exists` show.
        let existing = format!("{HEADER}Exi,Sting,a@example.fr,id-1,FR,fr\n");
        assert_eq!(import(&app, &good, "send_invitations=false", &existing, None).await.status(), StatusCode::CREATED);

        let mut files: Vec<(String, Vec<u8>)> =
            corpus::fixtures().into_iter().map(|(name, bytes)| (name.to_owned(), bytes)).collect();
        files.extend((0..600).step_by(5).map(|seed| (format!("generated {seed}"), corpus::generated(seed))));
        for (name, bytes) in &files {
            for lang in ["en", "fr"] {
                let response = api(
                    &app,
                    Method::POST,
                    &format!("/api/v1/imports?dry_run=true&lang={lang}&file_name=file.csv"),
                    Some(&good),
                )
                .header(header::CONTENT_TYPE, "text/csv")
                .body(bytes.clone())
                .send()
                .await
                .unwrap();
                assert_eq!(response.status(), StatusCode::OK, "{name}");
                let answer: Value = response.json().await.unwrap();
                assert_eq!(answer, check_json(&app, bytes, lang), "{name} in {lang}, {:?}", app.backend);
            }
        }
        assert_eq!(count(&db, "SELECT COUNT(*) FROM imports").await, 1, "a dry run writes nothing");
    }
}

#[tokio::test]
async fn an_api_import_runs_like_the_confirm_and_is_in_the_history_and_the_log() {
    for app in spawn_all().await {
        let db = db(&app).await;
        let good = token(&db).await;
        let with_error = format!("{HEADER}Ana,Roux,ana@example.fr,,FR,fr\nLuc,Roux,luc@,,FR,fr\n");

        let (status, refused) = problem(import(&app, &good, "", &with_error, None).await).await;
        assert_eq!(
            (status, refused["type"].as_str()),
            (StatusCode::UNPROCESSABLE_ENTITY, Some("/api/v1/problems/rows-invalid"))
        );
        assert_eq!(refused["errors"][0]["row"], 3);
        assert_eq!(refused["errors"][0]["problems"][0]["code"], "email.invalid");
        assert_eq!(count(&db, "SELECT COUNT(*) FROM users").await, 0, "{:?}: refused, nothing written", app.backend);

        let (status, file) = problem(import(&app, &good, "", "firstname,email\nAna,a@example.fr\n", None).await).await;
        assert_eq!((status, file["code"].as_str()), (StatusCode::UNPROCESSABLE_ENTITY, Some("file.missing_columns")));

        let response = import(&app, &good, "ignore_errors=true&file_name=classe.csv", &with_error, None).await;
        assert_eq!(response.status(), StatusCode::CREATED);
        let location = response.headers()[header::LOCATION].to_str().unwrap().to_owned();
        let outcome: Value = response.json().await.unwrap();
        assert_eq!((outcome["created"].as_u64(), outcome["skipped"].as_u64()), (Some(1), Some(1)));
        assert_eq!(location, format!("/api/v1/imports/{}", outcome["import_id"]));

        let record: Value = api(&app, Method::GET, &format!("{location}?lang=fr"), Some(&good))
            .send()
            .await
            .unwrap()
            .json()
            .await
            .unwrap();
        assert_eq!(record["file_name"], "classe.csv");
        assert_eq!((record["added"].as_u64(), record["with_errors"].as_u64()), (Some(1), Some(1)));
        assert_eq!(record["invitations"]["queued"], 1, "invitations are sent by default");
        assert_eq!(record["rows"][1]["problems"][0]["code"], "email.invalid");
        assert!(
            record["rows"][1]["problems"][0]["message"].as_str().unwrap().contains("Adresse e-mail"),
            "in French: {record}"
        );
        let (status, _) =
            problem(api(&app, Method::GET, "/api/v1/imports/999999", Some(&good)).send().await.unwrap()).await;
        assert_eq!(status, StatusCode::NOT_FOUND);

        // The log names the admin and the token, once.
        let token_id = count(&db, "SELECT MAX(id) FROM api_tokens").await;
        let sql = format!("SELECT COUNT(*) FROM activity WHERE action = 'import' AND token_id = {token_id}");
        assert_eq!(count(&db, &sql).await, 1, "{:?}", app.backend);

        let users: Value = api(&app, Method::GET, "/api/v1/users?q=ROUX&language=fr", Some(&good))
            .send()
            .await
            .unwrap()
            .json()
            .await
            .unwrap();
        assert_eq!(users["users"][0]["email"], "ana@example.fr");
        assert_eq!((users["total"].as_u64(), users["total_is_lower_bound"].as_bool()), (Some(1), Some(false)));
        assert_eq!(users["users"][0]["invitation"], "queued");

        let (status, _) = problem(
            api(&app, Method::POST, "/api/v1/imports", Some(&good))
                .header(header::CONTENT_TYPE, "application/json")
                .body("{}")
                .send()
                .await
                .unwrap(),
        )
        .await;
        assert_eq!(status, StatusCode::UNSUPPORTED_MEDIA_TYPE);
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_retried_import_with_the_same_key_imports_once_also_at_once() {
    for app in spawn_all().await {
        let db = db(&app).await;
        let good = token(&db).await;
        let csv = format!("{HEADER}Ana,Roux,ana@example.fr,,FR,fr\nLuc,Roux,luc@example.fr,,FR,fr\n");

        let first = import(&app, &good, "", &csv, Some("key-1")).await;
        assert_eq!(first.status(), StatusCode::CREATED);
        let first: Value = first.json().await.unwrap();
        let again = import(&app, &good, "", &csv, Some("key-1")).await;
        assert_eq!(again.status(), StatusCode::CREATED);
        assert_eq!(again.json::<Value>().await.unwrap(), first, "{:?}: the first outcome again", app.backend);

        let other = format!("{HEADER}Zoé,Roux,zoe@example.fr,,FR,fr\n");
        let (status, body) = problem(import(&app, &good, "", &other, Some("key-1")).await).await;
        assert_eq!(
            (status, body["type"].as_str()),
            (StatusCode::CONFLICT, Some("/api/v1/problems/idempotency-key-reused"))
        );

        // Ten rounds of two identical requests at once: each round imports once and both answer its outcome.
        for round in 0..10 {
            let csv = format!("{HEADER}Mia,Roux,mia{round}@example.fr,,FR,fr\n");
            let key = format!("parallel-{round}");
            let (a, b) =
                tokio::join!(import(&app, &good, "", &csv, Some(&key)), import(&app, &good, "", &csv, Some(&key)));
            assert_eq!((a.status(), b.status()), (StatusCode::CREATED, StatusCode::CREATED), "round {round}");
            let (a, b): (Value, Value) = (a.json().await.unwrap(), b.json().await.unwrap());
            assert_eq!(a["import_id"], b["import_id"], "{:?} round {round}", app.backend);
        }
        assert_eq!(count(&db, "SELECT COUNT(*) FROM imports").await, 11);
        assert_eq!(count(&db, "SELECT COUNT(*) FROM users").await, 12);
        assert_eq!(count(&db, "SELECT COUNT(*) FROM activity WHERE action = 'import'").await, 11);

        let (status, _) = problem(import(&app, &good, "", &csv, Some("spaces are not allowed")).await).await;
        assert_eq!(status, StatusCode::BAD_REQUEST);
    }
}

#[tokio::test]
async fn the_openapi_document_is_valid_and_every_route_answers_as_it_describes() {
    for app in spawn_all().await {
        let db = db(&app).await;
        let good = token(&db).await;
        let document: Value =
            app.client.get(format!("{}/api/v1/openapi.json", app.address)).send().await.unwrap().json().await.unwrap();
        assert_eq!(document["openapi"], "3.1.0");

        // One request per declared answer that a script can cause, recorded with what came back.
        let csv = format!("{HEADER}Ana,Roux,ana@example.fr,,FR,fr\n");
        let bad = format!("{HEADER}Luc,Roux,luc@,,FR,fr\n");
        let created = import(&app, &good, "", &csv, None).await;
        let id = created.headers()[header::LOCATION].to_str().unwrap().rsplit('/').next().unwrap().to_owned();
        let imports = "/api/v1/imports";
        let show = "/api/v1/imports/{id}";
        let mut answers = vec![
            record(
                show.replace("{id}", &id).as_str(),
                show,
                "get",
                api(&app, Method::GET, &format!("/api/v1/imports/{id}"), Some(&good)),
            )
            .await,
        ];
        let requests: Vec<(&str, &str, RequestBuilder)> = vec![
            (imports, "post", api(&app, Method::POST, "/api/v1/imports?dry_run=true", Some(&good)).body(bad.clone())),
            (
                imports,
                "post",
                api(&app, Method::POST, "/api/v1/imports", Some(&good))
                    .body(format!("{HEADER}Zoé,Roux,zoe@example.fr,,FR,fr\n")),
            ),
            (imports, "post", api(&app, Method::POST, "/api/v1/imports?dry_run=maybe", Some(&good)).body(csv.clone())),
            (imports, "post", api(&app, Method::POST, "/api/v1/imports", None).body(csv.clone())),
            (
                imports,
                "post",
                api(&app, Method::POST, "/api/v1/imports", Some(&good))
                    .header("Idempotency-Key", "k")
                    .body(format!("{HEADER}Kim,Roux,kim@example.fr,,FR,fr\n")),
            ),
            (
                imports,
                "post",
                api(&app, Method::POST, "/api/v1/imports", Some(&good))
                    .header("Idempotency-Key", "k")
                    .body(bad.clone()),
            ),
            (
                imports,
                "post",
                api(&app, Method::POST, "/api/v1/imports", Some(&good)).body(vec![b'a'; 5 * 1024 * 1024]),
            ),
            (
                imports,
                "post",
                api(&app, Method::POST, "/api/v1/imports", Some(&good))
                    .header(header::CONTENT_TYPE, "image/png")
                    .body(csv.clone()),
            ),
            (imports, "post", api(&app, Method::POST, "/api/v1/imports", Some(&good)).body(bad.clone())),
            (show, "get", api(&app, Method::GET, "/api/v1/imports/424242", Some(&good))),
            (show, "get", api(&app, Method::GET, "/api/v1/imports/abc", Some(&good))),
            (show, "get", api(&app, Method::GET, &format!("/api/v1/imports/{id}"), None)),
            ("/api/v1/users", "get", api(&app, Method::GET, "/api/v1/users?sort=name&dir=desc&q=rou", Some(&good))),
            ("/api/v1/users", "get", api(&app, Method::GET, "/api/v1/users", Some("bi_wrong"))),
            ("/api/v1/users", "get", api(&app, Method::GET, "/api/v1/users?status=gone", Some(&good))),
            ("/api/v1/groups", "get", api(&app, Method::GET, "/api/v1/groups", Some(&good))),
            ("/api/v1/groups", "get", api(&app, Method::GET, "/api/v1/groups?name=3B", Some(&good))),
            ("/api/v1/groups", "get", api(&app, Method::GET, "/api/v1/groups", None)),
        ];
        for (path, method, request) in requests {
            answers.push(record(path, path, method, request).await);
        }
        // Every declared status of every operation was seen, except 503 (a database kept busy).
        for (path, item) in document["paths"].as_object().expect("paths") {
            for (method, operation) in item.as_object().unwrap() {
                for status in operation["responses"].as_object().unwrap().keys().filter(|s| *s != "503") {
                    let status: u16 = status.parse().expect("a numeric status");
                    let seen =
                        answers.iter().any(|a| a["path"] == *path && a["method"] == *method && a["status"] == status);
                    assert!(seen, "{method} {path} {status} was never answered in this test");
                }
            }
        }
        validate(&document, &answers);
    }
}

async fn record(label: &str, path: &str, method: &str, request: RequestBuilder) -> Value {
    let response = request.send().await.unwrap();
    let status = response.status().as_u16();
    let content_type =
        response.headers().get(header::CONTENT_TYPE).and_then(|v| v.to_str().ok()).unwrap_or("").to_owned();
    let text = response.text().await.unwrap();
    let body: Value = serde_json::from_str(&text).unwrap_or_else(|e| panic!("{label}: {e}: {text}"));
    json!({ "path": path, "method": method, "status": status, "content_type": content_type, "body": body })
}

/// Runs the registry validators (end2end/scripts/openapi-check.mjs) on the document and the answers.
fn validate(document: &Value, answers: &[Value]) {
    let dir = std::env::temp_dir().join(format!("openapi-{}-{}", std::process::id(), rand_suffix()));
    std::fs::create_dir_all(&dir).unwrap();
    let (doc_path, answers_path) = (dir.join("openapi.json"), dir.join("answers.json"));
    std::fs::write(&doc_path, document.to_string()).unwrap();
    std::fs::write(&answers_path, Value::from(answers.to_vec()).to_string()).unwrap();
    let end2end = concat!(env!("CARGO_MANIFEST_DIR"), "/../end2end");
    assert!(
        std::path::Path::new(end2end).join("node_modules/@seriousme/openapi-schema-validator").exists(),
        "the validators are not installed: run scripts/setup.sh"
    );
    let output = Command::new("node")
        .current_dir(end2end)
        .args(["scripts/openapi-check.mjs", doc_path.to_str().unwrap(), answers_path.to_str().unwrap()])
        .output()
        .expect("run node");
    assert!(
        output.status.success(),
        "{}{}",
        String::from_utf8_lossy(&output.stdout),
        String::from_utf8_lossy(&output.stderr)
    );
}

fn rand_suffix() -> u64 {
    std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).unwrap().as_nanos() as u64
}
