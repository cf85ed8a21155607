//! The import history over HTTP: the pages render, the server functions answer the admin, the error report
//! downloads in the admin's language, and the undo goes through the guard like everything else.

use crate::helpers::*;
use reqwest::{header, StatusCode};
use serde_json::json;

/// Confirms an import of two rows, one with an error (ignored), through the server function; returns its id.
async fn import_with_an_error(app: &TestApp, cookie: &str) -> i64 {
    let request = json!({
        "request_id": "http-history-1",
        "file_name": "élèves.csv",
        "file_sha256": "ab".repeat(32),
        "rows": [
            {"row": 2, "values": ["Ana", "Roux", "ana@example.org", "", "FR", "fr"]},
            {"row": 3, "values": ["Luc", "Roux", "luc@", "", "FR", "fr"]},
        ],
        "send_invitations": true,
        "ignore_errors": true,
    });
    let answer: serde_json::Value = app.confirm_import(cookie, request).await.json().await.unwrap();
    answer["import_id"].as_i64().expect("an import id")
}

#[tokio::test]
async fn an_admin_sees_the_history_downloads_the_report_and_undoes_over_http() {
    for app in spawn_all().await {
        let cookie = app.admin_cookie().await;
        let id = import_with_an_error(&app, &cookie).await;

        let history: serde_json::Value = app.call("import_history", &[], Some(&cookie)).await.json().await.unwrap();
        assert_eq!(history["imports"][0]["id"], id, "{:?}", app.backend);
        assert_eq!(history["imports"][0]["with_errors"], 1);
        assert_eq!(history["imports"][0]["invitations"]["queued"], 1);

        let earlier = app
            .client
            .post(format!("{}/api/find_earlier_import", app.address))
            .header(header::ORIGIN, &app.address)
            .header(header::COOKIE, &cookie)
            .json(&json!({"file_sha256": "ab".repeat(32)}))
            .send()
            .await
            .unwrap();
        let earlier: serde_json::Value = earlier.json().await.unwrap();
        assert_eq!((earlier["id"].as_i64(), earlier["admin_email"].as_str()), (Some(id), Some(ADMIN_EMAIL)));

        // The pages render for the admin.
        for path in ["/imports".to_owned(), format!("/imports/{id}"), format!("/?import={id}")] {
            let page = app.client.get(format!("{}{path}", app.address)).header(header::COOKIE, &cookie).send();
            let page = page.await.unwrap();
            assert_eq!(page.status(), StatusCode::OK, "{path}");
        }

        // The report: a visitor is sent to sign in; the admin gets the CSV in French with a safe file name.
        let report_url = format!("{}/imports/{id}/report.csv", app.address);
        let visitor = app.client.get(&report_url).send().await.unwrap();
        assert!(visitor.status().is_redirection(), "{:?}", visitor.status());
        let report = app.client.get(&report_url).header(header::COOKIE, format!("{cookie}; lang=fr")).send();
        let report = report.await.unwrap();
        assert_eq!(report.status(), StatusCode::OK);
        let disposition = report.headers()[header::CONTENT_DISPOSITION].to_str().unwrap().to_owned();
        assert!(disposition.contains("filename*=UTF-8''%C3%A9l%C3%A8ves-errors.csv"), "{disposition}");
        let csv = report.text().await.unwrap();
        assert!(csv.starts_with('\u{feff}') && csv.contains("Luc,Roux,luc@,,FR,fr,"), "{csv}");
        assert!(!csv.contains("ana@example.org"));
        let missing = app.client.get(format!("{}/imports/999/report.csv", app.address));
        assert_eq!(missing.header(header::COOKIE, &cookie).send().await.unwrap().status(), StatusCode::NOT_FOUND);

        let preview: serde_json::Value =
            app.call("preview_undo", &[("id", &id.to_string())], Some(&cookie)).await.json().await.unwrap();
        assert_eq!(preview["removable"], 1);
        let undone = app.call("undo_import", &[("id", &id.to_string())], Some(&cookie)).await;
        assert_eq!(undone.status(), StatusCode::OK);
        let undone: serde_json::Value = undone.json().await.unwrap();
        assert_eq!((undone["removed"].as_u64(), undone["already_undone"].as_bool()), (Some(1), Some(false)));
        let missing = app.call("undo_import", &[("id", "999")], Some(&cookie)).await;
        assert_eq!(missing.status(), StatusCode::NOT_FOUND, "{:?}", app.backend);
    }
}

