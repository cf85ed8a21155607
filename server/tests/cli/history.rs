//! `server history`, `server report ID` and `server undo ID`: an import looked back on and taken back from the
//! command line, as the history page does.

use std::process::{Command, Output};

use sea_orm::{EntityTrait, PaginatorTrait};
use storage::entity::users;

fn server(args: &[&str], database_url: &str) -> Output {
    Command::new(env!("CARGO_BIN_EXE_server"))
        .args(args)
        .env("DATABASE_URL", database_url)
        .env("ADMIN_EMAIL", "cli-admin@example.com")
        .env("RUST_LOG", "off")
        .output()
        .expect("run the server binary")
}

fn stdout(output: &Output) -> String {
    String::from_utf8_lossy(&output.stdout).into_owned()
}

#[tokio::test]
async fn the_command_line_lists_reports_and_undoes_an_import() {
    for t in storage::testing::all().await {
        storage::admins::create(&t.db, "cli-admin@example.com", "cli-admin@example.com", "x").await.expect("admin");
        let dir = std::env::temp_dir().join(format!("history-{}-{:?}", std::process::id(), t.backend));
        std::fs::create_dir_all(&dir).expect("dir");
        let path = dir.join("élèves.csv");
        let header = "firstname,lastname,email,identifier,country,language\n";
        std::fs::write(&path, format!("{header}Ana,Roux,ana@example.org,,FR,fr\nLuc,Roux,luc@,,FR,fr\n"))
            .expect("write");
        let path = path.to_string_lossy().into_owned();
        assert_eq!(server(&["import", &path, "--ignore-errors"], &t.url).status.code(), Some(1));

        let listed = server(&["history", "--json"], &t.url);
        assert_eq!(listed.status.code(), Some(0), "{:?}: {}", t.backend, String::from_utf8_lossy(&listed.stderr));
        let imports: serde_json::Value = serde_json::from_str(&stdout(&listed)).expect("JSON");
        let import = &imports[0];
        assert_eq!(import["file_name"], "élèves.csv");
        assert_eq!((import["added"].as_u64(), import["with_errors"].as_u64()), (Some(1), Some(1)));
        let id = import["id"].as_i64().expect("an id").to_string();
        assert!(stdout(&server(&["history"], &t.url)).contains("élèves.csv"));

        let report = server(&["report", &id, "--lang", "fr"], &t.url);
        assert_eq!(report.status.code(), Some(0));
        let csv = stdout(&report);
        assert!(
            csv.starts_with("\u{feff}firstname,lastname,email,identifier,country,language,groups,status,errors\r\n"),
            "{csv}"
        );
        assert!(csv.contains("Luc,Roux,luc@,,FR,fr,,,") && !csv.contains("ana@example.org"), "{csv}");
        assert_eq!(server(&["report", "999"], &t.url).status.code(), Some(1));

        let undone = server(&["undo", &id], &t.url);
        assert_eq!(undone.status.code(), Some(0), "{}", String::from_utf8_lossy(&undone.stderr));
        assert!(stdout(&undone).contains("1 users removed, 0 kept"), "{}", stdout(&undone));
        assert_eq!(users::Entity::find().count(&t.db).await.expect("count"), 0, "{:?}", t.backend);
        assert!(stdout(&server(&["undo", &id], &t.url)).contains("already undone"));
        assert!(stdout(&server(&["history"], &t.url)).contains("undone by cli-admin@example.com"));
        assert_eq!(server(&["undo", "999"], &t.url).status.code(), Some(1));
    }
}
