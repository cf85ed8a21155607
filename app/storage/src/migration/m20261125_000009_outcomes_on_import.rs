//! Each import's row outcomes move from the `import_rows` table (one row per row of the file) into one JSON
//! document on the import record, `imports.outcomes`: a confirm then writes one value instead of 250 rows with
//! two foreign-key checks each (docs/benchmarks.md). Which import created a user stays on `users.import_id`, now
//! indexed: the invitations of an import are queued with one `INSERT ... SELECT` on it, and a million users must
//! not mean a full scan per import. Existing outcomes are copied over before the table goes.

use sea_orm_migration::prelude::*;
use sea_orm_migration::sea_orm::{ConnectionTrait, Statement};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .alter_table(
                Table::alter()
                    .table("imports")
                    .add_column(ColumnDef::new("outcomes").text().not_null().default("[]"))
                    .to_owned(),
            )
            .await?;
        copy_rows_into_outcomes(manager).await?;
        manager.drop_table(Table::drop().table("import_rows").to_owned()).await?;
        manager.create_index(Index::create().name("users_import_idx").table("users").col("import_id").to_owned()).await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        // The outcomes are not split back into rows: going down loses them, the imports and users stay.
        manager.drop_index(Index::drop().name("users_import_idx").table("users").to_owned()).await?;
        super::m20261124_000006_create_import_rows::create_import_rows(manager).await?;
        manager.alter_table(Table::alter().table("imports").drop_column("outcomes").to_owned()).await
    }
}

/// Rewrites each import's rows as the JSON document the application now reads:
/// `[{"row": 2, "outcome": "created", "email": "...", "problems": [...]}, ...]`, in row order.
async fn copy_rows_into_outcomes(manager: &SchemaManager<'_>) -> Result<(), DbErr> {
    let db = manager.get_connection();
    let backend = db.get_database_backend();
    let rows = db
        .query_all_raw(Statement::from_string(
            backend,
            r#"SELECT import_id, "row", outcome, email, problems FROM import_rows ORDER BY import_id, "row""#,
        ))
        .await?;
    let mut outcomes: Vec<(i64, Vec<serde_json::Value>)> = Vec::new();
    for row in rows {
        let import_id: i64 = row.try_get("", "import_id")?;
        let problems: String = row.try_get("", "problems")?;
        let outcome = serde_json::json!({
            "row": row.try_get::<i32>("", "row")?,
            "outcome": row.try_get::<String>("", "outcome")?,
            "email": row.try_get::<String>("", "email")?,
            "problems": serde_json::from_str::<serde_json::Value>(&problems).unwrap_or_default(),
        });
        match outcomes.last_mut() {
            Some((id, list)) if *id == import_id => list.push(outcome),
            _ => outcomes.push((import_id, vec![outcome])),
        }
    }
    for (import_id, list) in outcomes {
        let update = Query::update()
            .table("imports")
            .value("outcomes", serde_json::Value::Array(list).to_string())
            .and_where(Expr::col("id").eq(import_id))
            .to_owned();
        db.execute(&update).await?;
    }
    Ok(())
}
