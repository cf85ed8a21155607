//! The invitation queue: exclusive claims, leases that run out, a batch's tokens and sent marks, and accept tokens
//! used once.

use domain::InvitationState;
use rules::ValidUser;
use sea_orm::EntityTrait;
use storage::entity::{invitations, users};
use storage::queue::{self, Learners};
use storage::testing;

use crate::helpers::*;

async fn queued_users(db: &sea_orm::DatabaseConnection, n: usize) -> Vec<i64> {
    let users: Vec<ValidUser> = (0..n).map(|i| learner(&format!("l{i}@example.org"), None)).collect();
    storage::users::insert_many(db, &users, None).await.unwrap();
    let ids: Vec<i64> = users::Entity::find().all(db).await.unwrap().into_iter().map(|u| u.id).collect();
    storage::invitations::queue_many(db, &ids).await.unwrap();
    ids
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn concurrent_claims_never_take_the_same_invitation() {
    use chrono::{Duration, Utc};
    for t in testing::all().await {
        queued_users(&t.db, 120).await;
        let claim = |token: &'static str, db: sea_orm::DatabaseConnection| async move {
            let mut mine = Vec::new();
            for round in 0.. {
                // A claim token per claim, as the worker does.
                let claim_token = format!("{token}-{round}");
                match storage::invitations::claim(&db, &claim_token, Utc::now(), Duration::minutes(5), 7).await {
                    Ok(batch) if batch.is_empty() => return mine,
                    Ok(batch) => mine.extend(batch.into_iter().map(|c| c.invitation.id)),
                    // A claim reads, then writes: on SQLite it waits for the competing writer rather than failing.
                    Err(e) => panic!("{e}"),
                }
            }
            mine
        };
        let (a, b, c) = tokio::join!(
            tokio::spawn(claim("worker-a", t.db.clone())),
            tokio::spawn(claim("worker-b", t.db.clone())),
            tokio::spawn(claim("worker-c", t.db.clone())),
        );
        let mut all: Vec<i64> = [a.unwrap(), b.unwrap(), c.unwrap()].concat();
        let total = all.len();
        all.sort_unstable();
        all.dedup();
        assert_eq!((total, all.len()), (120, 120), "{:?}: every invitation claimed exactly once", t.backend);
    }
}

#[tokio::test]
async fn a_lost_claim_cannot_finish_and_an_expired_lease_is_taken_over() {
    use chrono::{Duration, Utc};
    for t in testing::all().await {
        queued_users(&t.db, 1).await;
        let now = Utc::now();
        let first = storage::invitations::claim(&t.db, "first", now, Duration::seconds(30), 10).await.unwrap();
        assert_eq!(first.len(), 1);
        let id = first[0].invitation.id;
        assert!(storage::invitations::claim(&t.db, "second", now, Duration::seconds(30), 10).await.unwrap().is_empty());
        // The first worker died: after its lease, another takes the invitation over...
        let later = now + Duration::seconds(31);
        let second = storage::invitations::claim(&t.db, "second", later, Duration::seconds(30), 10).await.unwrap();
        assert_eq!(second.len(), 1);
        assert_eq!(second[0].invitation.attempts, 2);
        // ...and the first one's late steps change nothing.
        assert!(!queue::set_token::<Learners>(&t.db, id, "first", "hash", later).await.unwrap());
        queue::mark_sent::<Learners>(&t.db, id, "first", later).await.unwrap();
        let row = invitations::Entity::find_by_id(id).one(&t.db).await.unwrap().unwrap();
        assert_eq!(row.state, InvitationState::Sending, "{:?}", t.backend);
        assert!(queue::set_token::<Learners>(&t.db, id, "second", "hash", later).await.unwrap());
        queue::mark_sent::<Learners>(&t.db, id, "second", later).await.unwrap();
        let row = invitations::Entity::find_by_id(id).one(&t.db).await.unwrap().unwrap();
        assert_eq!((row.state, row.claim_token), (InvitationState::Sent, None));
        // A sent invitation is requeued only after the gap.
        assert!(!storage::invitations::requeue(&t.db, row.user_id, Duration::minutes(15)).await.unwrap());
        assert!(storage::invitations::requeue(&t.db, row.user_id, Duration::zero()).await.unwrap());
    }
}

