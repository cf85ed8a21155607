//! `server check FILE [--json] [--columns ...]`: the import's report for a file, without writing anything. Exit
//! status 0 when every row is valid, 1 when some rows have errors, 2 when the file is rejected (or cannot be
//! opened, or `--columns` does not fit its header).

use std::fs::File;
use std::io::{BufReader, Read, Write};
use std::path::Path;
use std::process::ExitCode;

use rules::{Column, ColumnMatching, Existing, Lang, Problem, Report, RowReport, Sheet};

use storage::DatabaseConnection;

use crate::configuration::{Config, DEFAULT_DATABASE_URL};

pub async fn run(config: &Config, path: &Path, json: bool, lang: Lang, columns: Option<&ColumnMatching>) -> ExitCode {
    let name = path.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
    let file = match File::open(path) {
        Ok(file) => file,
        Err(e) => {
            eprintln!("cannot open {}: {e}", path.display());
            return ExitCode::from(2);
        }
    };
    // Checked once: the portal's users, when there is a database, are added to the sheet the file was read into.
    let read = match read(&name, BufReader::new(file), columns) {
        Ok(read) => read,
        Err(message) => {
            eprintln!("{message}");
            return ExitCode::from(2);
        }
    };
    // A refused file needs no database (and gets its report even when the database is unreachable).
    let db = if read.is_ok() && uses_database(config) {
        match storage::connect(config.database_url()).await {
            Ok(db) => Some(db),
            Err(e) => {
                eprintln!("cannot open the database {}: {e}", config.database_url_redacted());
                return ExitCode::from(2);
            }
        }
    } else {
        None
    };
    let report = match report(db.as_ref(), read).await {
        Ok(report) => report,
        Err(message) => {
            eprintln!("{message}");
            return ExitCode::from(2);
        }
    };
    let text = if json { report.to_json(lang) + "\n" } else { report.to_table(lang) };
    // A closed pipe (`server check f.csv | head`) is not an error of the check: the exit status still tells.
    let _ = std::io::stdout().lock().write_all(text.as_bytes());
    ExitCode::from(report.exit_status() as u8)
}

/// Reads a file as the import does, with the operator's `--columns` if given (`server check` and `server import`).
/// The outer error is a matching that names a header cell the file does not have; the inner one, the file's
/// rejection.
pub fn read(
    name: &str,
    file: impl Read,
    columns: Option<&ColumnMatching>,
) -> Result<Result<(Sheet, Vec<Problem>), Problem>, String> {
    let file = match rules::read_file(name, file) {
        Ok(file) => file,
        Err(problem) => return Ok(Err(problem)),
    };
    // A file with no header row is the rules' to refuse (file.empty), not the matching's.
    if let (Some(columns), Some(preview)) = (columns, file.preview()) {
        columns.check_headers(&preview.headers).map_err(|e| format!("--columns: {e}"))?;
    }
    Ok(file.finish_with(&Existing::default(), columns))
}

fn uses_database(config: &Config) -> bool {
    config.database_url_set || Path::new(DEFAULT_DATABASE_URL.trim_start_matches("sqlite://")).exists()
}

/// The report of a file [`read`], its rows checked against the portal's users when there is a database: what
/// `server check` prints and what the API's dry run answers.
pub async fn report(
    db: Option<&DatabaseConnection>,
    read: Result<(Sheet, Vec<Problem>), Problem>,
) -> Result<Report, String> {
    Ok(match read {
        Err(problem) => Report::rejected(problem),
        Ok((mut sheet, warnings)) => {
            if let Some(db) = db {
                sheet.set_existing(existing(db, sheet.rows()).await?);
            }
            Report::from_sheet(sheet, warnings)
        }
    })
}

/// The file's emails and identifiers that the portal's users already have (the confirm's own look-up).
async fn existing(db: &DatabaseConnection, rows: &[RowReport]) -> Result<Existing, String> {
    let emails: Vec<String> = rows.iter().map(|r| r.value(Column::Email).to_owned()).collect();
    let identifiers: Vec<String> = rows.iter().map(|r| r.value(Column::Identifier).to_owned()).collect();
    service::import::existing(db, &emails, &identifiers)
        .await
        .map_err(|e| format!("cannot read the portal's users: {e}"))
}
