//! The identifier gets a lower-cased search key, `users.identifier_key`, as the names have theirs: the Users search
//! lower-cases its term, so an identifier stored as typed (`EMP-Ab1`) was never found by it. The key is filled
//! here for the users already there, and indexed for the prefix search.

use sea_orm_migration::prelude::*;
use sea_orm_migration::sea_orm::{ConnectionTrait, DatabaseBackend, Statement};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .alter_table(
                Table::alter().table("users").add_column(ColumnDef::new("identifier_key").string().null()).to_owned(),
            )
            .await?;
        fill_identifier_keys(manager).await?;
        manager
            .create_index(
                Index::create().name("users_identifier_key_idx").table("users").col("identifier_key").to_owned(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        // SQLite refuses to drop a column an index still uses.
        manager.drop_index(Index::drop().name("users_identifier_key_idx").table("users").to_owned()).await?;
        manager.alter_table(Table::alter().table("users").drop_column("identifier_key").to_owned()).await
    }
}

/// Every identifier's key, as [`crate::users::identifier_key`] makes it for new users.
async fn fill_identifier_keys(manager: &SchemaManager<'_>) -> Result<(), DbErr> {
    let db = manager.get_connection();
    let backend = db.get_database_backend();
    // ASCII identifiers (all that the rules accept) in one statement, however many users there are: SQL's lower()
    // maps ASCII as Rust does on both backends.
    db.execute_unprepared("UPDATE users SET identifier_key = lower(identifier) WHERE identifier IS NOT NULL").await?;
    // The few others row by row, through the same function the search term's lower case comes from (SQLite's
    // lower() leaves `É` as it is). More characters than bytes means a character beyond ASCII.
    let beyond_ascii = match backend {
        DatabaseBackend::Postgres => "length(identifier) <> octet_length(identifier)",
        _ => "length(identifier) <> length(CAST(identifier AS BLOB))",
    };
    let rows = db
        .query_all_raw(Statement::from_string(
            backend,
            format!("SELECT id, identifier FROM users WHERE identifier IS NOT NULL AND {beyond_ascii}"),
        ))
        .await?;
    for row in rows {
        let id: i64 = row.try_get("", "id")?;
        let identifier: String = row.try_get("", "identifier")?;
        let update = Query::update()
            .table("users")
            .value("identifier_key", crate::users::identifier_key(&identifier))
            .and_where(Expr::col("id").eq(id))
            .to_owned();
        db.execute(&update).await?;
    }
    Ok(())
}
