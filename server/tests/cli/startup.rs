//! Commands started at once on a new database, as a script or two server instances do: the first one migrates,
//! the others wait for it and find nothing left to do, instead of racing it (`table "users" already exists`).

use std::process::{Command, Stdio};

use delivery::testing::temp_dir;

#[tokio::test]
async fn commands_started_together_on_a_new_database_all_succeed() {
    let dir = temp_dir("startup");
    let file = dir.join("learners.csv");
    std::fs::write(&file, "firstname,lastname,email,identifier,country,language\nAna,Roux,ana@example.fr,,FR,fr\n")
        .expect("write the file");
    // A few rounds, each on a new database: the race was lost about one time in three.
    for round in 0..3 {
        for (backend, url) in storage::testing::new_urls().await {
            let mut commands: Vec<Command> = Vec::new();
            for k in 0..2 {
                let mut check = Command::new(env!("CARGO_BIN_EXE_server"));
                check.arg("check").arg(&file).arg("--json");
                commands.push(check);
                let mut create = Command::new(env!("CARGO_BIN_EXE_server"));
                create.arg("create-admin").arg(format!("admin{round}-{k}@example.com"));
                commands.push(create);
            }
            let children: Vec<_> = commands
                .iter_mut()
                .map(|command| {
                    command
                        .current_dir(&dir)
                        .env("DATABASE_URL", &url)
                        .env("RUST_LOG", "warn")
                        .stdout(Stdio::piped())
                        .stderr(Stdio::piped())
                        .spawn()
                        .expect("start the server binary")
                })
                .collect();
            for child in children {
                let output = child.wait_with_output().expect("wait for the command");
                assert!(
                    output.status.success(),
                    "{backend:?}, round {round}: {}",
                    String::from_utf8_lossy(&output.stderr)
                );
            }
            let db = storage::connect(&url).await.expect("open the database");
            assert_eq!(storage::admins::count(&db).await.expect("count the admins"), 2, "{backend:?}");
        }
    }
}
