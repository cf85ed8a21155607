//! `server check FILE [--json]`: the report, the exit status, and the `exists` codes from the database.

use std::path::PathBuf;
use std::process::{Command, Output};

use rules::ValidUser;

const HEADER: &str = "firstname,lastname,email,identifier,country,language\n";

fn write_file(name: &str, text: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("check-{}-{name}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("temp dir");
    let path = dir.join(name);
    std::fs::write(&path, text).expect("write the file");
    path
}

/// Runs `server check` in an empty folder (so the default SQLite file is never found) with `database_url`.
fn check(args: &[&str], database_url: Option<&str>) -> Output {
    let cwd = std::env::temp_dir().join(format!("check-cwd-{}", std::process::id()));
    std::fs::create_dir_all(&cwd).expect("cwd");
    let mut command = Command::new(env!("CARGO_BIN_EXE_server"));
    command.current_dir(&cwd).arg("check").args(args).env_remove("DATABASE_URL").env("RUST_LOG", "off");
    if let Some(url) = database_url {
        command.env("DATABASE_URL", url);
    }
    command.output().expect("run server check")
}

fn json(output: &Output) -> serde_json::Value {
    serde_json::from_slice(&output.stdout)
        .unwrap_or_else(|e| panic!("{e}: {}", String::from_utf8_lossy(&output.stdout)))
}

#[test]
fn a_valid_file_exits_0_with_its_rows() {
    let path = write_file("valid.csv", &format!("{HEADER}Ana,Roux,ana@example.fr,A-1,FR,fr\n"));
    let output = check(&[path.to_str().expect("path"), "--json"], None);
    assert_eq!(output.status.code(), Some(0), "{}", String::from_utf8_lossy(&output.stderr));
    let report = json(&output);
    assert_eq!(report["summary"], serde_json::json!({"total": 1, "valid": 1, "invalid": 0}));
    assert_eq!(report["rows"][0]["values"]["identifier"], "A-1");
}

#[test]
fn rows_with_errors_exit_1_and_the_table_names_row_column_and_code() {
    let path = write_file("errors.csv", &format!("{HEADER}Ana,Roux,ana@example.fr,,fr,fr\n"));
    let output = check(&[path.to_str().expect("path")], None);
    assert_eq!(output.status.code(), Some(1));
    let table = String::from_utf8_lossy(&output.stdout);
    assert!(table.contains("country.invalid") && table.contains("\"FR\""), "{table}");
    let output = check(&[path.to_str().expect("path"), "--json", "--lang", "fr"], None);
    let message = json(&output)["rows"][0]["errors"][0]["message"].as_str().unwrap_or_default().to_owned();
    assert!(message.contains("Vouliez-vous dire"), "{message}");
}

#[test]
fn the_messages_and_the_table_come_in_german_with_lang_de() {
    let path = write_file("german.csv", &format!("{HEADER}Ana,Roux,ana@example.fr,,fr,fr\n"));
    let output = check(&[path.to_str().expect("path"), "--lang", "de"], None);
    assert_eq!(output.status.code(), Some(1), "{}", String::from_utf8_lossy(&output.stderr));
    let table = String::from_utf8_lossy(&output.stdout);
    assert!(table.contains("Zeile") && table.contains("Meinten Sie „FR“?"), "{table}");
    assert!(table.ends_with("1 Zeile: 0 gültig, 1 fehlerhaft\n"), "{table}");
    let output = check(&[path.to_str().expect("path"), "--lang", "it"], None);
    assert_eq!(output.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&output.stderr).contains("use en, fr or de"));
}

#[test]
fn a_rejected_file_exits_2_with_the_file_error() {
    let path = write_file("columns.csv", "firstname,email\nAna,ana@example.fr\n");
    let output = check(&[path.to_str().expect("path"), "--json"], None);
    assert_eq!(output.status.code(), Some(2));
    assert_eq!(json(&output)["file_error"]["code"], "file.missing_columns");
    let output = check(&["/no/such/file.csv"], None);
    assert_eq!(output.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&output.stderr).contains("cannot open"));
}

