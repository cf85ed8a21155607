//! 250 invitations delivered by one worker (pool of 4 SMTP connections) to the loopback SMTP sink, against the
//! sink's own acceptance rate for a trivial client (Python's smtplib, one connection). Prints the figures for
//! docs/benchmarks.md; asserts nothing about time.

use domain::InvitationState;
use std::process::Command;
use std::time::{Duration as StdDuration, Instant};

use delivery::testing::Sink;
use delivery::{DeliveryConfig, Mailer, Worker};
use rules::ValidUser;
use sea_orm::EntityTrait;
use storage::entity::{invitations, users};

const N: usize = 250;

#[tokio::main]
async fn main() {
    let sink = Sink::start();
    let port = sink.port;

    // The trivial client: one connection, N small messages, as fast as the sink accepts them.
    let client = r#"
import smtplib, sys, time
port, n = int(sys.argv[1]), int(sys.argv[2])
s = smtplib.SMTP("127.0.0.1", port)
start = time.perf_counter()
for i in range(n):
    s.sendmail("bench@example.org", [f"trivial{i}@example.org"], f"Subject: {i}\r\n\r\nhello {i}\r\n")
print(time.perf_counter() - start)
s.quit()
"#;
    let out = Command::new("/usr/bin/python3").args(["-c", client, &port.to_string(), &N.to_string()]).output();
    let trivial: f64 =
        out.ok().and_then(|o| String::from_utf8_lossy(&o.stdout).trim().parse().ok()).unwrap_or(f64::NAN);

    for t in storage::testing::all().await {
        let new_users: Vec<ValidUser> = (0..N)
            .map(|i| {
                let email = format!("bench{i}@example.org");
                ValidUser::check(["Zoé", "Learner", &email, "", "", ["fr", "en", "de", "es"][i % 4]])
                    .expect("a valid learner")
            })
            .collect();
        storage::users::insert_many(&t.db, &new_users, None).await.expect("users");
        let ids: Vec<i64> = users::Entity::find().all(&t.db).await.expect("ids").into_iter().map(|u| u.id).collect();
        storage::invitations::queue_many(&t.db, &ids).await.expect("queue");
        let mut config = DeliveryConfig::new(
            "https://learn.example.com",
            "Learners",
            "Learners <no-reply@example.com>".parse().expect("from"),
        );
        config.poll = StdDuration::from_millis(10);
        let worker =
            Worker::new(t.db.clone(), Mailer::smtp(&format!("smtp://127.0.0.1:{port}"), 4).expect("mailer"), config);
        let start = Instant::now();
        loop {
            worker.run_once().await.expect("run");
            let left = invitations::Entity::find()
                .all(&t.db)
                .await
                .expect("invitations")
                .iter()
                .filter(|i| i.state != InvitationState::Sent)
                .count();
            if left == 0 {
                break;
            }
        }
        let elapsed = start.elapsed().as_secs_f64();
        println!(
            "{:?}: {N} invitations delivered in {:.2} s ({:.0} messages/s); trivial client against the same sink: {:.0} messages/s",
            t.backend,
            elapsed,
            N as f64 / elapsed,
            N as f64 / trivial
        );
    }
}
