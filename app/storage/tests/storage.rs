//! Integration tests of the storage layer, run against SQLite and a real PostgreSQL.

use domain::InvitationState;
use domain::{Page, Total, UserQuery, UserSort, UserStatus};
use rules::ValidUser;
use sea_orm::{ConnectionTrait, EntityTrait, PaginatorTrait};
use sea_orm_migration::MigratorTrait;
use storage::entity::{admins, column_matchings, imports, invitations, sessions, users};
use storage::migration::Migrator;
use storage::queue::{self, Learners};
use storage::testing;

/// A learner as the rules make one (the only way to get a [`ValidUser`]).
fn learner_named(lastname: &str, email: &str, identifier: Option<&str>) -> ValidUser {
    ValidUser::check(["Ana", lastname, email, identifier.unwrap_or(""), "PT", "pt"]).expect("a valid test learner")
}

fn learner(email: &str, identifier: Option<&str>) -> ValidUser {
    learner_named("Lima", email, identifier)
}

/// How many migrations to undo to be just before `name`, however many later ones there are.
fn steps_back_to_before(name: &str) -> u32 {
    let names: Vec<String> = Migrator::migrations().iter().map(|m| m.name().to_owned()).collect();
    let position = names.iter().position(|n| n == name).unwrap_or_else(|| panic!("no migration {name}"));
    (names.len() - position) as u32
}

#[tokio::test]
async fn migrations_create_every_table_and_can_be_undone_and_redone() {
    for t in testing::all().await {
        let db = &t.db;
        assert_eq!(users::Entity::find().count(db).await.unwrap(), 0, "{:?}", t.backend);
        assert_eq!(admins::Entity::find().count(db).await.unwrap(), 0);
        assert_eq!(imports::Entity::find().count(db).await.unwrap(), 0);
        assert_eq!(sessions::Entity::find().count(db).await.unwrap(), 0);
        for table in ["sign_in_throttle", "sign_in_addresses"] {
            db.execute_unprepared(&format!("SELECT * FROM {table}")).await.expect(table);
        }
        assert_eq!(invitations::Entity::find().count(db).await.unwrap(), 0);
        assert_eq!(column_matchings::Entity::find().count(db).await.unwrap(), 0);

        let applied = Migrator::get_applied_migrations(db).await.unwrap().len();
        assert_eq!(applied, Migrator::migrations().len());

        // Every `down` works, and the schema comes back.
        Migrator::down(db, None).await.unwrap();
        assert!(users::Entity::find().count(db).await.is_err(), "users should be gone");
        Migrator::up(db, None).await.unwrap();
        assert_eq!(users::Entity::find().count(db).await.unwrap(), 0);

        // Running the migrations again at the next start is a no-op.
        let again = storage::connect(&t.url).await.unwrap();
        assert_eq!(Migrator::get_pending_migrations(&again).await.unwrap().len(), 0);
    }
}

#[tokio::test]
async fn row_outcomes_kept_in_the_old_table_move_onto_their_import_record() {
    for t in testing::all().await {
        let db = &t.db;
        // Back to the schema before outcomes moved: an import with its rows in `import_rows`.
        Migrator::down(db, Some(steps_back_to_before("m20261125_000009_outcomes_on_import"))).await.unwrap();
        let sql = [
            "INSERT INTO admins (id, email, email_normalized, password_hash, created_at) \
             VALUES (1, 'a@example.com', 'a@example.com', 'x', '2026-11-25 10:00:00+00:00')",
            "INSERT INTO imports (id, request_id, admin_id, file_name, file_sha256, send_invitations, total_rows, \
             created_count, skipped_count, created_at) \
             VALUES (7, 'r', 1, 'f.csv', '00', true, 2, 1, 1, '2026-11-25 10:00:00+00:00')",
            r#"INSERT INTO import_rows (import_id, "row", outcome, user_id, email, problems) VALUES
             (7, 3, 'skipped', NULL, 'bad', '[{"code":"email.invalid","column":"email"}]'),
             (7, 2, 'created', NULL, 'ana@example.com', '[]')"#,
        ];
        for statement in sql {
            db.execute_unprepared(statement).await.unwrap_or_else(|e| panic!("{:?}: {e}", t.backend));
        }
        Migrator::up(db, None).await.unwrap();
        let import = imports::Entity::find_by_id(7).one(db).await.unwrap().expect("the import");
        let outcomes: serde_json::Value = serde_json::from_str(&import.outcomes).unwrap();
        assert_eq!(
            outcomes,
            serde_json::json!([
                {"row": 2, "outcome": "created", "email": "ana@example.com", "problems": []},
                {"row": 3, "outcome": "skipped", "email": "bad",
                 "problems": [{"code": "email.invalid", "column": "email"}]},
            ]),
            "{:?}",
            t.backend
        );
    }
}

