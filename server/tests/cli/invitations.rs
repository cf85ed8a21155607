//! The real server process and its delivery worker: invitations committed while no server runs (as when one is
//! killed right after an import commits) are all delivered, once each, when a server starts again.

use domain::InvitationState;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use delivery::testing::{free_port, temp_dir, Sink};
use sea_orm::EntityTrait;
use storage::entity::invitations;

#[tokio::test]
async fn invitations_committed_while_the_server_is_down_arrive_once_after_a_restart() {
    for t in storage::testing::all().await {
        storage::admins::create(&t.db, "cli-admin@example.com", "cli-admin@example.com", "x").await.expect("admin");
        let sink = Sink::start();
        let dir = temp_dir("restart");
        let file = dir.join("learners.csv");
        let rows: String = (0..20).map(|i| format!("Ana,Roux,restart{i}@example.org,,,fr\n")).collect();
        std::fs::write(&file, format!("firstname,lastname,email,identifier,country,language\n{rows}")).expect("file");
        let env = |command: &mut Command| {
            command
                .env("DATABASE_URL", &t.url)
                .env("ADMIN_EMAIL", "cli-admin@example.com")
                .env("SMTP_URL", sink.url())
                .env("RUST_LOG", "warn");
        };
        let mut import = Command::new(env!("CARGO_BIN_EXE_server"));
        import.arg("import").arg(&file);
        env(&mut import);
        assert_eq!(import.output().expect("import").status.code(), Some(0));
        assert!(sink.messages().is_empty(), "no server yet, no email");

        let port = free_port();
        let mut serve = Command::new(env!("CARGO_BIN_EXE_server"));
        serve.env("LEPTOS_SITE_ADDR", format!("127.0.0.1:{port}")).env("LEPTOS_SITE_ROOT", &dir);
        env(&mut serve);
        let mut server = serve.stdout(Stdio::null()).spawn().expect("start the server");
        // Until every invitation is marked sent (after the SMTP server's 250, so its email is in the sink): none is
        // left to send, and a sent invitation is never claimed again, so no duplicate can come later.
        let start = Instant::now();
        loop {
            let states = invitations::Entity::find().all(&t.db).await.expect("invitations");
            if states.len() == 20 && states.iter().all(|i| i.state == InvitationState::Sent) {
                break;
            }
            assert!(start.elapsed() < Duration::from_secs(60), "{:?}: not all sent: {states:?}", t.backend);
            tokio::time::sleep(Duration::from_millis(100)).await;
        }
        let _ = server.kill();
        let _ = server.wait();
        let mut to: Vec<String> = sink.messages().into_iter().map(|m| m.envelope_to).collect();
        to.sort();
        let mut expected: Vec<String> = (0..20).map(|i| format!("restart{i}@example.org")).collect();
        expected.sort();
        assert_eq!(to, expected, "{:?}: every invitation, once", t.backend);
    }
}
