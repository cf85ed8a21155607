//! Invitation delivery against a trivial SMTP client: 250 queued invitations delivered by one worker (the
//! server's default SMTP pool) to the loopback SMTP sink, on SQLite and on PostgreSQL, against Python's smtplib
//! sending 250 one-line messages on one connection to the same sink, timed alternately in this same run.
//! Records the rows of docs/benchmarks.md's "Invitations" table through benchkit; asserts nothing about time.

use std::process::Command;
use std::time::{Duration as StdDuration, Instant};

use benchkit::{Goal, Row};
use delivery::testing::Sink;
use delivery::{DeliveryConfig, Mailer, Worker};
use domain::InvitationState;
use rules::ValidUser;
use sea_orm::{ColumnTrait, EntityTrait, PaginatorTrait, QueryFilter};
use storage::entity::{invitations, users};
use storage::Backend;

const N: usize = 250;
const RUNS: usize = 5;

/// The trivial client: one connection, N small messages, as fast as the sink accepts them. Prints its seconds.
const SMTPLIB: &str = r#"
import smtplib, sys, time
port, n = int(sys.argv[1]), int(sys.argv[2])
s = smtplib.SMTP("127.0.0.1", port)
start = time.perf_counter()
for i in range(n):
    s.sendmail("bench@example.org", [f"trivial{i}@example.org"], f"Subject: {i}\r\n\r\nhello {i}\r\n")
print(time.perf_counter() - start)
s.quit()
"#;

fn smtplib_seconds(port: u16) -> f64 {
    let out = Command::new("/usr/bin/python3")
        .args(["-c", SMTPLIB, &port.to_string(), &N.to_string()])
        .output()
        .expect("run python3");
    let text = String::from_utf8_lossy(&out.stdout);
    text.trim().parse().unwrap_or_else(|_| panic!("smtplib client: {text:?} {}", String::from_utf8_lossy(&out.stderr)))
}

/// Delivers everything queued; returns the time it took.
async fn deliver_all(worker: &Worker) -> StdDuration {
    let start = Instant::now();
    let mut claimed = 0;
    while claimed < N {
        let n = worker.run_once().await.expect("a delivery round");
        if n == 0 {
            break;
        }
        claimed += n;
    }
    start.elapsed()
}

#[tokio::main]
async fn main() {
    let sink = Sink::start();
    let port = sink.port;
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
        let mut config = DeliveryConfig::new(
            "https://learn.example.com",
            "Learners",
            "Learners <no-reply@example.com>".parse().expect("from"),
        );
        config.poll = StdDuration::from_millis(10);
        let mailer = Mailer::smtp(&sink.url(), delivery::DEFAULT_SMTP_CONNECTIONS).expect("mailer");
        let worker = Worker::new(t.db.clone(), mailer, config);

        let (mut ours, mut theirs) = (Vec::new(), Vec::new());
        // One untimed round first: connections, statement caches and the sink are warm in every timed one.
        for run in 0..=RUNS {
            if run == 0 {
                storage::invitations::queue_many(&t.db, &ids).await.expect("queue");
            } else {
                // The admin's Resend: every invitation queued again, due now.
                assert_eq!(storage::invitations::resend_many(&t.db, &ids).await.expect("requeue"), N as u64);
            }
            let took = deliver_all(&worker).await;
            let sent = invitations::Entity::find()
                .filter(invitations::Column::State.eq(InvitationState::Sent))
                .count(&t.db)
                .await
                .expect("count");
            assert_eq!(sent, N as u64, "{:?}: every invitation sent", t.backend);
            let trivial = smtplib_seconds(port);
            if run > 0 {
                ours.push(took);
                theirs.push(StdDuration::from_secs_f64(trivial));
            }
        }
        let database = match t.backend {
            Backend::Sqlite => "SQLite",
            Backend::Postgres => "PostgreSQL",
        };
        Row::new(
            "Invitations",
            &format!("{N} invitations delivered, {database}"),
            "messages/s",
            benchkit::seconds(&ours).rate(N as f64),
        )
        .anchor("Python smtplib, one connection, same sink", benchkit::seconds(&theirs).rate(N as f64))
        .goal(Goal::RatioAtLeast(0.5))
        .record();
    }
    let received = std::fs::read_dir(&sink.dir).map(|d| d.count()).unwrap_or_default();
    eprintln!("the sink received {received} messages");
}
