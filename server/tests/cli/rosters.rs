//! `server check|import FILE --mode …`: the roster modes on the command line, on both databases: the difference
//! printed before anything is written, a sync's safety threshold (exit status 2 until `--allow-removals`), and the
//! options that go together checked before any work.

use std::process::{Command, Output};

use domain::UserStatus;
use sea_orm::{ColumnTrait, EntityTrait, QueryFilter};
use storage::entity::users;

fn server(args: &[&str], database_url: &str) -> Output {
    Command::new(env!("CARGO_BIN_EXE_server"))
        .args(args)
        .env("DATABASE_URL", database_url)
        .env("ADMIN_EMAIL", "cli-admin@example.com")
        .env("RUST_LOG", "off")
        .output()
        .expect("run the server's command")
}

fn file(name: &str, text: &str) -> String {
    let dir = std::env::temp_dir().join(format!("rosters-{}-{name}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("dir");
    let path = dir.join(name);
    std::fs::write(&path, text).expect("write");
    path.to_string_lossy().into_owned()
}

fn text(output: &Output) -> String {
    format!("{}{}", String::from_utf8_lossy(&output.stdout), String::from_utf8_lossy(&output.stderr))
}

const HEADER: &str = "firstname,lastname,email,identifier,country,language,groups\n";

#[tokio::test]
async fn a_sync_on_the_command_line_shows_the_difference_and_needs_allow_removals_past_the_threshold() {
    for t in storage::testing::all().await {
        storage::admins::create(&t.db, "cli-admin@example.com", "cli-admin@example.com", "x").await.expect("admin");
        let rows: String = (0..10).map(|i| format!("Ana,Roux,a{i}@example.org,S-{i},FR,fr,7A\n")).collect();
        let class = file("class.csv", &format!("{HEADER}{rows}"));
        assert_eq!(server(&["import", &class], &t.url).status.code(), Some(0), "{:?}", t.backend);

        // The term's list: 3 of the 10, one with a new surname, and a newcomer. 7 would leave 7A.
        let term = file(
            "term.csv",
            &format!(
                "{HEADER}Ana,Roux-Martin,a0@example.org,S-0,FR,fr,\nAna,Roux,a1@example.org,S-1,FR,fr,\n\
                 Ana,Roux,a2@example.org,S-2,FR,fr,\nLéo,Petit,leo@example.org,S-99,FR,fr,\n"
            ),
        );
        let check = server(&["check", &term, "--mode", "sync", "--group", "7a", "--json"], &t.url);
        assert_eq!(check.status.code(), Some(2), "the threshold: {}", text(&check));
        let report: serde_json::Value = serde_json::from_slice(&check.stdout).expect("JSON");
        let difference = &report["difference"];
        // a1 and a2 are members of 7A already, as the file has them: unchanged.
        let counts = (difference["new"].as_u64(), difference["updated"].as_u64(), difference["unchanged"].as_u64());
        assert_eq!(counts, (Some(1), Some(1), Some(2)), "{report}");
        assert_eq!(difference["leaving"].as_array().map(Vec::len), Some(7));
        assert_eq!(difference["refused"]["code"], "sync.too_many_removals");
        assert_eq!(
            report["rows"][0]["changes"][0],
            serde_json::json!({"column": "lastname", "old": "Roux", "new": "Roux-Martin"})
        );

        let refused = server(&["import", &term, "--mode", "sync", "--group", "7A", "--missing", "suspend"], &t.url);
        assert_eq!(refused.status.code(), Some(2), "{}", text(&refused));
        assert!(text(&refused).contains("sync.too_many_removals") && text(&refused).contains("--allow-removals 7"));
        let a9 = users::Entity::find().filter(users::Column::EmailNormalized.eq("a9@example.org")).one(&t.db).await;
        assert_eq!(a9.unwrap().unwrap().status, UserStatus::Pending, "nothing written");

        let args =
            ["import", &term, "--mode", "sync", "--group", "7A", "--missing", "suspend", "--allow-removals", "7"];
        let done = server(&args, &t.url);
        assert_eq!(done.status.code(), Some(0), "{}", text(&done));
        assert!(text(&done).contains("0 removed from the group, 7 suspended."), "{}", text(&done));
        let a9 = users::Entity::find().filter(users::Column::EmailNormalized.eq("a9@example.org")).one(&t.db).await;
        assert_eq!(a9.unwrap().unwrap().status, UserStatus::Suspended);
        let history = server(&["history"], &t.url);
        assert!(text(&history).contains("sync 7A"), "{}", text(&history));
    }
}

#[tokio::test]
async fn options_that_go_together_are_checked_before_any_work() {
    let url = storage::testing::new_sqlite_url();
    let any = file("any.csv", &format!("{HEADER}Ana,Roux,a@example.org,,FR,fr,\n"));
    for args in [
        vec!["check", &any, "--mode", "sync"],
        vec!["import", &any, "--mode", "update", "--group", "3B"],
        vec!["import", &any, "--mode", "replace"],
        vec!["import", &any, "--empty", "blank"],
    ] {
        let output = server(&args, &url);
        assert_eq!(output.status.code(), Some(2), "{args:?}: {}", text(&output));
        assert!(output.stdout.is_empty(), "{args:?}");
    }
}