#[tokio::test]
async fn an_undo_after_the_configured_window_is_refused_over_http() {
    for t in storage::testing::all().await {
        service::auth::create_admin(&t.db, ADMIN_EMAIL, ADMIN_PASSWORD).await.unwrap();
        // A window of one hour, and an import recorded two hours ago.
        let app = spawn_with(&t.url, t.backend, &[("UNDO_WINDOW_HOURS", "1")]).await;
        let cookie = app.admin_cookie().await;
        let id = import_with_an_error(&app, &cookie).await;
        use sea_orm::{sea_query::Expr, EntityTrait};
        storage::entity::imports::Entity::update_many()
            .col_expr(
                storage::entity::imports::Column::CreatedAt,
                Expr::value(chrono::Utc::now() - chrono::Duration::hours(2)),
            )
            .exec(&t.db)
            .await
            .unwrap();
        let refused = app.call("undo_import", &[("id", &id.to_string())], Some(&cookie)).await;
        assert_eq!(refused.status(), StatusCode::CONFLICT, "{:?}", t.backend);
        assert!(refused.text().await.unwrap().contains("UndoExpired"));
    }
}

#[tokio::test]
async fn the_export_streams_the_view_as_a_formula_safe_csv() {
    for app in spawn_all().await {
        let cookie = app.admin_cookie().await;
        import_with_an_error(&app, &cookie).await;
        let t = storage::connect(&app.db_url).await.unwrap();
        let learners: Vec<rules::ValidUser> = (0..2_100)
            .map(|i| {
                let country = if i % 3 == 0 { "BE" } else { "FR" };
                rules::ValidUser::check(["Ana", "Roux", &format!("e{i}@x.fr"), "", country, "fr"]).unwrap()
            })
            .collect();
        for chunk in learners.chunks(500) {
            storage::users::insert_many(&t, chunk, None).await.unwrap();
        }
        // A value a spreadsheet would run as a formula (the rules refuse it in a name; a database may hold one).
        use sea_orm::{sea_query::Expr, ColumnTrait, EntityTrait, QueryFilter};
        storage::entity::users::Entity::update_many()
            .col_expr(storage::entity::users::Column::Firstname, Expr::value("=Ana"))
            .filter(storage::entity::users::Column::Email.eq("e0@x.fr"))
            .exec(&t)
            .await
            .unwrap();

        let url = format!("{}/users/export.csv?country=BE", app.address);
        let visitor = app.client.get(&url).send().await.unwrap();
        assert!(visitor.status().is_redirection());
        let export = app.client.get(&url).header(header::COOKIE, &cookie).send().await.unwrap();
        assert_eq!(export.status(), StatusCode::OK, "{:?}", app.backend);
        let csv = export.text().await.unwrap();
        let lines: Vec<&str> = csv.split("\r\n").filter(|l| !l.is_empty()).collect();
        assert_eq!(
            lines[0],
            "\u{feff}firstname,lastname,email,identifier,country,language,groups,status,invitation,created"
        );
        assert_eq!(lines.len(), 1 + 700, "every Belgian, over several batches");
        assert!(lines[1].starts_with("'=Ana,Roux,e0@x.fr,,BE,fr,,Pending,,"), "{}", lines[1]);
        // What was written reads back as the values (the rules take the ' off again).
        // (the first lines: a file of more than 250 rows is not an import).
        let head = lines[..3].join("\r\n");
        let report = rules::check_reader("users.csv", head.as_bytes(), &rules::Existing::default());
        assert_eq!(&report.rows[0].values[0], "=Ana", "{:?}", report.file_error);
        assert!(report.warnings.is_empty(), "the export's own columns are known: {:?}", report.warnings);
    }
}