#[tokio::test]
async fn a_batch_gets_its_own_token_hashes_and_sent_marks_only_where_its_claim_still_holds() {
    use chrono::{Duration, Utc};
    for t in testing::all().await {
        queued_users(&t.db, 4).await;
        // Rounded up to whole milliseconds: both databases store them exactly, and the queued rows are due.
        let now = chrono::DateTime::from_timestamp_millis(Utc::now().timestamp_millis() + 1).unwrap();
        let batch = storage::invitations::claim(&t.db, "batch", now, Duration::seconds(30), 10).await.unwrap();
        let ids: Vec<i64> = batch.iter().map(|c| c.invitation.id).collect();
        assert_eq!(ids.len(), 4);
        // The last one's lease ran out and another worker took it over.
        queue::mark_failed::<Learners>(&t.db, ids[3], "batch", "lost").await.unwrap();
        let hashes: Vec<(i64, String)> = ids.iter().map(|id| (*id, format!("hash-{id}"))).collect();
        let expires = now + Duration::days(7);
        let held = queue::set_tokens::<Learners>(&t.db, "batch", &hashes, expires).await.unwrap();
        assert_eq!(held, ids[..3], "{:?}", t.backend);
        assert!(queue::set_tokens::<Learners>(&t.db, "other", &hashes, expires).await.unwrap().is_empty());
        assert_eq!(queue::mark_sent_many::<Learners>(&t.db, &ids, "batch", now).await.unwrap(), 3);
        for id in &ids[..3] {
            let row = invitations::Entity::find_by_id(*id).one(&t.db).await.unwrap().unwrap();
            assert_eq!(row.token_hash, Some(format!("hash-{id}")), "{:?}: each row its own hash", t.backend);
            assert_eq!((row.state, row.claim_token, row.sent_at), (InvitationState::Sent, None, Some(now)));
        }
        let lost = invitations::Entity::find_by_id(ids[3]).one(&t.db).await.unwrap().unwrap();
        assert_eq!((lost.state, lost.token_hash), (InvitationState::Failed, None), "{:?}", t.backend);
        // Marking again changes nothing: the claim ended with the first mark.
        assert_eq!(queue::mark_sent_many::<Learners>(&t.db, &ids, "batch", now).await.unwrap(), 0);
    }
}

