//! The API's parameters are read strictly: for every route, a wrong value of each parameter, a parameter given
//! twice and an unknown one are each a 400 problem that names the parameter (and nothing is imported or listed),
//! while every documented value still does what it says (a filter really filters, cursors really page). On
//! SQLite and PostgreSQL.

use reqwest::{header, Method, StatusCode};
use sea_orm::ConnectionTrait;
use serde_json::Value;

use crate::helpers::*;
use crate::v1::{api, count, db, import, problem, token, HEADER};

/// A request that must be refused, and what its detail must say (the parameter's name, at least).
struct Refused {
    method: Method,
    path: String,
    names: &'static str,
}

fn refused(method: Method, path: impl Into<String>, names: &'static str) -> Refused {
    Refused { method, path: path.into(), names }
}

#[tokio::test]
async fn a_wrong_value_a_repeated_or_an_unknown_parameter_of_any_route_is_a_400_naming_it() {
    for app in spawn_all().await {
        let db = db(&app).await;
        let good = token(&db).await;
        let csv = format!("{HEADER}Ana,Roux,ana@example.fr,,FR,fr\n");
        let created = import(&app, &good, "send_invitations=false", &csv, None).await;
        assert_eq!(created.status(), StatusCode::CREATED);
        let id = created.json::<Value>().await.unwrap()["import_id"].as_i64().expect("an id");
        let (users_before, imports_before) =
            (count(&db, "SELECT COUNT(*) FROM users").await, count(&db, "SELECT COUNT(*) FROM imports").await);

        let imports = |query: &str| format!("/api/v1/imports?{query}");
        let show = |tail: &str| format!("/api/v1/imports/{tail}");
        let users = |query: &str| format!("/api/v1/users?{query}");
        let cases = [
            // POST /api/v1/imports, each with a valid new file: had the option been ignored, it would import.
            refused(Method::POST, imports("send_invitations=yes"), "send_invitations must be true or false"),
            refused(Method::POST, imports("ignore_errors=1"), "ignore_errors must be true or false"),
            refused(Method::POST, imports("dry_run=maybe"), "dry_run must be true or false"),
            refused(Method::POST, imports("dry_run"), "dry_run must be true or false"),
            refused(Method::POST, imports("file_name="), "file_name must be 1 to 255 characters"),
            refused(Method::POST, imports("file_name=a%07b.csv"), "file_name must be 1 to 255 characters"),
            refused(Method::POST, imports("lang=english"), "lang must be one of en, fr, de"),
            refused(Method::POST, imports("dry_run=false&dry_run=false"), "dry_run is given twice"),
            refused(Method::POST, imports("send_invitation=false"), "Unknown parameter `send_invitation`"),
            refused(Method::POST, imports("mode=replace"), "mode must be one of add, update, update-only, sync."),
            refused(Method::POST, imports("mode=sync"), "group must be a group name"),
            refused(Method::POST, imports("mode=update&group=3B"), "group must be nothing unless `mode=sync`"),
            refused(Method::POST, imports("mode=sync&group=a%7Cb"), "group must be a group name of 1 to 64"),
            refused(
                Method::POST,
                imports("mode=sync&group=3B&missing=delete"),
                "missing must be one of remove, suspend.",
            ),
            refused(
                Method::POST,
                imports("mode=sync&group=3B&allow_removals=-1"),
                "allow_removals must be a whole number",
            ),
            refused(Method::POST, imports("mode=update&empty=blank"), "empty must be one of keep, clear."),
            refused(
                Method::POST,
                imports("modes=update"),
                "`modes`; this route accepts send_invitations, ignore_errors",
            ),
            // GET /api/v1/imports/{id}
            refused(Method::GET, show("abc"), "id must be a positive whole number"),
            refused(Method::GET, show("0"), "id must be a positive whole number"),
            refused(Method::GET, show("-1"), "id must be a positive whole number"),
            refused(Method::GET, show("1.5"), "id must be a positive whole number"),
            refused(Method::GET, show("99999999999999999999"), "id must be a positive whole number"),
            refused(Method::GET, show(&format!("{id}?lang=xx")), "lang must be one of en, fr, de"),
            refused(Method::GET, show(&format!("{id}?lang=fr&lang=fr")), "lang is given twice"),
            refused(
                Method::GET,
                show(&format!("{id}?verbose=true")),
                "Unknown parameter `verbose`; this route accepts lang.",
            ),
            // GET /api/v1/users
            refused(Method::GET, users("status=gone"), "status must be one of Pending, Active, Suspended."),
            refused(Method::GET, users("invitation=lost"), "invitation must be one of queued, sent, failed."),
            refused(Method::GET, users("language=english"), "language must be a language code"),
            refused(Method::GET, users("country=france"), "country must be a country code"),
            refused(Method::GET, users("import=x"), "import must be a positive whole number"),
            refused(Method::GET, users("sort=evil"), "sort must be one of created, name, email, status."),
            refused(Method::GET, users("dir=up"), "dir must be one of asc, desc."),
            refused(Method::GET, users("after=zzz"), "after must be the `next` cursor"),
            refused(Method::GET, users("before=zzz"), "before must be the `previous` cursor"),
            // A real cursor of the name sort is no cursor of the default sort.
            refused(Method::GET, users(&format!("after={id}%3Aroux+ana")), "after must be the `next` cursor"),
            refused(Method::GET, users("after=1&before=2"), "after and before cannot both be given"),
            refused(Method::GET, users("q=a&q=b"), "q is given twice"),
            refused(Method::GET, users("q=%FF"), "q is not UTF-8"),
            refused(Method::GET, users("group=staff"), "group must be the name of a group of the portal"),
            refused(Method::GET, users("groups=staff"), "Unknown parameter `groups`; this route accepts q, status,"),
        ];
        for case in &cases {
            let request = api(&app, case.method.clone(), &case.path, Some(&good));
            let request = if case.method == Method::POST {
                let csv = format!("{HEADER}Luc,Roux,luc@example.fr,,FR,fr\n");
                request.header(header::CONTENT_TYPE, "text/csv").body(csv)
            } else {
                request
            };
            let (status, body) = problem(request.send().await.unwrap()).await;
            let what = format!("{} {} on {:?}: {body}", case.method, case.path, app.backend);
            assert_eq!(status, StatusCode::BAD_REQUEST, "{what}");
            assert_eq!(body["type"], "/api/v1/problems/bad-request", "{what}");
            assert_eq!(body["status"], 400, "{what}");
            let detail = body["detail"].as_str().unwrap_or("");
            assert!(detail.contains(case.names), "{what}: the detail should say {:?}", case.names);
        }
        assert_eq!(count(&db, "SELECT COUNT(*) FROM users").await, users_before, "nothing imported");
        assert_eq!(count(&db, "SELECT COUNT(*) FROM imports").await, imports_before, "nothing recorded");
    }
}