#[tokio::test]
async fn the_database_refuses_the_same_email_in_another_case() {
    for t in testing::all().await {
        storage::users::insert_many(&t.db, &[learner("A@x.com", None)], None).await.unwrap();
        let err = storage::users::insert_many(&t.db, &[learner("a@X.com", None)], None)
            .await
            .expect_err("a@X.com must be refused after A@x.com");
        assert!(storage::is_unique_violation(&err), "{:?}: {err}", t.backend);
        assert_eq!(users::Entity::find().count(&t.db).await.unwrap(), 1);
    }
}

#[tokio::test]
async fn identifiers_are_unique_when_set_and_may_be_absent_many_times() {
    for t in testing::all().await {
        storage::users::insert_many(
            &t.db,
            &[learner("a@x.com", None), learner("b@x.com", None), learner("c@x.com", Some("E-1"))],
            None,
        )
        .await
        .unwrap();
        let err = storage::users::insert_many(&t.db, &[learner("d@x.com", Some("E-1"))], None).await.unwrap_err();
        assert!(storage::is_unique_violation(&err), "{:?}", t.backend);
    }
}

#[tokio::test]
async fn a_multi_row_insert_with_one_duplicate_writes_nothing() {
    for t in testing::all().await {
        storage::users::insert_many(&t.db, &[learner("taken@x.com", None)], None).await.unwrap();
        let batch = vec![learner("new1@x.com", None), learner("TAKEN@x.com", None), learner("new2@x.com", None)];
        assert!(storage::users::insert_many(&t.db, &batch, None).await.is_err());
        assert_eq!(users::Entity::find().count(&t.db).await.unwrap(), 1, "{:?}", t.backend);
    }
}

#[tokio::test]
async fn the_users_list_pages_with_a_cursor_and_searches_inside_names_emails_and_identifiers() {
    for t in testing::all().await {
        let batch: Vec<ValidUser> = (0..120)
            .map(|i| {
                let lastname = if i % 2 == 0 { "Martin" } else { "Bernard" };
                learner_named(lastname, &format!("user{i:03}@example.com"), Some(&format!("ID{i:03}")))
            })
            .collect();
        storage::users::insert_many(&t.db, &batch, None).await.unwrap();

        let first = storage::users::list(&t.db, &UserQuery::default(), 50).await.unwrap();
        assert_eq!(first.users.len(), 50);
        assert_eq!(first.users[0].email, "user119@example.com", "newest first");
        let second = storage::users::list(&t.db, &after(first.next.clone()), 50).await.unwrap();
        let third = storage::users::list(&t.db, &after(second.next.clone()), 50).await.unwrap();
        assert_eq!(third.users.len(), 20);
        assert_eq!(third.next, None);
        let mut seen: Vec<i64> = [&first, &second, &third].iter().flat_map(|p| p.users.iter().map(|u| u.id)).collect();
        seen.dedup();
        assert_eq!(seen.len(), 120, "no user twice, none missing");

        let martins = storage::users::list(&t.db, &search("mart"), 500).await.unwrap();
        assert_eq!(martins.users.len(), 60, "{:?}", t.backend);
        let by_email = storage::users::list(&t.db, &search("user00"), 500).await.unwrap();
        assert_eq!(by_email.users.len(), 10);
        let by_identifier = storage::users::list(&t.db, &search("id11"), 500).await.unwrap();
        assert_eq!(by_identifier.users.len(), 10);
        let none = storage::users::list(&t.db, &search("zzz"), 500).await.unwrap();
        assert!(none.users.is_empty());
    }
}

