//! The README's "Automate imports" example works as printed: its shell block runs against a real server (the
//! binary, on loopback), with only the server's address and the binary's path put in.

use std::process::{Child, Command, Stdio};
use std::time::Duration;

use delivery::testing::temp_dir;

const README: &str = include_str!("../../../README.md");

/// The `n`th `sh` block after the "Automate imports" heading (from 1).
fn example(n: usize) -> String {
    let section = README.split("## Automate imports").nth(1).expect("the README has an Automate imports section");
    let block = section.split("```sh\n").nth(n).expect("a sh block");
    block.split("```").next().expect("a closed block").to_owned()
}

struct Server(Child);

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

#[tokio::test]
async fn the_readme_curl_example_checks_then_imports_once() {
    let dir = temp_dir("readme");
    let db_url = format!("sqlite://{}?mode=rwc", dir.join("portal.db").display());
    let port = std::net::TcpListener::bind("127.0.0.1:0").unwrap().local_addr().unwrap().port();
    let address = format!("http://127.0.0.1:{port}");
    let server = Server(
        Command::new(env!("CARGO_BIN_EXE_server"))
            .current_dir(&dir)
            .env("DATABASE_URL", &db_url)
            .env("LEPTOS_SITE_ADDR", format!("127.0.0.1:{port}"))
            .env("RUST_LOG", "warn")
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .expect("start the server"),
    );
    let client = reqwest::Client::new();
    let mut up = false;
    for _ in 0..200 {
        if client.get(format!("{address}/healthz")).send().await.is_ok_and(|r| r.status().is_success()) {
            up = true;
            break;
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    assert!(up, "the server did not start");

    let script = example(1)
        .replace("PORTAL=http://127.0.0.1:3000", &format!("PORTAL={address}"))
        .replace("target/release/server", env!("CARGO_BIN_EXE_server"));
    assert!(script.contains(&address) && script.contains("curl"), "{script}");
    let run_script = |script: &str| {
        let output = Command::new("bash")
            .args(["-euo", "pipefail", "-c", script])
            .current_dir(&dir)
            .env("DATABASE_URL", &db_url)
            .env("RUST_LOG", "warn")
            .output()
            .expect("run the example");
        let stdout = String::from_utf8_lossy(&output.stdout).into_owned();
        assert!(output.status.success(), "{stdout}{}", String::from_utf8_lossy(&output.stderr));
        let answers: Vec<serde_json::Value> =
            serde_json::Deserializer::from_str(&stdout).into_iter().collect::<Result<_, _>>().expect("JSON answers");
        answers
    };
    // Two JSON answers: the dry run's report, then the import's outcome.
    let run = || {
        let answers = run_script(&script);
        assert_eq!(answers.len(), 2, "{answers:?}");
        answers
    };
    let first = run();
    assert_eq!(first[0]["summary"], serde_json::json!({"total": 1, "valid": 1, "invalid": 0}), "the dry run's report");
    assert_eq!(first[1]["created"], 1, "{}", first[1]);
    // Run again (the nightly job retried): the same day's key answers the first outcome, nothing imported twice.
    let second = run();
    assert_eq!(second[1]["import_id"], first[1]["import_id"]);
    let db = storage::connect(&db_url).await.expect("the database");
    use sea_orm::{ConnectionTrait, Statement};
    let count = Statement::from_string(db.get_database_backend(), "SELECT COUNT(*) FROM users");
    let users: i64 = db.query_one_raw(count).await.unwrap().expect("a row").try_get_by_index(0).unwrap();
    assert_eq!(users, 1, "one learner, imported once");

    // The nightly sync, run after the first block (its PORTAL and TOKEN), twice: the second night changes nothing.
    let nightly = format!("{script}\n{}", example(2));
    let answers = run_script(&nightly);
    assert_eq!(answers.len(), 4, "{answers:?}");
    let (preview, sync) = (&answers[2], &answers[3]);
    let difference = &preview["difference"];
    assert_eq!((difference["new"].as_u64(), difference["updated"].as_u64()), (Some(1), Some(1)), "{preview}");
    assert_eq!(difference["new_groups"], serde_json::json!(["3B"]), "{preview}");
    let ana = &preview["rows"][0];
    assert_eq!(ana["label"], "update", "{ana}");
    assert_eq!(ana["changes"][0], serde_json::json!({"column": "lastname", "old": "Roux", "new": "Roux-Martin"}));
    assert_eq!((sync["created"].as_u64(), sync["updated"].as_u64()), (Some(1), Some(1)), "{sync}");
    let again = run_script(&nightly);
    assert_eq!((again[3]["created"].as_u64(), again[3]["unchanged"].as_u64()), (Some(0), Some(2)), "{}", again[3]);
    drop(server);
}
