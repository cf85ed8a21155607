//! What a learner receives: one email in their language with a working link, an `.eml` file when no SMTP server
//! is set, and a permanent refusal recorded for the admin.

use domain::InvitationState;
use std::collections::HashMap;
use std::time::Duration as StdDuration;

use chrono::Duration;
use delivery::testing::{temp_dir, Received, Sink, TestClock};
use delivery::{Mailer, Worker};
use sea_orm::EntityTrait;
use storage::entity::users;

use crate::helpers::*;

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn each_user_gets_one_email_in_their_language_with_a_working_link() {
    for t in storage::testing::all().await {
        let sink = Sink::start();
        import(
            &t.db,
            &[
                ("Élodie", "elodie@example.fr", "fr"),
                ("Jonas", "jonas@example.de", "de"),
                ("Yuki", "yuki@example.jp", "ja"),
                ("Ann", "ann@example.org", "en"),
            ],
        )
        .await;
        let clock = TestClock::new();
        let worker = Worker::new(t.db.clone(), Mailer::smtp(&sink.url(), 4).expect("mailer"), config(&clock));
        drain(&t, &[worker], &clock, StdDuration::from_secs(30)).await;
        let messages = sink.messages();
        assert_eq!(messages.len(), 4, "{:?}", t.backend);
        let by_to: HashMap<&str, &Received> = messages.iter().map(|m| (m.envelope_to.as_str(), m)).collect();
        assert_eq!(by_to["elodie@example.fr"].subject, "Votre invitation à Learners");
        assert_eq!(by_to["jonas@example.de"].subject, "Ihre Einladung zu Learners");
        assert_eq!(by_to["yuki@example.jp"].subject, "Your invitation to Learners", "untranslated → English");
        assert!(by_to["elodie@example.fr"].text.starts_with("Bonjour Élodie Lefèvre,"));
        // The link's token is the one the database knows (by its hash), and it is in both bodies.
        for invitation in state_of(&t).await {
            assert_eq!(invitation.state, InvitationState::Sent, "{:?}", t.backend);
            let user = users::Entity::find_by_id(invitation.user_id).one(&t.db).await.expect("q").expect("user");
            let mail = by_to[user.email.as_str()];
            let token = mail
                .text
                .split("https://learn.example.com/invite/")
                .nth(1)
                .and_then(|rest| rest.split_whitespace().next())
                .expect("an accept link");
            assert_eq!(invitation.token_hash.as_deref(), Some(storage::tokens::hash_token(token).as_str()));
            assert!(mail.html.contains(&format!("https://learn.example.com/invite/{token}")));
            // Sent on the worker's clock, and the link works for seven days from then (the email says so).
            let sent_at = invitation.sent_at.expect("sent_at");
            assert!(sent_at >= clock.now() - Duration::seconds(1) && sent_at <= clock.now(), "{sent_at}");
            assert_eq!(invitation.token_expires_at.map(|at| (at - sent_at).num_days()), Some(7));
        }
    }
}

#[tokio::test]
async fn without_smtp_emails_are_written_as_eml_files() {
    let t = storage::testing::sqlite().await;
    let dir = temp_dir("eml");
    import(&t.db, &[("Ana", "ana@example.org", "es")]).await;
    let clock = TestClock::new();
    let worker = Worker::new(t.db.clone(), Mailer::files(dir.clone()).expect("mailer"), config(&clock));
    drain(&t, &[worker], &clock, StdDuration::from_secs(30)).await;
    let files: Vec<_> = std::fs::read_dir(&dir).expect("dir").filter_map(|e| e.ok()).collect();
    assert_eq!(files.len(), 1);
    let bytes = std::fs::read(files[0].path()).expect("read");
    let parsed = mail_parser::MessageParser::default().parse(&bytes).expect("parse");
    assert_eq!(parsed.subject(), Some("Tu invitación a Learners"));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_permanent_refusal_is_recorded_and_resend_tries_again() {
    for t in storage::testing::all().await {
        let sink = Sink::start();
        import(&t.db, &[("Ana", "reject-ana@example.org", "en"), ("Luc", "luc@example.org", "en")]).await;
        let clock = TestClock::new();
        let worker = Worker::new(t.db.clone(), Mailer::smtp(&sink.url(), 2).expect("mailer"), config(&clock));
        drain(&t, std::slice::from_ref(&worker), &clock, StdDuration::from_secs(30)).await;
        let states = state_of(&t).await;
        let failed: Vec<_> = states.iter().filter(|i| i.state == InvitationState::Failed).collect();
        assert_eq!(failed.len(), 1, "{states:?}");
        assert_eq!(failed[0].attempts, 1, "a 5xx is not retried");
        assert!(failed[0].last_error.as_deref().unwrap_or_default().contains("550"), "{:?}", failed[0].last_error);
        // Resend: the admin's button queues it again; it is tried once more (and refused again here).
        let failed_users = storage::invitations::failed_user_ids(&t.db).await.expect("failed");
        assert_eq!(failed_users, vec![failed[0].user_id]);
        assert!(storage::invitations::requeue(&t.db, failed[0].user_id, Duration::zero()).await.expect("requeue"));
        drain(&t, std::slice::from_ref(&worker), &clock, StdDuration::from_secs(30)).await;
        let again = state_of(&t).await.into_iter().find(|i| i.id == failed[0].id).expect("row");
        assert_eq!((again.state, again.attempts), (InvitationState::Failed, 1));
        // Resending a delivered invitation sends a second email with a new link.
        let sent = states.iter().find(|i| i.state == InvitationState::Sent).expect("one sent");
        assert!(storage::invitations::requeue(&t.db, sent.user_id, Duration::zero()).await.expect("requeue"));
        drain(&t, std::slice::from_ref(&worker), &clock, StdDuration::from_secs(30)).await;
        assert_eq!(per_recipient(&sink.messages()).get("luc@example.org"), Some(&2), "{:?}", t.backend);
    }
}
