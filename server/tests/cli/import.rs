//! `server import FILE`: the same import as the browser's Confirm, with its exit status and idempotent re-runs.

use std::process::{Command, Output};

use sea_orm::{EntityTrait, PaginatorTrait};
use storage::entity::{invitations, users};

fn run(args: &[&str], database_url: &str) -> Output {
    Command::new(env!("CARGO_BIN_EXE_server"))
        .arg("import")
        .args(args)
        .env("DATABASE_URL", database_url)
        .env("ADMIN_EMAIL", "cli-admin@example.com")
        .env("RUST_LOG", "off")
        .output()
        .expect("run server import")
}

fn file(name: &str, text: &str) -> String {
    let dir = std::env::temp_dir().join(format!("import-{}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("dir");
    let path = dir.join(name);
    std::fs::write(&path, text).expect("write");
    path.to_string_lossy().into_owned()
}

#[tokio::test]
async fn the_command_line_imports_like_the_confirm_button() {
    for t in storage::testing::all().await {
        storage::admins::create(&t.db, "cli-admin@example.com", "cli-admin@example.com", "x").await.expect("admin");
        let header = "firstname,lastname,email,identifier,country,language\n";
        let mixed = file("mixed.csv", &format!("{header}Ana,Roux,ana@example.org,,FR,fr\nLuc,Roux,bad,,FR,fr\n"));

        let refused = run(&[&mixed], &t.url);
        assert_eq!(refused.status.code(), Some(1), "{:?}", t.backend);
        assert!(String::from_utf8_lossy(&refused.stdout).contains("email.invalid"));
        let german = String::from_utf8_lossy(&run(&[&mixed, "--lang", "de"], &t.url).stdout).into_owned();
        assert!(german.contains("Keine gültige E-Mail-Adresse"), "{german}");
        assert!(german.contains("Nichts wurde hinzugefügt: 1 Zeile hat Fehler"), "{german}");
        assert_eq!(
            users::Entity::find().count(&t.db).await.expect("count"),
            0,
            "nothing added without --ignore-errors"
        );

        let added = run(&[&mixed, "--ignore-errors", "--no-invite"], &t.url);
        assert_eq!(added.status.code(), Some(1), "{}", String::from_utf8_lossy(&added.stderr));
        assert!(String::from_utf8_lossy(&added.stdout).contains("1 user added with status Pending, 1 row skipped"));
        assert_eq!(users::Entity::find().count(&t.db).await.expect("count"), 1);
        assert_eq!(invitations::Entity::find().count(&t.db).await.expect("count"), 0, "--no-invite queues nothing");
        // Running the same command again changes nothing.
        assert_eq!(run(&[&mixed, "--ignore-errors", "--no-invite"], &t.url).status.code(), Some(1));
        assert_eq!(users::Entity::find().count(&t.db).await.expect("count"), 1);

        let clean = file("clean.csv", &format!("{header}Mia,Roux,mia@example.org,,FR,fr\n"));
        let output = run(&[&clean], &t.url);
        assert_eq!(output.status.code(), Some(0), "{}", String::from_utf8_lossy(&output.stderr));
        assert_eq!(invitations::Entity::find().count(&t.db).await.expect("count"), 1);

        let rejected = file("rejected.csv", "firstname\nAna\n");
        let output = run(&[&rejected], &t.url);
        assert_eq!(output.status.code(), Some(2));
        assert!(String::from_utf8_lossy(&output.stderr).contains("file.missing_columns"));
        let output = run(&[&clean, "--admin", "nobody@example.com"], &t.url);
        assert_eq!(output.status.code(), Some(2));
        assert!(String::from_utf8_lossy(&output.stderr).contains("no admin"));
    }
}

#[tokio::test]
async fn the_command_line_imports_with_a_column_matching() {
    for t in storage::testing::all().await {
        storage::admins::create(&t.db, "cli-admin@example.com", "cli-admin@example.com", "x").await.expect("admin");
        let path = file("matched.csv", "Vorname,Nachname,E-Mail-Adresse,Sprache\nJürgen,Weiß,j@example.de,de\n");
        let refused = run(&[&path, "--no-invite"], &t.url);
        assert_eq!(refused.status.code(), Some(2), "{:?}", t.backend);
        assert!(String::from_utf8_lossy(&refused.stderr).contains("file.missing_columns"));
        let columns = "firstname=Vorname,lastname=Nachname,email=E-Mail-Adresse,language=Sprache";
        let output = run(&[&path, "--no-invite", "--columns", columns], &t.url);
        assert_eq!(output.status.code(), Some(0), "{}", String::from_utf8_lossy(&output.stderr));
        let user = users::Entity::find().one(&t.db).await.expect("read").expect("a user");
        assert_eq!((user.firstname.as_str(), user.email.as_str()), ("Jürgen", "j@example.de"));
        let output = run(&[&path, "--columns", "email=Mail"], &t.url);
        assert_eq!(output.status.code(), Some(2));
        assert!(String::from_utf8_lossy(&output.stderr).contains("no header cell \"Mail\""));
    }
}

#[tokio::test]
async fn two_admins_running_the_same_file_each_get_their_own_import() {
    for t in storage::testing::all().await {
        storage::admins::create(&t.db, "cli-admin@example.com", "cli-admin@example.com", "x").await.expect("admin");
        storage::admins::create(&t.db, "other@example.com", "other@example.com", "x").await.expect("admin");
        let header = "firstname,lastname,email,identifier,country,language\n";
        let path = file("shared.csv", &format!("{header}Ana,Roux,ana.shared@example.org,,FR,fr\n"));
        assert_eq!(run(&[&path], &t.url).status.code(), Some(0), "{:?}", t.backend);
        // The other admin's run is its own request: the learner exists now, so its row is skipped, and the run
        // is not mistaken for a repeat of the first admin's (which it would be answered as, or refused for).
        let other = run(&[&path, "--admin", "other@example.com"], &t.url);
        let stdout = String::from_utf8_lossy(&other.stdout);
        assert_eq!(
            other.status.code(),
            Some(1),
            "{:?}: {stdout} {}",
            t.backend,
            String::from_utf8_lossy(&other.stderr)
        );
        assert!(stdout.contains("email.exists"), "{stdout}");
    }
}