#[tokio::test]
async fn an_accept_token_is_consumed_once_and_never_after_it_expires() {
    use chrono::{Duration, Utc};
    for t in testing::all().await {
        queued_users(&t.db, 2).await;
        let now = Utc::now();
        let claimed = storage::invitations::claim(&t.db, "w", now, Duration::minutes(1), 2).await.unwrap();
        let (first, second) = (claimed[0].invitation.id, claimed[1].invitation.id);
        assert!(queue::set_token::<Learners>(&t.db, first, "w", "hash-1", now + Duration::hours(1)).await.unwrap());
        assert!(queue::set_token::<Learners>(&t.db, second, "w", "hash-2", now + Duration::hours(1)).await.unwrap());
        let consume = |id, hash: &'static str, at| storage::invitations::consume_token(&t.db, id, hash, at);

        assert!(!consume(first, "hash-2", now).await.unwrap(), "{:?}: another link's hash", t.backend);
        assert!(consume(first, "hash-1", now).await.unwrap());
        assert!(!consume(first, "hash-1", now).await.unwrap(), "{:?}: a used link", t.backend);
        assert!(!consume(second, "hash-2", now + Duration::hours(2)).await.unwrap(), "{:?}: expired", t.backend);
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn notices_are_one_more_queue_claimed_once_retried_and_kept_after_their_learner() {
    use chrono::{Duration, Utc};
    use storage::entity::notices::{self, NoticeKind};
    use storage::queue::Notices;
    for t in testing::all().await {
        let ids = queued_users(&t.db, 30).await;
        let now = chrono::DateTime::from_timestamp_millis(Utc::now().timestamp_millis() + 1).unwrap();
        for (i, &id) in ids.iter().enumerate() {
            let (old, new) = (format!("l{i}@example.org"), format!("new{i}@example.org"));
            let notice = storage::notices::queue_email_changed(&t.db, id, &old, &new, "fr", now).await.unwrap();
            assert_eq!(
                (notice.kind, notice.state, notice.to_email),
                (NoticeKind::EmailChanged, InvitationState::Queued, old)
            );
        }
        // The notices are a queue of their own: claiming invitations leaves them, and the reverse.
        let invitations = storage::invitations::claim(&t.db, "inv", now, Duration::minutes(5), 100).await.unwrap();
        assert_eq!(invitations.len(), 30, "{:?}", t.backend);
        let claim = |token: &'static str, db: sea_orm::DatabaseConnection| async move {
            let mut mine = Vec::new();
            for round in 0.. {
                let claim_token = format!("{token}-{round}");
                let batch = storage::notices::claim(&db, &claim_token, now, Duration::minutes(5), 4).await.unwrap();
                if batch.is_empty() {
                    return mine;
                }
                mine.extend(batch.into_iter().map(|n| n.id));
            }
            mine
        };
        let (a, b) = tokio::join!(tokio::spawn(claim("a", t.db.clone())), tokio::spawn(claim("b", t.db.clone())));
        let mut all: Vec<i64> = [a.unwrap(), b.unwrap()].concat();
        let total = all.len();
        all.sort_unstable();
        all.dedup();
        assert_eq!((total, all.len()), (30, 30), "{:?}: every notice claimed exactly once", t.backend);

        // A temporary failure comes back when due, with its attempt counted; a lost claim cannot mark it.
        let fresh = storage::users::insert_many(&t.db, &[learner("late@example.org", None)], None).await;
        fresh.unwrap();
        let late = users::Entity::find().all(&t.db).await.unwrap().into_iter().map(|u| u.id).max().unwrap();
        let notice = storage::notices::queue_email_changed(&t.db, late, "late@example.org", "x@example.org", "de", now)
            .await
            .unwrap();
        let claimed = storage::notices::claim(&t.db, "w1", now, Duration::seconds(30), 10).await.unwrap();
        assert_eq!(claimed.iter().map(|n| n.id).collect::<Vec<_>>(), [notice.id]);
        storage::notices::retry_later(&t.db, notice.id, "w1", now + Duration::seconds(60), "451 later").await.unwrap();
        assert!(storage::notices::claim(&t.db, "w2", now + Duration::seconds(59), Duration::seconds(30), 10)
            .await
            .unwrap()
            .is_empty());
        let again =
            storage::notices::claim(&t.db, "w2", now + Duration::seconds(60), Duration::seconds(30), 10).await.unwrap();
        assert_eq!((again.len(), again[0].attempts), (1, 2), "{:?}", t.backend);
        assert_eq!(storage::notices::mark_sent_many(&t.db, &[notice.id], "w1", now).await.unwrap(), 0);
        assert_eq!(storage::notices::mark_sent_many(&t.db, &[notice.id], "w2", now).await.unwrap(), 1);
        assert_eq!(queue::stats::<Notices>(&t.db).await.unwrap().waiting, 30, "the first 30 are still sending");

        // Deleting the learner keeps the notice (it is still sent), without its user.
        storage::invitations::delete_of_user(&t.db, late).await.unwrap();
        users::Entity::delete_by_id(late).exec(&t.db).await.unwrap();
        let kept = notices::Entity::find_by_id(notice.id).one(&t.db).await.unwrap().expect("the notice");
        assert_eq!((kept.user_id, kept.state), (None, InvitationState::Sent), "{:?}", t.backend);
    }
}
