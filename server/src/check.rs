//! `server check FILE [--json]`: the import's report for a file, without writing anything. Exit status 0 when
//! every row is valid, 1 when some rows have errors, 2 when the file is rejected (or cannot be opened).

use std::fs::File;
use std::io::{BufReader, Write};
use std::path::Path;
use std::process::ExitCode;

use rules::{Existing, Lang, Report, Sheet};

use crate::configuration::{Config, DEFAULT_DATABASE_URL};

pub async fn run(config: &Config, path: &Path, json: bool, lang: Lang) -> ExitCode {
    let name = path.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
    let file = match File::open(path) {
        Ok(file) => file,
        Err(e) => {
            eprintln!("cannot open {}: {e}", path.display());
            return ExitCode::from(2);
        }
    };
    let mut report = rules::check_reader(&name, BufReader::new(file), &Existing::default());
    if report.file_error.is_none() && uses_database(config) {
        match existing(config, &report).await {
            Ok(existing) => report.rows = Sheet::from_report(&report, existing).rows().to_vec(),
            Err(message) => {
                eprintln!("{message}");
                return ExitCode::from(2);
            }
        }
    }
    let text = if json { report.to_json(lang) + "\n" } else { report.to_table(lang) };
    // A closed pipe (`server check f.csv | head`) is not an error of the check: the exit status still tells.
    let _ = std::io::stdout().lock().write_all(text.as_bytes());
    ExitCode::from(report.exit_status() as u8)
}

fn uses_database(config: &Config) -> bool {
    config.database_url_set || Path::new(DEFAULT_DATABASE_URL.trim_start_matches("sqlite://")).exists()
}

/// The file's emails and identifiers that the portal's users already have.
async fn existing(config: &Config, report: &Report) -> Result<Existing, String> {
    let db = storage::connect(&config.database_url)
        .await
        .map_err(|e| format!("cannot open the database {}: {e}", config.database_url_redacted()))?;
    let emails: Vec<String> =
        report.rows.iter().map(|r| rules::normalize_email(r.value(rules::Column::Email))).collect();
    let identifiers: Vec<String> =
        report.rows.iter().map(|r| r.value(rules::Column::Identifier).to_owned()).filter(|i| !i.is_empty()).collect();
    let (emails, identifiers) = storage::users::existing(&db, &emails, &identifiers)
        .await
        .map_err(|e| format!("cannot read the portal's users: {e}"))?;
    Ok(Existing { emails, identifiers })
}
