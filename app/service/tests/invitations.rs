//! Accepting an invitation and resending the failed ones, against SQLite and a real PostgreSQL: a link works once
//! however many requests race for it, and "Resend all failed" walks any number of failures in bounded batches.

use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Arc;

use argon2::password_hash::{PasswordHash, PasswordVerifier};
use chrono::{Duration, Utc};
use domain::{InvitationState, LinkState, UserStatus};
use rules::ValidUser;
use sea_orm::sea_query::Expr;
use sea_orm::{ColumnTrait, DatabaseConnection, EntityTrait, QueryFilter};
use service::invitations::{AcceptError, RESEND_BATCH};
use storage::entity::{invitations, users};
use storage::testing;

fn learner(email: &str) -> ValidUser {
    ValidUser::check(["Ana", "Roux", email, "", "", "fr"]).expect("a valid test learner")
}

/// Pending learners with a queued invitation each; returns their ids.
async fn with_invitations(db: &DatabaseConnection, emails: &[String]) -> Vec<i64> {
    let learners: Vec<ValidUser> = emails.iter().map(|e| learner(e)).collect();
    storage::users::insert_many(db, &learners, None).await.expect("insert");
    let ids: Vec<i64> = users::Entity::find()
        .filter(users::Column::Email.is_in(emails.iter().cloned()))
        .all(db)
        .await
        .expect("users")
        .into_iter()
        .map(|u| u.id)
        .collect();
    storage::invitations::queue_many(db, &ids).await.expect("queue");
    ids
}

/// A Pending learner whose invitation was sent with a live accept link; returns (user id, token), as the worker
/// leaves them.
async fn invited(db: &DatabaseConnection, email: &str) -> (i64, String) {
    let id = with_invitations(db, &[email.to_owned()]).await[0];
    let claimed = storage::invitations::claim(db, "test", Utc::now(), Duration::minutes(1), 1).await.expect("claim");
    let invitation = claimed[0].invitation.id;
    let token = storage::tokens::new_token();
    let hash = storage::tokens::hash_token(&token);
    let expires = Utc::now() + Duration::days(7);
    assert!(storage::queue::set_token::<storage::queue::Learners>(db, invitation, "test", &hash, expires)
        .await
        .expect("token"));
    storage::queue::mark_sent::<storage::queue::Learners>(db, invitation, "test", Utc::now()).await.expect("sent");
    (id, token)
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn parallel_accepts_of_one_link_let_exactly_one_set_the_password() {
    for t in testing::all().await {
        let (id, token) = invited(&t.db, "ana@example.org").await;
        let attempts: Vec<_> = (0..10)
            .map(|i| {
                let (db, token) = (t.db.clone(), token.clone());
                let password = format!("passphrase number {i}");
                tokio::spawn(async move {
                    let result = service::invitations::accept(&db, &token, password.clone()).await;
                    (password, result)
                })
            })
            .collect();
        let mut winners = Vec::new();
        for attempt in attempts {
            match attempt.await.expect("the task") {
                (password, Ok(())) => winners.push(password),
                (_, Err(AcceptError::UnusableLink)) => {}
                (_, Err(e)) => panic!("{:?}: {e}", t.backend),
            }
        }
        assert_eq!(winners.len(), 1, "{:?}: exactly one accept wins, not {winners:?}", t.backend);

        let user = users::Entity::find_by_id(id).one(&t.db).await.expect("read").expect("the user");
        assert_eq!(user.status, UserStatus::Active);
        let stored = user.password_hash.expect("a password hash");
        let parsed = PasswordHash::new(&stored).expect("a PHC string");
        assert!(
            argon2::Argon2::default().verify_password(winners[0].as_bytes(), &parsed).is_ok(),
            "{:?}: the stored password is the winner's",
            t.backend
        );
        let state = service::invitations::link_state(&t.db, &token).await.expect("link state");
        assert!(matches!(state, LinkState::Unusable), "{:?}: the link is used up", t.backend);
    }
}

#[tokio::test]
async fn an_expired_link_sets_no_password() {
    for t in testing::all().await {
        let (id, token) = invited(&t.db, "luc@example.org").await;
        invitations::Entity::update_many()
            .col_expr(invitations::Column::TokenExpiresAt, Expr::value(Utc::now() - Duration::seconds(1)))
            .filter(invitations::Column::UserId.eq(id))
            .exec(&t.db)
            .await
            .expect("expire");
        let result = service::invitations::accept(&t.db, &token, "a long passphrase".to_owned()).await;
        assert!(matches!(result, Err(AcceptError::UnusableLink)), "{:?}: {result:?}", t.backend);
        let user = users::Entity::find_by_id(id).one(&t.db).await.expect("read").expect("the user");
        assert_eq!((user.status, user.password_hash), (UserStatus::Pending, None));
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn resend_all_failed_requeues_more_than_a_batch_in_a_few_statements_per_batch() {
    for t in testing::all().await {
        let count = RESEND_BATCH as usize * 2 + 100;
        let emails: Vec<String> = (0..count).map(|i| format!("failed{i}@example.org")).collect();
        with_invitations(&t.db, &emails).await;
        // Failed an hour ago, as the worker leaves a refused invitation.
        invitations::Entity::update_many()
            .col_expr(invitations::Column::State, Expr::value(InvitationState::Failed))
            .col_expr(invitations::Column::LastError, Expr::value("550 mailbox unavailable"))
            .col_expr(invitations::Column::UpdatedAt, Expr::value(Utc::now() - Duration::hours(1)))
            .exec(&t.db)
            .await
            .expect("fail them");
        // Left alone: a learner who has accepted since, and a failure of a moment ago (a double click's gap).
        let active = with_invitations(&t.db, &["active@example.org".to_owned()]).await[0];
        let recent = with_invitations(&t.db, &["recent@example.org".to_owned()]).await[0];
        assert!(storage::users::activate(&t.db, active, "$argon2id$x").await.expect("activate"));
        for (user, at) in [(active, Utc::now() - Duration::hours(1)), (recent, Utc::now())] {
            invitations::Entity::update_many()
                .col_expr(invitations::Column::State, Expr::value(InvitationState::Failed))
                .col_expr(invitations::Column::UpdatedAt, Expr::value(at))
                .filter(invitations::Column::UserId.eq(user))
                .exec(&t.db)
                .await
                .expect("fail it");
        }

        let statements = Arc::new(AtomicUsize::new(0));
        let mut counted = storage::connect(&t.url).await.expect("connect");
        let counter = Arc::clone(&statements);
        counted.set_metric_callback(move |_| {
            counter.fetch_add(1, Ordering::Relaxed);
        });
        let queued = service::invitations::resend_failed(&counted).await.expect("resend");

        assert_eq!(queued as usize, count, "{:?}", t.backend);
        let batches = count.div_ceil(RESEND_BATCH as usize);
        let statements = statements.load(Ordering::Relaxed);
        assert!(statements <= 2 * batches + 1, "{:?}: {statements} statements for {batches} batches", t.backend);
        let all = invitations::Entity::find().all(&t.db).await.expect("invitations");
        let requeued = all
            .iter()
            .filter(|i| i.state == InvitationState::Queued && i.attempts == 0 && i.last_error.is_none())
            .count();
        assert_eq!(requeued, count);
        let left: Vec<i64> = all.iter().filter(|i| i.state == InvitationState::Failed).map(|i| i.user_id).collect();
        assert_eq!(left.len(), 2, "{:?}: {left:?}", t.backend);
        assert!(left.contains(&active) && left.contains(&recent));
    }
}