#[tokio::test]
async fn the_xlsx_export_holds_the_views_users_as_the_csv_does_with_formulas_as_text() {
    use calamine::{Data, Reader, Xlsx};
    for app in spawn_all().await {
        let cookie = app.admin_cookie().await;
        import_with_an_error(&app, &cookie).await;
        let t = storage::connect(&app.db_url).await.unwrap();
        let learners: Vec<rules::ValidUser> = (0..2_100)
            .map(|i| {
                let country = if i % 3 == 0 { "BE" } else { "FR" };
                rules::ValidUser::check(["Zoé", "Roux", &format!("e{i}@x.fr"), &format!("id-{i}"), country, "fr"])
                    .unwrap()
            })
            .collect();
        for chunk in learners.chunks(500) {
            storage::users::insert_many(&t, chunk, None).await.unwrap();
        }
        // A value a spreadsheet would run as a formula (the rules refuse it in a name; a database may hold one).
        use sea_orm::{sea_query::Expr, ColumnTrait, EntityTrait, QueryFilter};
        storage::entity::users::Entity::update_many()
            .col_expr(storage::entity::users::Column::Firstname, Expr::value("=1+1"))
            .filter(storage::entity::users::Column::Email.eq("e0@x.fr"))
            .exec(&t)
            .await
            .unwrap();

        let url = format!("{}/users/export.xlsx?country=BE", app.address);
        let visitor = app.client.get(&url).send().await.unwrap();
        assert!(visitor.status().is_redirection(), "admin-only");
        let export = app.client.get(&url).header(header::COOKIE, &cookie).send().await.unwrap();
        assert_eq!(export.status(), StatusCode::OK, "{:?}", app.backend);
        assert_eq!(
            export.headers()[header::CONTENT_TYPE],
            "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
        );
        assert!(export.headers()[header::CONTENT_DISPOSITION].to_str().unwrap().contains("users.xlsx"));
        let bytes = export.bytes().await.unwrap().to_vec();
        let mut book = Xlsx::new(std::io::Cursor::new(bytes)).expect("calamine opens the export");
        assert_eq!(book.sheet_names(), vec!["Users".to_owned()]);
        let sheet = book.worksheet_range("Users").expect("the Users sheet");
        let rows: Vec<Vec<String>> =
            sheet.rows().map(|row| row.iter().map(|cell| cell.to_string()).collect()).collect();

        // The same users, columns and order as the CSV export of the same view.
        let csv_export = app.client.get(url.replace(".xlsx", ".csv")).header(header::COOKIE, &cookie).send().await;
        let csv = csv_export.unwrap().text().await.unwrap();
        let csv_rows: Vec<Vec<String>> = csv
            .trim_start_matches('\u{feff}')
            .split("\r\n")
            .filter(|l| !l.is_empty())
            .map(|l| l.split(',').map(|cell| cell.trim_start_matches('\'').to_owned()).collect())
            .collect();
        assert_eq!(rows.len(), 1 + 700, "every Belgian, over several batches ({:?})", app.backend);
        assert_eq!(rows, csv_rows, "{:?}", app.backend);
        assert_eq!(rows[0][..3], ["firstname", "lastname", "email"]);
        assert_eq!(rows[1][..6], ["=1+1", "Roux", "e0@x.fr", "id-0", "BE", "fr"]);
        assert_eq!(rows[1][6..8], ["", "Pending"], "no groups, then the status");

        // Written as text: the cell holds the string, and the sheet has no formula at all.
        assert_eq!(sheet.get_value((1, 0)), Some(&Data::String("=1+1".into())));
        let formulas = book.worksheet_formula("Users").expect("formulas");
        assert!(formulas.used_cells().all(|(_, _, f)| f.is_empty()), "no formula in the export");
    }
}