#[tokio::test]
async fn a_search_pages_forward_and_back_in_id_order_with_filters_like_the_plain_list() {
    for t in testing::all().await {
        // More than a thousand matches: on SQLite the page is then read from the search table (`fts_role`).
        let batch: Vec<ValidUser> = (0..1_560)
            .map(|i| {
                let lastname = if i % 3 == 0 { "Bernard" } else { "Martin" };
                learner_named(lastname, &format!("page{i:03}@example.com"), None)
            })
            .collect();
        storage::users::insert_many(&t.db, &batch, None).await.unwrap();
        let query = |page: Page, descending: bool| UserQuery { page, descending, ..search("martin") };
        for descending in [true, false] {
            let mut pages = vec![storage::users::list(&t.db, &query(Page::First, descending), 100).await.unwrap()];
            while let Some(next) = pages.last().unwrap().next.clone() {
                pages.push(storage::users::list(&t.db, &query(Page::After(next), descending), 100).await.unwrap());
            }
            let ids: Vec<i64> = pages.iter().flat_map(|p| p.users.iter().map(|u| u.id)).collect();
            assert_eq!(ids.len(), 1_040, "{:?}: every Martin once", t.backend);
            let mut sorted = ids.clone();
            sorted.sort_unstable();
            if descending {
                sorted.reverse();
            }
            assert_eq!(ids, sorted, "{:?}: in id order, descending {descending}", t.backend);
            assert!(pages.iter().flat_map(|p| &p.users).all(|u| u.lastname == "Martin"));
            // Back from the last page gives the one before it, the same users in the same order.
            let back = pages.last().unwrap().previous.clone().expect("a page before");
            let before = storage::users::list(&t.db, &query(Page::Before(back), descending), 100).await.unwrap();
            assert_eq!(
                before.users.iter().map(|u| u.id).collect::<Vec<_>>(),
                pages[pages.len() - 2].users.iter().map(|u| u.id).collect::<Vec<_>>(),
                "{:?}",
                t.backend
            );
        }
        // A filter and the search together.
        let in_language = |language: &str| UserQuery { language: Some(language.into()), ..search("martin") };
        let found = storage::users::list(&t.db, &in_language("pt"), 100).await.unwrap();
        assert_eq!(found.users.len(), 100, "{:?}", t.backend);
        assert!(found.users.iter().all(|u| u.lastname == "Martin"));
        assert!(storage::users::list(&t.db, &in_language("de"), 100).await.unwrap().users.is_empty());
    }
}

#[tokio::test]
async fn the_search_finds_identifiers_typed_with_capitals() {
    for t in testing::all().await {
        let batch = [learner("a@x.com", Some("EMP-Ab12")), learner("b@x.com", Some("emp-b")), learner("c@x.com", None)];
        storage::users::insert_many(&t.db, &batch, None).await.unwrap();
        for (term, expected) in
            [("emp-ab", vec!["a@x.com"]), ("emp-", vec!["b@x.com", "a@x.com"]), ("emp-ab12", vec!["a@x.com"])]
        {
            let found = storage::users::list(&t.db, &search(term), 50).await.unwrap();
            let emails: Vec<&str> = found.users.iter().map(|u| u.email.as_str()).collect();
            assert_eq!(emails, expected, "{:?}: {term}", t.backend);
        }
        // The identifier itself stays as typed.
        let user = users::Entity::find().all(&t.db).await.unwrap().into_iter().find(|u| u.email == "a@x.com").unwrap();
        assert_eq!((user.identifier.as_deref(), user.identifier_key.as_deref()), (Some("EMP-Ab12"), Some("emp-ab12")));
    }
}

