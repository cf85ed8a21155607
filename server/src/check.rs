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

pub async fn run(
    config: &Config,
    path: &Path,
    json: bool,
    lang: Lang,
    columns: Option<&ColumnMatching>,
    roster: &domain::RosterOptions,
) -> ExitCode {
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
    if roster.mode != rules::Mode::Add {
        let Some(db) = db else {
            eprintln!("--mode {} compares the file with the portal's learners: set DATABASE_URL", roster.mode.as_str());
            return ExitCode::from(2);
        };
        return match roster_report(&db, read, roster, config.sync_policy(), lang).await {
            Ok(report) => {
                let text = if json { format!("{:#}\n", report.json) } else { report.text };
                let _ = std::io::stdout().lock().write_all(text.as_bytes());
                ExitCode::from(report.exit)
            }
            Err(message) => {
                eprintln!("{message}");
                ExitCode::from(2)
            }
        };
    }
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

/// What `server check --mode …` prints and the API's dry run answers for a roster mode: the rules' report, each
/// row's label and changes (old → new), the counts, the groups the file would create and, for a sync, who would
/// leave the group. `exit` is 2 when the sync would remove more than the threshold allows.
pub struct RosterReport {
    pub json: serde_json::Value,
    pub text: String,
    pub exit: u8,
}

pub async fn roster_report(
    db: &DatabaseConnection,
    read: Result<(Sheet, Vec<Problem>), Problem>,
    options: &domain::RosterOptions,
    policy: service::roster::SyncPolicy,
    lang: Lang,
) -> Result<RosterReport, String> {
    use serde_json::{json, Value};
    let (sheet, warnings) = match read {
        Err(problem) => {
            let report = Report::rejected(problem);
            let json = serde_json::from_str(&report.to_json(lang)).unwrap_or(Value::Null);
            return Ok(RosterReport { json, text: report.to_table(lang), exit: 2 });
        }
        Ok(read) => read,
    };
    let rows = sheet.rows().iter().map(|r| (r.row, rules::UserValues::from_cells(&r.values.to_vec()))).collect();
    let plan = service::roster::plan(db, rows, options, policy).await.map_err(|e| match e {
        service::import::ImportError::BadRequest(reason) => format!("{reason}."),
        other => format!("cannot read the portal's learners: {other}"),
    })?;
    let labels: Vec<&str> = plan
        .diffs
        .iter()
        .map(|d| match d.label {
            rules::Label::New => "new",
            rules::Label::Update => "update",
            rules::Label::Unchanged => "unchanged",
            rules::Label::Error => "error",
        })
        .collect();
    let count = |label: &str| labels.iter().filter(|l| **l == label).count();
    let report = Report::from_sheet(plan.sheet, warnings);
    let mut json: Value = serde_json::from_str(&report.to_json(lang)).map_err(|e| e.to_string())?;
    if let Some(rows) = json.get_mut("rows").and_then(Value::as_array_mut) {
        for ((row, label), diff) in rows.iter_mut().zip(&labels).zip(&plan.diffs) {
            row["label"] = json!(label);
            row["learner"] = json!(diff.learner.map(|l| l.0));
            row["changes"] = json!(diff
                .changes
                .iter()
                .map(|c| json!({ "column": c.column.as_str(), "old": c.old, "new": c.new }))
                .collect::<Vec<_>>());
        }
    }
    let (new, updated, unchanged, errors) = (count("new"), count("update"), count("unchanged"), count("error"));
    json["mode"] = json!(options.mode.as_str());
    json["difference"] = json!({
        "new": new,
        "updated": updated,
        "unchanged": unchanged,
        "errors": errors,
        "new_groups": plan.new_groups,
        "group": options.group,
        "missing": options.missing.as_str(),
        "members": plan.members,
        "leaving": plan.leaving.iter().map(|l| json!({
            "id": l.id, "firstname": l.firstname, "lastname": l.lastname, "email": l.email,
        })).collect::<Vec<_>>(),
    });
    let mut text = report.to_table(lang);
    text.push_str(&format!(
        "{new} new, {updated} updated, {unchanged} unchanged, {errors} with errors ({} mode)\n",
        options.mode.as_str()
    ));
    for (row, diff) in report.rows.iter().zip(&plan.diffs) {
        for change in &diff.changes {
            text.push_str(&format!(
                "  row {:>3}  {:<10} {:?} → {:?}\n",
                row.row,
                change.column.as_str(),
                change.old,
                change.new
            ));
        }
    }
    if !plan.new_groups.is_empty() {
        text.push_str(&format!("{} new groups: {}\n", plan.new_groups.len(), plan.new_groups.join(", ")));
    }
    if let Some(group) = &options.group {
        let verb = match options.missing {
            domain::Missing::Remove => "removed from it",
            domain::Missing::Suspend => "suspended",
        };
        text.push_str(&format!(
            "{} of the {} members of {group} are not in the file and will be {verb}\n",
            plan.leaving.len(),
            plan.members
        ));
        for leaver in &plan.leaving {
            text.push_str(&format!("  {} {} <{}>\n", leaver.firstname, leaver.lastname, leaver.email));
        }
    }
    let mut exit = report.exit_status() as u8;
    if plan.needs_approval {
        let problem = Problem::file(rules::Code::SyncTooManyRemovals)
            .with_names(vec![plan.leaving.len().to_string(), plan.members.to_string()]);
        json["difference"]["refused"] =
            json!({ "code": problem.code().as_str(), "message": problem.message(lang), "count": plan.leaving.len() });
        text.push_str(&format!("{} ({})\n", problem.message(lang), problem.code().as_str()));
        exit = 2;
    }
    Ok(RosterReport { json, text, exit })
}
