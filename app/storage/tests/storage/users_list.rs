//! The Users list: keyset pages, the substring search, every sort forward and back, the filters and the count.

use domain::{Page, Total, UserQuery, UserSort, UserStatus};
use rules::ValidUser;
use sea_orm::{ConnectionTrait, EntityTrait};
use sea_orm_migration::MigratorTrait;
use storage::entity::users;
use storage::migration::Migrator;
use storage::testing;

use crate::helpers::*;

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

/// The one integer a query answers with, as `n` (the SQLite search index's shadow tables have no entities).
async fn scalar(t: &testing::TestDb, sql: &str) -> Option<i64> {
    let row = t.db.query_one_raw(sea_orm::Statement::from_string(t.db.get_database_backend(), sql)).await.unwrap();
    row.map(|row| row.try_get::<i64>("", "n").unwrap())
}

/// How many segments the SQLite search index has: each has its leaf pages listed in the `_idx` shadow table.
async fn search_segments(t: &testing::TestDb) -> i64 {
    scalar(t, "SELECT count(DISTINCT segid) AS n FROM users_search_idx").await.expect("a row")
}

#[tokio::test]
async fn the_sqlite_search_index_merges_in_its_upkeep_step_not_inside_the_writes() {
    for t in testing::all().await {
        // Twelve imports, each its own write: on SQLite each adds a segment to the index, and none merges them.
        for import in 0..12 {
            let batch: Vec<ValidUser> = (0..10)
                .map(|i| {
                    learner_named("Martin", &format!("u{import:02}-{i}@example.com"), Some(&format!("K{import:02}{i}")))
                })
                .collect();
            storage::users::insert_many(&t.db, &batch, None).await.unwrap();
        }
        if t.backend == storage::Backend::Sqlite {
            let automerge = scalar(&t, "SELECT v AS n FROM users_search_config WHERE k = 'automerge'").await;
            assert_eq!(automerge, Some(0), "FTS5 merges nothing inside a write");
            let before = search_segments(&t).await;
            assert!(before >= 12, "one segment per write: {before}");
            for _ in 0..10 {
                storage::search::merge_step(&t.db).await.unwrap();
            }
            let after = search_segments(&t).await;
            assert!(after < before / 2, "merged: {before} segments, then {after}");
        } else {
            // PostgreSQL's trigram index has no segments: the step does nothing.
            storage::search::merge_step(&t.db).await.unwrap();
        }
        // The search finds the same users, merged or not.
        assert_eq!(
            storage::users::list(&t.db, &search("martin"), 500).await.unwrap().users.len(),
            120,
            "{:?}",
            t.backend
        );
        assert_eq!(storage::users::list(&t.db, &search("u07-"), 500).await.unwrap().users.len(), 10, "{:?}", t.backend);
    }
}
