//! The Users list finds a part of a name, email or identifier anywhere in it, accents and case aside, and sorts
//! by name, email, created date or status with a keyset cursor: each user gets `search_text` (the four fields
//! folded, `crate::search`) and `sort_name` (last name then first name, folded), filled here for existing users.
//! The substring search is indexed by trigrams: an FTS5 table with the trigram tokenizer on SQLite, kept in step
//! by triggers, and a `pg_trgm` GIN index on PostgreSQL.

use sea_orm::{ConnectionTrait, DbBackend, FromQueryResult, Statement};
use sea_orm_migration::prelude::*;

use crate::search;

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(FromQueryResult)]
struct Names {
    id: i64,
    firstname: String,
    lastname: String,
    email: String,
    identifier: Option<String>,
}

const BATCH: i64 = 1_000;

const SQLITE_SEARCH: [&str; 5] = [
    "CREATE VIRTUAL TABLE users_search USING fts5(search_text, content='users', content_rowid='id', \
     tokenize='trigram')",
    "CREATE TRIGGER users_search_insert AFTER INSERT ON users BEGIN \
     INSERT INTO users_search(rowid, search_text) VALUES (new.id, new.search_text); END",
    "CREATE TRIGGER users_search_delete AFTER DELETE ON users BEGIN \
     INSERT INTO users_search(users_search, rowid, search_text) VALUES ('delete', old.id, old.search_text); END",
    "CREATE TRIGGER users_search_update AFTER UPDATE OF search_text ON users BEGIN \
     INSERT INTO users_search(users_search, rowid, search_text) VALUES ('delete', old.id, old.search_text); \
     INSERT INTO users_search(rowid, search_text) VALUES (new.id, new.search_text); END",
    "INSERT INTO users_search(users_search) VALUES ('rebuild')",
];

const POSTGRES_SEARCH: [&str; 2] = [
    "CREATE EXTENSION IF NOT EXISTS pg_trgm",
    "CREATE INDEX idx_users_search_text ON users USING gin (search_text gin_trgm_ops)",
];

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        for column in ["search_text", "sort_name"] {
            manager
                .alter_table(
                    Table::alter()
                        .table("users")
                        .add_column(ColumnDef::new(column).text().not_null().default(""))
                        .to_owned(),
                )
                .await?;
        }
        fill(manager.get_connection()).await?;
        for (name, columns) in [
            ("idx_users_sort_name", ["sort_name", "id"]),
            ("idx_users_status", ["status", "id"]),
            ("idx_users_language", ["language", "id"]),
            ("idx_users_country", ["country", "id"]),
        ] {
            let mut index = Index::create();
            index.name(name).table("users");
            for column in columns {
                index.col(column);
            }
            manager.create_index(index.to_owned()).await?;
        }
        let db = manager.get_connection();
        let statements: &[&str] = match db.get_database_backend() {
            DbBackend::Sqlite => &SQLITE_SEARCH,
            _ => &POSTGRES_SEARCH,
        };
        for statement in statements {
            db.execute_unprepared(statement).await?;
        }
        Ok(())
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        let db = manager.get_connection();
        let statements: &[&str] = match db.get_database_backend() {
            DbBackend::Sqlite => &[
                "DROP TRIGGER users_search_insert",
                "DROP TRIGGER users_search_delete",
                "DROP TRIGGER users_search_update",
                "DROP TABLE users_search",
            ],
            _ => &["DROP INDEX idx_users_search_text"],
        };
        for statement in statements {
            db.execute_unprepared(statement).await?;
        }
        for name in ["idx_users_sort_name", "idx_users_status", "idx_users_language", "idx_users_country"] {
            manager.drop_index(Index::drop().name(name).table("users").to_owned()).await?;
        }
        for column in ["search_text", "sort_name"] {
            manager.alter_table(Table::alter().table("users").drop_column(column).to_owned()).await?;
        }
        Ok(())
    }
}

/// Computes both keys for the users already there, a batch at a time (the fold is Rust's, not SQL's).
async fn fill(db: &SchemaManagerConnection<'_>) -> Result<(), DbErr> {
    let backend = db.get_database_backend();
    let mut after = 0i64;
    loop {
        let select = Statement::from_sql_and_values(
            backend,
            match backend {
                DbBackend::Postgres => {
                    "SELECT id, firstname, lastname, email, identifier FROM users WHERE id > $1 ORDER BY id LIMIT $2"
                }
                _ => "SELECT id, firstname, lastname, email, identifier FROM users WHERE id > ? ORDER BY id LIMIT ?",
            },
            [after.into(), BATCH.into()],
        );
        let rows = Names::find_by_statement(select).all(db).await?;
        let Some(last) = rows.last() else { return Ok(()) };
        after = last.id;
        for row in &rows {
            let text = search::search_text(&row.firstname, &row.lastname, &row.email, row.identifier.as_deref());
            let name = search::sort_name(&row.firstname, &row.lastname);
            let update = Statement::from_sql_and_values(
                backend,
                match backend {
                    DbBackend::Postgres => "UPDATE users SET search_text = $1, sort_name = $2 WHERE id = $3",
                    _ => "UPDATE users SET search_text = ?, sort_name = ? WHERE id = ?",
                },
                [text.into(), name.into(), row.id.into()],
            );
            db.execute_raw(update).await?;
        }
    }
}
