//! `server create-token --admin EMAIL NAME`: the token printed once, alone on stdout, authenticates as that admin;
//! an unknown admin is exit status 2 with a message saying so.

use std::process::{Command, Output};

use domain::Actor;

fn server(args: &[&str], database_url: &str) -> Output {
    Command::new(env!("CARGO_BIN_EXE_server"))
        .args(args)
        .env("DATABASE_URL", database_url)
        .env("ADMIN_EMAIL", "cli-admin@example.com")
        .env("RUST_LOG", "off")
        .output()
        .expect("run the server binary")
}

#[tokio::test]
async fn a_token_made_on_the_command_line_acts_as_its_admin() {
    for t in storage::testing::all().await {
        let ops = storage::admins::create(&t.db, "ops@example.com", "ops@example.com", "x").await.expect("admin");

        let made =
            server(&["create-token", "--admin", "Ops@Example.com", "SIS nightly", "--expires-days", "90"], &t.url);
        let (stdout, stderr) = (String::from_utf8_lossy(&made.stdout), String::from_utf8_lossy(&made.stderr));
        assert_eq!(made.status.code(), Some(0), "{:?}: {stderr}", t.backend);
        // The token alone on its line, so `TOKEN=$(server create-token ...)` holds just it.
        let token = stdout.strip_suffix('\n').expect("one line");
        assert!(!token.contains(char::is_whitespace), "{stdout:?}");
        assert!(token.starts_with("bi_") && token.len() == 46, "{token}");
        assert!(stderr.contains("will not be shown again") && stderr.contains("SIS nightly"), "{stderr}");
        assert!(!stderr.contains(token), "the secret goes to stdout only");

        let actor = service::tokens::authenticate(&t.db, Some(&format!("Bearer {token}"))).await.expect("accepted");
        assert_eq!(actor.admin_id, ops.id, "{:?}", t.backend);
        let listed = service::tokens::list(&t.db).await.expect("list");
        assert_eq!(listed.len(), 1);
        assert_eq!((listed[0].name.as_str(), listed[0].admin.as_str()), ("SIS nightly", "ops@example.com"));
        assert!(listed[0].expires_at.is_some());
        assert_eq!(actor, Actor { admin_id: ops.id, token_id: Some(listed[0].id) });

        let unknown = server(&["create-token", "--admin", "nobody@example.com", "x"], &t.url);
        assert_eq!(unknown.status.code(), Some(2), "{:?}", t.backend);
        assert!(unknown.stdout.is_empty());
        let message = String::from_utf8_lossy(&unknown.stderr);
        assert!(message.contains("No admin has the email nobody@example.com"), "{message}");

        let too_long = server(&["create-token", "--admin", "ops@example.com", "x", "--expires-days", "0"], &t.url);
        assert_eq!(too_long.status.code(), Some(2));
        assert!(String::from_utf8_lossy(&too_long.stderr).contains("1 to 3650 days"));
        assert_eq!(service::tokens::list(&t.db).await.expect("list").len(), 1, "nothing made when refused");
    }
}
