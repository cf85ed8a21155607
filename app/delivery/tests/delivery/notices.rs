//! The email-change notice: an `update` import that changes an Active learner's address tells the old address, once,
//! in the learner's language, naming the new one; a Pending learner gets a new invitation instead. Queued in the
//! import's own transaction (a refused import queues nothing), sent once by competing workers, retried through an
//! SMTP outage.

use std::time::Duration as StdDuration;

use chrono::Duration;
use delivery::testing::{free_port, temp_dir, Received, Sink, TestClock};
use delivery::{Mailer, Worker};
use domain::{Actor, ConfirmAnswer, ConfirmRequest, InvitationState, RosterOptions, SubmittedRow};
use rules::Mode;
use sea_orm::{ColumnTrait, DatabaseConnection, EntityTrait, QueryFilter};
use service::import::SyncPolicy;
use storage::entity::{notices, users};
use storage::testing::TestDb;

use crate::helpers::*;

async fn admin(db: &DatabaseConnection) -> Actor {
    Actor::admin(storage::admins::create(db, "admin@x.fr", "admin@x.fr", "$argon2id$test").await.expect("admin").id)
}

/// A row: first name, last name, email, identifier, country, language, groups, status.
fn row(row: u32, values: [&str; 8]) -> SubmittedRow {
    SubmittedRow { row, values: values.map(String::from).into(), seen: None }
}

fn request(id: &str, rows: Vec<SubmittedRow>, mode: Mode) -> ConfirmRequest {
    ConfirmRequest {
        request_id: id.to_owned(),
        file_name: format!("{id}.csv"),
        file_sha256: format!("{:0>64}", id.len()),
        rows,
        send_invitations: true,
        ignore_errors: false,
        roster: RosterOptions { mode, ..Default::default() },
    }
}

async fn confirm(
    db: &DatabaseConnection,
    actor: Actor,
    id: &str,
    rows: Vec<SubmittedRow>,
    mode: Mode,
) -> ConfirmAnswer {
    service::import::confirm(db, actor, request(id, rows, mode), SyncPolicy::default()).await.expect("a confirm")
}

async fn activate(db: &DatabaseConnection, email: &str) -> i64 {
    let user = users::Entity::find()
        .filter(users::Column::EmailNormalized.eq(email))
        .one(db)
        .await
        .expect("q")
        .expect("the learner");
    assert!(storage::users::activate(db, user.id, "$argon2id$x").await.expect("activate"));
    user.id
}

async fn all_notices(t: &TestDb) -> Vec<notices::Model> {
    notices::Entity::find().all(&t.db).await.expect("notices")
}

fn worker(t: &TestDb, sink: &Sink, clock: &TestClock) -> Worker {
    Worker::new(t.db.clone(), Mailer::smtp(&sink.url(), 2).expect("mailer"), config(clock))
}

