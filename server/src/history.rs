//! `server history [--json]`, `server report ID` and `server undo ID`: the import history, an import's error
//! report and its undo, for operators and scripts. The same `service::history` functions as the pages.
//! Exit status: 0 done, 1 the import does not exist or can no longer be undone, 2 the database or the admin
//! could not be reached.

use std::process::ExitCode;

use chrono::Utc;
use domain::{ImportSummary, UndoState};
use rules::Lang;
use storage::DatabaseConnection;

use crate::configuration::Config;

async fn connect(config: &Config) -> Result<DatabaseConnection, String> {
    storage::connect(config.database_url())
        .await
        .map_err(|e| format!("cannot open the database {}: {e}", config.database_url_redacted()))
}

fn fail(message: String) -> ExitCode {
    eprintln!("{message}");
    ExitCode::from(2)
}

/// Prints every import, newest first: a table, or one JSON array.
pub async fn history(config: &Config, json: bool) -> ExitCode {
    match all_imports(config).await {
        Ok(imports) if json => match serde_json::to_string_pretty(&imports) {
            Ok(text) => {
                println!("{text}");
                ExitCode::SUCCESS
            }
            Err(e) => fail(format!("cannot write the history as JSON: {e}")),
        },
        Ok(imports) => {
            println!(
                "{:>6}  {:<20}  {:<28}  {:<11} {:>5} {:>5} {:>7} {:>9} {:>7} {:>9} {:>6} {:>8}  {:<24}  file",
                "id",
                "date",
                "admin",
                "mode",
                "rows",
                "added",
                "updated",
                "unchanged",
                "removed",
                "suspended",
                "errors",
                "existing",
                "undo"
            );
            for i in &imports {
                let mode = match &i.sync_group {
                    Some(group) => format!("sync {group}"),
                    None => i.mode.as_str().to_owned(),
                };
                println!(
                    "{:>6}  {:<20}  {:<28}  {:<11} {:>5} {:>5} {:>7} {:>9} {:>7} {:>9} {:>6} {:>8}  {:<24}  {}",
                    i.id,
                    i.created_at,
                    i.admin_email,
                    mode.escape_debug().to_string(),
                    i.total,
                    i.added,
                    i.counts.updated,
                    i.counts.unchanged,
                    i.counts.removed,
                    i.counts.suspended,
                    i.with_errors,
                    i.existing,
                    undo_state(&i.undo),
                    i.file_name.escape_debug(),
                );
            }
            ExitCode::SUCCESS
        }
        Err(message) => fail(message),
    }
}

async fn all_imports(config: &Config) -> Result<Vec<ImportSummary>, String> {
    let db = connect(config).await?;
    let mut imports = Vec::new();
    let mut before = None;
    loop {
        let page = service::history::page(&db, before, Utc::now(), config.undo_window())
            .await
            .map_err(|e| format!("cannot read the history: {e}"))?;
        imports.extend(page.imports);
        match page.next_cursor {
            Some(next) => before = Some(next),
            None => return Ok(imports),
        }
    }
}

fn undo_state(undo: &UndoState) -> String {
    match undo {
        UndoState::Available { until } => format!("undo until {until}"),
        UndoState::Expired => "undo expired".into(),
        UndoState::Done { by, removed, kept, .. } => format!("undone by {by} ({removed} removed, {kept} kept)"),
    }
}

/// Prints an import's error report (CSV) on standard output.
pub async fn report(config: &Config, id: i64, lang: Lang) -> ExitCode {
    let db = match connect(config).await {
        Ok(db) => db,
        Err(message) => return fail(message),
    };
    match service::history::error_report(&db, id, lang).await {
        Ok(Some((_, csv))) => {
            print!("{csv}");
            ExitCode::SUCCESS
        }
        Ok(None) => {
            eprintln!("No import has the id {id}: see server history.");
            ExitCode::from(1)
        }
        Err(e) => fail(format!("cannot read the import: {e}")),
    }
}

/// Undoes an import for an admin (default: ADMIN_EMAIL's) and says what it removed and kept.
pub async fn undo(config: &Config, id: i64, admin_email: Option<&str>) -> ExitCode {
    let db = match connect(config).await {
        Ok(db) => db,
        Err(message) => return fail(message),
    };
    let admin_email = admin_email.unwrap_or(&config.first_admin_email);
    let admin = match storage::admins::find_by_email(&db, &rules::normalize_email(admin_email)).await {
        Ok(Some(admin)) => admin,
        Ok(None) => return fail(format!("no admin {admin_email}: name one with --admin EMAIL")),
        Err(e) => return fail(format!("cannot read the admins: {e}")),
    };
    match service::history::undo(&db, id, admin.id, Utc::now(), config.undo_window()).await {
        Ok(answer) => {
            if answer.already_undone {
                println!("Import {id} was already undone ({} users removed then).", answer.removed);
            } else {
                println!("Import {id} undone: {} users removed, {} kept.", answer.removed, answer.kept.len());
            }
            for kept in &answer.kept {
                println!("  kept: {} {} <{}> ({})", kept.firstname, kept.lastname, kept.email, kept.status.as_str());
            }
            ExitCode::SUCCESS
        }
        Err(service::history::UndoError::Database(e)) => fail(format!("the undo failed, nothing was changed: {e}")),
        Err(e) => {
            eprintln!("Import {id}: {e}.");
            ExitCode::from(1)
        }
    }
}