#[test]
fn header_names_with_terminal_escape_sequences_are_printed_escaped_and_the_json_stays_json() {
    // Unknown columns are named in a warning: one clears the screen and retitles the terminal, one reverses text.
    let mut text = String::from("firstname,lastname,email,language,\x1b[2J\x1b]0;owned\x07,Notes\u{202E}vsc.exe\n");
    for i in 0..20 {
        text.push_str(&format!("Ana,Roux,ana{i}@example.fr,fr,,\n"));
    }
    let path = write_file("escapes.csv", &text);
    let output = check(&[path.to_str().expect("path")], None);
    assert_eq!(output.status.code(), Some(0), "{}", String::from_utf8_lossy(&output.stderr));
    let table = String::from_utf8(output.stdout).expect("UTF-8");
    assert!(!table.chars().any(|c| (c.is_control() && c != '\n') || c == '\u{202E}'), "{table:?}");
    assert!(table.contains(r"\u{1b}[2J\u{1b}]0;owned\u{7}, Notes\u{202e}vsc.exe"), "{table}");
    let output = check(&[path.to_str().expect("path"), "--json"], None);
    assert!(!output.stdout.contains(&0x1b), "JSON escapes control characters itself");
    let message = json(&output)["warnings"][0]["message"].as_str().unwrap_or_default().to_owned();
    assert!(message.contains("\x1b[2J\x1b]0;owned\x07, Notes\u{202E}vsc.exe"), "{message:?}");
}

#[tokio::test]
async fn with_a_database_the_portals_users_are_reported_as_existing() {
    for t in storage::testing::all().await {
        storage::users::insert_many(
            &t.db,
            &[ValidUser::check(["Old", "User", "Taken@Example.fr", "T-1", "", "fr"]).expect("a valid user")],
            None,
        )
        .await
        .expect("insert a user");
        let path = write_file(
            "exists.csv",
            &format!("{HEADER}Ana,Roux,TAKEN@example.fr,,FR,fr\nLuc,Roux,luc@example.fr,T-1,FR,fr\nMia,Roux,mia@example.fr,M-1,FR,fr\n"),
        );
        let output = check(&[path.to_str().expect("path"), "--json"], Some(&t.url));
        assert_eq!(output.status.code(), Some(1), "{:?}: {}", t.backend, String::from_utf8_lossy(&output.stderr));
        let report = json(&output);
        assert_eq!(report["rows"][0]["errors"][0]["code"], "email.exists", "{:?}", t.backend);
        assert_eq!(report["rows"][1]["errors"][0]["code"], "identifier.exists", "{:?}", t.backend);
        assert_eq!(report["rows"][2]["errors"], serde_json::json!([]), "{:?}", t.backend);
        // Without the database the same file is valid: the exists codes come from the database alone.
        assert_eq!(check(&[path.to_str().expect("path")], None).status.code(), Some(0));
    }
}

#[test]
fn columns_match_headers_the_aliases_do_not_know() {
    let path = write_file(
        "matched.csv",
        "Prénom;Nom de naissance;Mail pro;Langue préférée;Service\nAna;Roux;ana@example.fr;fr;RH\n",
    );
    let path = path.to_str().expect("path");
    let refused = check(&[path, "--json"], None);
    assert_eq!(refused.status.code(), Some(2));
    assert_eq!(json(&refused)["file_error"]["code"], "file.missing_columns");

    let columns = "lastname=Nom de naissance,email=Mail pro,language=Langue préférée";
    let output = check(&[path, "--json", "--columns", columns], None);
    assert_eq!(output.status.code(), Some(0), "{}", String::from_utf8_lossy(&output.stderr));
    let report = json(&output);
    assert_eq!(report["rows"][0]["values"]["email"], "ana@example.fr");
    assert_eq!(report["rows"][0]["values"]["firstname"], "Ana", "the other cells keep their names");
    assert_eq!(report["rows"][0]["values"]["language"], "fr");
    assert_eq!(report["warnings"][0]["code"], "file.unknown_columns", "Service is still unknown");
}

#[test]
fn a_bad_columns_option_is_a_clear_error_with_exit_status_2() {
    let path = write_file("bad-columns.csv", "Prénom,Nom,Mail,Langue\nAna,Roux,ana@example.fr,fr\n");
    let path = path.to_str().expect("path");
    for (columns, says) in [
        ("firstname", "is not column=header"),
        ("name=Nom", "is not a column of the portal"),
        ("email=Mail,email=Nom", "matched to more than one"),
        ("email=Courriel", "the file has no header cell \"Courriel\""),
    ] {
        let output = check(&[path, "--columns", columns], None);
        assert_eq!(output.status.code(), Some(2), "{columns}");
        let stderr = String::from_utf8_lossy(&output.stderr);
        assert!(stderr.contains(says), "{columns}: {stderr}");
        assert!(output.stdout.is_empty(), "{columns}: nothing is checked");
    }
}
