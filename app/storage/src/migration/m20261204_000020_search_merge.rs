//! The SQLite search index (FTS5) no longer merges its segments inside the write that happens to cross its
//! threshold: a confirm that met a merge at a million users took up to ten times as long as one that did not
//! (docs/benchmarks.md). The merging is done by the server's upkeep task instead ([`crate::search::merge_step`]).
//! PostgreSQL's trigram index has no such step: nothing to do there.

use sea_orm::{ConnectionTrait, DbBackend};
use sea_orm_migration::prelude::*;

#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        let db = manager.get_connection();
        if db.get_database_backend() == DbBackend::Sqlite {
            db.execute_unprepared("INSERT INTO users_search(users_search, rank) VALUES ('automerge', 0)").await?;
        }
        Ok(())
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        let db = manager.get_connection();
        if db.get_database_backend() == DbBackend::Sqlite {
            // FTS5's default.
            db.execute_unprepared("INSERT INTO users_search(users_search, rank) VALUES ('automerge', 4)").await?;
        }
        Ok(())
    }
}