#[tokio::test]
async fn identifiers_of_users_created_before_the_search_key_get_one() {
    for t in testing::all().await {
        let db = &t.db;
        Migrator::down(db, Some(steps_back_to_before("m20261130_000011_identifier_key"))).await.unwrap();
        let statement = "INSERT INTO users (firstname, lastname, email, email_normalized, identifier, language, \
             status, firstname_key, lastname_key, created_at, updated_at) VALUES \
             ('Ana', 'Lima', 'a@x.com', 'a@x.com', 'EMP-Ab12', 'pt', 'Pending', 'ana', 'lima', \
              '2026-11-25 10:00:00+00:00', '2026-11-25 10:00:00+00:00'), \
             ('Émile', 'Roux', 'e@x.com', 'e@x.com', 'ÉCOLE-7', 'fr', 'Pending', 'émile', 'roux', \
              '2026-11-25 10:00:00+00:00', '2026-11-25 10:00:00+00:00'), \
             ('Noor', 'Haddad', 'n@x.com', 'n@x.com', NULL, 'nl', 'Pending', 'noor', 'haddad', \
              '2026-11-25 10:00:00+00:00', '2026-11-25 10:00:00+00:00')";
        db.execute_unprepared(statement).await.unwrap_or_else(|e| panic!("{:?}: {e}", t.backend));
        Migrator::up(db, None).await.unwrap();
        let mut keys: Vec<(String, Option<String>)> =
            users::Entity::find().all(db).await.unwrap().into_iter().map(|u| (u.email, u.identifier_key)).collect();
        keys.sort();
        assert_eq!(
            keys,
            vec![
                ("a@x.com".to_owned(), Some("emp-ab12".to_owned())),
                ("e@x.com".to_owned(), Some("école-7".to_owned())),
                ("n@x.com".to_owned(), None),
            ],
            "{:?}",
            t.backend
        );
        // SQLite's lower() leaves `É` as it is: this key comes from the migration's second pass.
        let found = storage::users::list(db, &search("école"), 50).await.unwrap();
        assert_eq!(found.users.len(), 1, "{:?}", t.backend);
        let found = storage::users::list(db, &search("emp-a"), 50).await.unwrap();
        assert_eq!(found.users.len(), 1, "{:?}", t.backend);
    }
}