async fn get(app: &TestApp, token: &str, path: &str) -> Value {
    let response = api(app, Method::GET, path, Some(token)).send().await.unwrap();
    assert_eq!(response.status(), StatusCode::OK, "{path} on {:?}", app.backend);
    response.json().await.unwrap()
}

/// The emails of a page of users, in its order.
fn emails(page: &Value) -> Vec<String> {
    page["users"].as_array().expect("users").iter().map(|u| u["email"].as_str().unwrap_or("").to_owned()).collect()
}

#[tokio::test]
async fn every_documented_value_still_works_and_a_filtered_list_really_filters() {
    for app in spawn_all().await {
        let db = db(&app).await;
        let good = token(&db).await;
        // 55 learners in French (FR), one in German (BE): invited. Then one (DE) from another file, not invited.
        let mut first = HEADER.to_owned();
        for i in 0..55u8 {
            // Names are letters only (the rules refuse digits in them): Leaa, Leab...
            let name = format!("Le{}{}", char::from(b'a' + i / 26), char::from(b'a' + i % 26));
            first.push_str(&format!("{name},Martin,l{i:02}@example.fr,,FR,fr\n"));
        }
        first.push_str("Luc,Roux,luc@example.be,,BE,de\n");
        let response = import(&app, &good, "send_invitations=true&file_name=a.csv&lang=en", &first, None).await;
        assert_eq!(response.status(), StatusCode::CREATED, "{:?}", app.backend);
        let second = format!("{HEADER}Zoé,Keller,zoe@example.de,,DE,de\nBad,Row,bad@,,DE,de\n");
        let query = "send_invitations=false&ignore_errors=true&dry_run=false&file_name=b.csv&lang=de";
        let response = import(&app, &good, query, &second, None).await;
        assert_eq!(response.status(), StatusCode::CREATED, "{:?}", app.backend);
        let second_id = response.json::<Value>().await.unwrap()["import_id"].as_i64().expect("an id");
        db.execute_unprepared("UPDATE users SET status = 'Active' WHERE email = 'zoe@example.de'").await.unwrap();
        let luc = "(SELECT id FROM users WHERE email = 'luc@example.be')";
        db.execute_unprepared(&format!("UPDATE invitations SET state = 'failed' WHERE user_id = {luc}")).await.unwrap();

        // The import's own options: a dry run in French writes nothing and answers in French.
        let checked = format!("{HEADER}Kim,Keller,kim@example.de,,DE,de\nBad,Row,bad@,,DE,de\n");
        let response = api(&app, Method::POST, "/api/v1/imports?dry_run=true&lang=fr", Some(&good))
            .header(header::CONTENT_TYPE, "text/csv")
            .body(checked)
            .send()
            .await
            .unwrap();
        assert_eq!(response.status(), StatusCode::OK);
        let report: Value = response.json().await.unwrap();
        assert_eq!((report["summary"]["valid"].as_u64(), report["summary"]["invalid"].as_u64()), (Some(1), Some(1)));
        assert!(
            report["rows"][1]["errors"][0]["message"].as_str().unwrap_or("").contains("Adresse e-mail"),
            "{report}"
        );
        let record = get(&app, &good, &format!("/api/v1/imports/{second_id}?lang=fr")).await;
        assert_eq!((record["file_name"].as_str(), record["send_invitations"].as_bool()), (Some("b.csv"), Some(false)));
        assert!(record["rows"][1]["problems"][0]["message"].as_str().unwrap_or("").contains("Adresse e-mail"));
        assert_eq!(count(&db, "SELECT COUNT(*) FROM users").await, 57);

        // Each filter keeps exactly its users.
        let of_second = format!("import={second_id}");
        let filtered = [
            ("status=Active", vec!["zoe@example.de"]),
            ("invitation=failed", vec!["luc@example.be"]),
            ("invitation=sent", vec![]),
            ("language=de&dir=asc", vec!["luc@example.be", "zoe@example.de"]),
            ("country=BE", vec!["luc@example.be"]),
            (of_second.as_str(), vec!["zoe@example.de"]),
            ("q=kell", vec!["zoe@example.de"]),
            ("q=Roux&status=Pending&invitation=failed&language=de&country=BE", vec!["luc@example.be"]),
            ("sort=email&dir=desc&language=de", vec!["zoe@example.de", "luc@example.be"]),
            ("sort=name&language=de", vec!["zoe@example.de", "luc@example.be"]),
            ("sort=status&dir=asc&country=DE", vec!["zoe@example.de"]),
        ];
        for (query, expected) in filtered {
            let page = get(&app, &good, &format!("/api/v1/users?{query}")).await;
            assert_eq!(emails(&page), expected, "{query} on {:?}", app.backend);
            assert_eq!(page["total"], expected.len(), "{query}");
        }
        let pending = get(&app, &good, "/api/v1/users?status=Pending").await;
        assert_eq!(pending["total"], 56);
        let queued = get(&app, &good, "/api/v1/users?invitation=queued").await;
        assert_eq!(queued["total"], 55);

        // Cursors the list wrote page forward and back, in the default sort and another.
        for sort in ["", "sort=name&", "sort=email&dir=desc&"] {
            let first_page = get(&app, &good, &format!("/api/v1/users?{sort}")).await;
            assert_eq!(emails(&first_page).len(), 50, "{sort}");
            let next = first_page["next"].as_str().expect("a next page").to_owned();
            let after = get(&app, &good, &format!("/api/v1/users?{sort}after={}", encode(&next))).await;
            assert_eq!(emails(&after).len(), 7, "{sort}: the rest");
            assert!(emails(&after).iter().all(|e| !emails(&first_page).contains(e)), "{sort}: no user twice");
            let previous = after["previous"].as_str().expect("a previous page").to_owned();
            let before = get(&app, &good, &format!("/api/v1/users?{sort}before={}", encode(&previous))).await;
            assert_eq!(emails(&before), emails(&first_page), "{sort}: back to the first page");
        }
    }
}

/// A cursor as a query value (a name sort's cursor has spaces and a colon).
fn encode(text: &str) -> String {
    url::form_urlencoded::byte_serialize(text.as_bytes()).collect()
}