fn to<'a>(messages: &'a [Received], address: &str) -> &'a Received {
    messages.iter().find(|m| m.envelope_to == address).unwrap_or_else(|| panic!("no email to {address}"))
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_update_changing_an_active_learners_email_tells_the_old_address_once_in_their_language() {
    for t in storage::testing::all().await {
        let sink = Sink::start();
        let clock = TestClock::new();
        let actor = admin(&t.db).await;
        let class = vec![
            row(2, ["Ana", "Roux", "ana@x.fr", "S-1", "", "fr", "", ""]),
            row(3, ["Bob", "Roux", "bob@x.fr", "S-2", "", "fr", "", ""]),
            row(4, ["Eva", "Lang", "eva@x.de", "S-3", "", "de", "", ""]),
        ];
        assert_eq!(confirm(&t.db, actor, "class", class, Mode::Add).await.created, 3);
        drain(&t, &[worker(&t, &sink, &clock)], &clock, StdDuration::from_secs(30)).await;
        assert_one_email_each(&sink.messages(), &["ana@x.fr", "bob@x.fr", "eva@x.de"], &t);
        let ana = activate(&t.db, "ana@x.fr").await;
        activate(&t.db, "eva@x.de").await;

        // Ana (Active) gets a new address; Bob (Pending) too; Eva (Active) only a new surname and her address in
        // upper case, which is the same address.
        let update = vec![
            row(2, ["Ana", "Roux", "Ana.Roux@new.fr", "S-1", "", "fr", "", ""]),
            row(3, ["Bob", "Roux", "bob.roux@new.fr", "S-2", "", "fr", "", ""]),
            row(4, ["Eva", "Lang-Berg", "EVA@x.de", "S-3", "", "de", "", ""]),
        ];
        // A refused confirm (a row with an error, errors not ignored) writes nothing, so queues no notice.
        let mut refused_rows = update.clone();
        refused_rows.push(row(5, ["Zoe", "", "not-an-email", "", "", "fr", "", ""]));
        let refused = confirm(&t.db, actor, "refused", refused_rows, Mode::Update).await;
        assert!(!refused.imported, "{:?}", t.backend);
        assert!(all_notices(&t).await.is_empty(), "{:?}: a refused import queued a notice", t.backend);

        let answer = confirm(&t.db, actor, "update", update.clone(), Mode::Update).await;
        assert_eq!((answer.imported, answer.counts.updated), (true, 3), "{:?}: {answer:?}", t.backend);
        let queued = all_notices(&t).await;
        assert_eq!(queued.len(), 1, "{:?}: one notice, Ana's: {queued:?}", t.backend);
        assert_eq!(
            (
                queued[0].user_id,
                queued[0].to_email.as_str(),
                queued[0].new_email.as_deref(),
                queued[0].language.as_str()
            ),
            (Some(ana), "ana@x.fr", Some("Ana.Roux@new.fr"), "fr")
        );

        drain(&t, &[worker(&t, &sink, &clock)], &clock, StdDuration::from_secs(30)).await;
        let messages = sink.messages();
        let new = &messages[3..];
        // The notice to Ana's old address, and Bob's new invitation to his new one; nothing else.
        assert_one_email_each(new, &["ana@x.fr", "bob.roux@new.fr"], &t);
        let notice = to(new, "ana@x.fr");
        assert_eq!(notice.subject, "Votre adresse de connexion à Learners a été modifiée", "{:?}", t.backend);
        assert!(notice.text.contains("ana@x.fr est remplacée par Ana.Roux@new.fr"), "{}", notice.text);
        assert!(notice.text.contains("contactez votre administrateur"), "{}", notice.text);
        assert!(notice.html.contains("Ana.Roux@new.fr") && notice.html.contains("<html lang=\"fr\">"));
        assert!(!notice.text.contains("/invite/"), "a notice carries no link: {}", notice.text);
        assert!(to(new, "bob.roux@new.fr").text.contains("https://learn.example.com/invite/"), "Bob is invited");
        let sent = all_notices(&t).await;
        assert_eq!((sent[0].state, sent[0].attempts, sent[0].claim_token.clone()), (InvitationState::Sent, 1, None));

        // The same file again (a nightly update): nothing changes, nothing is sent.
        let again = confirm(&t.db, actor, "update-again", update, Mode::Update).await;
        assert_eq!((again.counts.updated, again.counts.unchanged), (0, 3), "{:?}: {again:?}", t.backend);
        clock.advance(Duration::hours(2));
        drain(&t, &[worker(&t, &sink, &clock)], &clock, StdDuration::from_secs(30)).await;
        assert_eq!(sink.messages().len(), 5, "{:?}: nothing sent again", t.backend);
        assert_eq!(all_notices(&t).await.len(), 1);
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn two_workers_with_their_own_pools_send_each_notice_once() {
    for t in storage::testing::all().await {
        let sink = Sink::start();
        let clock = TestClock::new();
        let actor = admin(&t.db).await;
        let n = 60;
        let old: Vec<String> = (0..n).map(|i| format!("pupil{i}@old.example")).collect();
        let new: Vec<String> = (0..n).map(|i| format!("pupil{i}@new.example")).collect();
        let id = |i: usize| format!("P-{i}");
        let rows = |emails: &[String]| -> Vec<SubmittedRow> {
            (0..n).map(|i| row(i as u32 + 2, ["Léa", "Roux", &emails[i], &id(i), "", "de", "", ""])).collect()
        };
        assert_eq!(confirm(&t.db, actor, "class", rows(&old), Mode::Add).await.created, n as u32);
        drain(&t, &[worker(&t, &sink, &clock)], &clock, StdDuration::from_secs(60)).await;
        let invitations = sink.messages().len();
        assert_eq!(invitations, n, "{:?}", t.backend);
        for email in &old {
            activate(&t.db, email).await;
        }
        let answer = confirm(&t.db, actor, "new-addresses", rows(&new), Mode::Update).await;
        assert_eq!(answer.counts.updated, n as u32, "{:?}", t.backend);
        assert_eq!(all_notices(&t).await.len(), n);

        // Two workers with their own connection pools, as two server instances would have.
        let second_db = storage::connect(&t.url).await.expect("second connection");
        let a = worker(&t, &sink, &clock);
        let b = Worker::new(second_db, Mailer::smtp(&sink.url(), 2).expect("mailer"), config(&clock));
        drain(&t, &[a, b], &clock, StdDuration::from_secs(120)).await;
        let messages = sink.messages();
        let notices = &messages[invitations..];
        let recipients: Vec<&str> = old.iter().map(String::as_str).collect();
        assert_one_email_each(notices, &recipients, &t);
        assert!(notices.iter().all(|m| m.subject == "Ihre Anmelde-E-Mail-Adresse für Learners wurde geändert"));
        assert!(all_notices(&t).await.iter().all(|n| n.state == InvitationState::Sent && n.attempts == 1));
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn with_smtp_down_a_notice_waits_and_arrives_once_when_it_comes_back() {
    for t in storage::testing::all().await {
        let actor = admin(&t.db).await;
        // Imported without invitations: only the notice goes through this mail server.
        let class = vec![row(2, ["Ana", "Roux", "ana@x.fr", "S-1", "", "it", "", ""])];
        let add = ConfirmRequest { send_invitations: false, ..request("class", class, Mode::Add) };
        let added = service::import::confirm(&t.db, actor, add, SyncPolicy::default()).await.expect("the class");
        assert_eq!(added.created, 1, "{added:?}");
        activate(&t.db, "ana@x.fr").await;
        let update = vec![row(2, ["Ana", "Roux", "ana@y.fr", "S-1", "", "it", "", ""])];
        let answer = confirm(&t.db, actor, "update", update, Mode::Update).await;
        assert_eq!(answer.counts.updated, 1, "{:?}: {answer:?}", t.backend);

        // Started after the confirm, so the notice is due at once.
        let clock = TestClock::new();
        // The mail server is down: a temporary failure, back in the queue after the backoff, with its reason.
        let port = free_port();
        let smtp = Mailer::smtp(&format!("smtp://127.0.0.1:{port}"), 2).expect("mailer");
        let down = Worker::new(t.db.clone(), smtp, config(&clock));
        assert_eq!(down.run_once().await.expect("run"), 1, "{:?}", t.backend);
        let waiting = all_notices(&t).await.remove(0);
        assert_eq!((waiting.state, waiting.attempts), (InvitationState::Queued, 1), "{:?}", t.backend);
        assert!(waiting.last_error.is_some() && waiting.sent_at.is_none(), "{waiting:?}");
        assert!(waiting.next_attempt_at > clock.now(), "retried later, not at once");
        assert_eq!(down.run_once().await.expect("run"), 0, "not retried before its delay");

        // It comes back: the notice arrives, once, in English (Italian has no notice text).
        let sink = Sink::start_on(port, temp_dir("mail"));
        clock.advance(Duration::seconds(1));
        drain(&t, &[down], &clock, StdDuration::from_secs(30)).await;
        let messages = sink.messages();
        assert_one_email_each(&messages, &["ana@x.fr"], &t);
        assert_eq!(messages[0].subject, "Your sign-in email for Learners was changed");
        assert!(messages[0].text.contains("changed from ana@x.fr to ana@y.fr"), "{}", messages[0].text);
        let sent = all_notices(&t).await.remove(0);
        assert_eq!((sent.state, sent.attempts, sent.last_error), (InvitationState::Sent, 2, None), "{:?}", t.backend);
    }
}