#[tokio::test]
async fn every_pooled_sqlite_connection_has_the_same_settings() {
    use sea_orm::sqlx;
    let t = testing::sqlite().await;
    let pool = t.db.get_sqlite_connection_pool();
    let max = pool.options().get_max_connections();
    // Held together, so each is a different connection of the pool.
    let mut held = Vec::new();
    for _ in 0..max {
        held.push(pool.acquire().await.expect("a pooled connection"));
    }
    for connection in &mut held {
        let journal: String = sqlx::query_scalar("PRAGMA journal_mode").fetch_one(&mut **connection).await.unwrap();
        let synchronous: i64 = sqlx::query_scalar("PRAGMA synchronous").fetch_one(&mut **connection).await.unwrap();
        let busy: i64 = sqlx::query_scalar("PRAGMA busy_timeout").fetch_one(&mut **connection).await.unwrap();
        let foreign_keys: i64 = sqlx::query_scalar("PRAGMA foreign_keys").fetch_one(&mut **connection).await.unwrap();
        // synchronous 1 is NORMAL; the busy timeout is in milliseconds.
        assert_eq!(
            (journal.as_str(), synchronous, busy, foreign_keys),
            ("wal", 1, storage::connect::SQLITE_BUSY_TIMEOUT.as_millis() as i64, 1)
        );
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn concurrent_transactions_that_read_then_write_all_commit_on_sqlite() {
    let t = testing::sqlite().await;
    // Two pools, as two server processes on one file would have.
    let other = storage::connect(&t.url).await.unwrap();
    let tasks: Vec<_> = (0..20)
        .map(|i| {
            let db = if i % 2 == 0 { t.db.clone() } else { other.clone() };
            tokio::spawn(async move {
                let txn = storage::begin_write(&db).await?;
                // The read first: in a deferred transaction it is what made the write that follows fail at once
                // with "database is locked" whenever another connection had written in between.
                let before = users::Entity::find().count(&txn).await?;
                storage::users::insert_many(&txn, &[learner(&format!("rw{i}@example.org"), None)], None).await?;
                txn.commit().await?;
                Ok::<u64, sea_orm::DbErr>(before)
            })
        })
        .collect();
    for task in tasks {
        task.await.expect("the task").unwrap_or_else(|e| panic!("a transaction failed: {e}"));
    }
    assert_eq!(users::Entity::find().count(&t.db).await.unwrap(), 20);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn connects_started_together_on_a_new_database_all_succeed() {
    for round in 0..3 {
        for (backend, url) in testing::new_urls().await {
            let connects: Vec<_> = (0..6)
                .map(|_| {
                    let url = url.clone();
                    tokio::spawn(async move { storage::connect(&url).await })
                })
                .collect();
            for connect in connects {
                let db = connect.await.expect("the task").unwrap_or_else(|e| panic!("{backend:?}, round {round}: {e}"));
                assert!(Migrator::get_pending_migrations(&db).await.unwrap().is_empty());
                assert_eq!(users::Entity::find().count(&db).await.unwrap(), 0);
            }
        }
    }
}

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

fn search(term: &str) -> UserQuery {
    UserQuery { search: term.to_owned(), ..Default::default() }
}

fn after(cursor: Option<String>) -> UserQuery {
    UserQuery { page: Page::After(cursor.expect("a next page")), ..Default::default() }
}

fn emails(page: &storage::users::UserPage) -> Vec<&str> {
    page.users.iter().map(|u| u.email.as_str()).collect()
}

#[tokio::test]
async fn the_search_finds_a_part_of_a_name_anywhere_accents_and_case_aside() {
    for t in testing::all().await {
        let batch = [
            learner_named("Dupont-Martin", "marie@ecole.fr", None),
            learner_named("Roux", "jean.dupont@ecole.fr", None),
            learner_named("Zoé", "zoe@x.fr", Some("ELEVE-42")),
            learner_named("Weber", "w@x.de", None),
        ];
        storage::users::insert_many(&t.db, &batch, None).await.unwrap();
        for (term, expected) in [
            ("dupont", vec!["jean.dupont@ecole.fr", "marie@ecole.fr"]),
            ("DUPONT-mar", vec!["marie@ecole.fr"]),
            ("zoe", vec!["zoe@x.fr"]),
            ("ZOÉ", vec!["zoe@x.fr"]),
            ("eleve-4", vec!["zoe@x.fr"]),
            ("ecole.fr", vec!["jean.dupont@ecole.fr", "marie@ecole.fr"]),
            // Wildcards and quotes are letters like any other.
            ("%o%", vec![]),
            ("o\"r", vec![]),
            // One or two letters: the start of a field.
            ("we", vec!["w@x.de"]),
        ] {
            let found = storage::users::list(&t.db, &search(term), 50).await.unwrap();
            assert_eq!(emails(&found), expected, "{:?}: {term}", t.backend);
        }
    }
}

#[tokio::test]
async fn every_sort_pages_forward_and_back_without_losing_or_repeating_a_user() {
    for t in testing::all().await {
        let names = ["Émile", "anne", "Zoé", "Bob", "anne", "Chloé", "bob", "Ana"];
        let batch: Vec<ValidUser> = (0..23)
            .map(|i| learner_named(names[i % names.len()], &format!("u{:02}@x.fr", (i * 7) % 23), None))
            .collect();
        storage::users::insert_many(&t.db, &batch, None).await.unwrap();
        let some: Vec<i64> = users::Entity::find().all(&t.db).await.unwrap().iter().map(|u| u.id).step_by(3).collect();
        for id in some {
            assert!(storage::users::activate(&t.db, id, "$argon2id$x").await.unwrap());
        }
        for sort in UserSort::ALL {
            for descending in [false, true] {
                let base = UserQuery { sort, descending, ..Default::default() };
                // The whole list in one page is the reference order.
                let all = storage::users::list(&t.db, &base, 100).await.unwrap();
                let reference: Vec<i64> = all.users.iter().map(|u| u.id).collect();
                assert_eq!(reference.len(), 23);
                // Forward five at a time...
                let mut forward = Vec::new();
                let mut page = storage::users::list(&t.db, &base, 5).await.unwrap();
                assert_eq!(page.previous, None);
                let mut pages = vec![page.clone()];
                forward.extend(page.users.iter().map(|u| u.id));
                while let Some(next) = page.next.clone() {
                    page = storage::users::list(&t.db, &UserQuery { page: Page::After(next), ..base.clone() }, 5)
                        .await
                        .unwrap();
                    forward.extend(page.users.iter().map(|u| u.id));
                    pages.push(page.clone());
                }
                assert_eq!(forward, reference, "{:?} {sort:?} desc={descending}", t.backend);
                // ...and back from the last page gives each page again.
                let mut back = pages.pop().unwrap();
                while let Some(previous) = back.previous.clone() {
                    back = storage::users::list(&t.db, &UserQuery { page: Page::Before(previous), ..base.clone() }, 5)
                        .await
                        .unwrap();
                    let expected = pages.pop().expect("a page before");
                    assert_eq!(emails(&back), emails(&expected), "{:?} {sort:?} desc={descending}", t.backend);
                }
                assert!(pages.is_empty(), "back to the first page");
            }
        }
        // Name order is last name then first name, accents and case aside.
        let by_name = storage::users::list(
            &t.db,
            &UserQuery { sort: UserSort::Name, descending: false, ..Default::default() },
            100,
        )
        .await
        .unwrap();
        let keys: Vec<&str> = by_name.users.iter().map(|u| u.sort_name.as_str()).collect();
        let mut sorted = keys.clone();
        sorted.sort();
        assert_eq!(keys, sorted);
    }
}

#[tokio::test]
async fn the_filters_combine_and_the_count_stops_at_its_cap() {
    for t in testing::all().await {
        let batch: Vec<ValidUser> = (0..30)
            .map(|i| {
                let (country, language) = if i % 3 == 0 { ("BE", "nl") } else { ("FR", "fr") };
                ValidUser::check(["Ana", "Roux", &format!("f{i}@x.fr"), "", country, language]).unwrap()
            })
            .collect();
        storage::users::insert_many(&t.db, &batch, None).await.unwrap();
        let ids: Vec<i64> = users::Entity::find().all(&t.db).await.unwrap().iter().map(|u| u.id).collect();
        storage::invitations::queue_many(&t.db, &ids[..12]).await.unwrap();
        for &id in &ids[..4] {
            assert!(storage::users::activate(&t.db, id, "$argon2id$x").await.unwrap());
        }
        let count = |query: UserQuery| {
            let db = t.db.clone();
            async move { storage::users::count(&db, &query, 100).await.unwrap() }
        };
        let belgians = UserQuery { country: Some("BE".into()), language: Some("nl".into()), ..Default::default() };
        assert_eq!(count(belgians.clone()).await, Total::Exact(10), "{:?}", t.backend);
        let active = UserQuery { status: Some(UserStatus::Active), ..Default::default() };
        assert_eq!(count(active).await, Total::Exact(4));
        let queued = UserQuery { invitation: Some(domain::InvitationState::Queued), ..Default::default() };
        assert_eq!(count(queued).await, Total::Exact(12));
        let sent = UserQuery { invitation: Some(domain::InvitationState::Sent), ..Default::default() };
        assert_eq!(count(sent).await, Total::Exact(0));
        let pending_belgians = UserQuery { status: Some(UserStatus::Pending), ..belgians };
        let page = storage::users::list(&t.db, &pending_belgians, 50).await.unwrap();
        assert!(page.users.iter().all(|u| u.country.as_deref() == Some("BE") && u.status == UserStatus::Pending));
        assert_eq!(Total::Exact(page.users.len() as u64), count(pending_belgians).await);
        assert_eq!(storage::users::count(&t.db, &UserQuery::default(), 20).await.unwrap(), Total::MoreThan(20));
        assert_eq!(storage::users::count(&t.db, &search("nobody"), 20).await.unwrap(), Total::Exact(0));
    }
}
