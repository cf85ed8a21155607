//! SQLite's connections: the same settings on every pooled connection, writers that wait for each other, and a
//! new database opened by many at once.

use sea_orm::{EntityTrait, PaginatorTrait};
use sea_orm_migration::MigratorTrait;
use storage::entity::users;
use storage::migration::Migrator;
use storage::testing;

use crate::helpers::*;

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
