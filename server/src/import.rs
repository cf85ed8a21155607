//! `server import FILE [--no-invite] [--ignore-errors] [--columns ...]`: the browser's confirmed import, for
//! scripts. The file is checked exactly as `server check` does (with the same `--columns` matching), then the same domain code as the Confirm button writes it.
//! Exit status: 0 every row added, 1 rows with errors (nothing added without --ignore-errors, else skipped),
//! 2 the file is rejected or the import could not run.

mod texts;

use std::fs::File;
use std::io::{BufReader, Read};
use std::path::Path;
use std::process::ExitCode;

use domain::{ConfirmRequest, Outcome, SubmittedRow};
use rules::{ColumnMatching, Lang, Report};
use sha2::{Digest, Sha256};

use crate::configuration::Config;

pub struct Options<'a> {
    pub path: &'a Path,
    pub invite: bool,
    pub ignore_errors: bool,
    pub admin_email: Option<&'a str>,
    pub lang: Lang,
    pub columns: Option<&'a ColumnMatching>,
    pub roster: domain::RosterOptions,
}

pub async fn run(config: &Config, options: Options<'_>) -> ExitCode {
    match import(config, &options).await {
        Ok(code) => ExitCode::from(code),
        Err(message) => {
            eprintln!("{message}");
            ExitCode::from(2)
        }
    }
}

async fn import(config: &Config, options: &Options<'_>) -> Result<u8, String> {
    let path = options.path;
    let t = texts::import_texts(options.lang);
    let name = path.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
    let open = || File::open(path).map_err(|e| format!("cannot open {}: {e}", path.display()));
    let report = match crate::check::read(&name, BufReader::new(open()?), options.columns)? {
        Ok((sheet, warnings)) => Report::from_sheet(sheet, warnings),
        Err(problem) => Report::rejected(problem),
    };
    if let Some(problem) = &report.file_error {
        return Err(format!("{}: {} ({})", name, problem.message(options.lang), problem.code().as_str()));
    }
    let sha256 = file_sha256(open()?).map_err(|e| format!("cannot read {}: {e}", path.display()))?;
    let db = storage::connect(config.database_url())
        .await
        .map_err(|e| format!("cannot open the database {}: {e}", config.database_url_redacted()))?;
    let admin_email = options.admin_email.unwrap_or(&config.first_admin_email);
    let admin = storage::admins::find_by_email(&db, &rules::normalize_email(admin_email))
        .await
        .map_err(|e| format!("cannot read the admins: {e}"))?
        .ok_or_else(|| format!("no admin {admin_email}: name one with --admin EMAIL (see server create-admin)"))?;
    let request = ConfirmRequest {
        // The same file imported twice by the same admin with the same choices is carried out once: a re-run
        // script is harmless. Another admin's run of the same file is another import.
        // A roster import (update, sync) runs every time: applying the same file again changes nothing, and
        // tonight's sync must see what changed since yesterday's.
        request_id: if options.roster.mode == rules::Mode::Add {
            format!(
                "cli-{}-{}-{}{}",
                admin.id,
                &sha256[..32],
                u8::from(options.invite),
                u8::from(options.ignore_errors)
            )
        } else {
            format!("cli-{}-{}", admin.id, &storage::tokens::new_token()[..40].replace('_', "-"))
        },
        file_name: name,
        file_sha256: sha256,
        rows: report.rows.iter().map(|r| SubmittedRow { row: r.row, values: r.values.to_vec(), seen: None }).collect(),
        send_invitations: options.invite,
        ignore_errors: options.ignore_errors,
        roster: options.roster.clone(),
    };
    let answer =
        match service::import::confirm(&db, domain::Actor::admin(admin.id), request, config.sync_policy()).await {
            Ok(answer) => answer,
            Err(service::import::ImportError::TooManyRemovals { count, members }) => {
                let problem = rules::Problem::file(rules::Code::SyncTooManyRemovals)
                    .with_names(vec![count.to_string(), members.to_string()]);
                return Err(format!(
                    "{} ({}; --allow-removals {count} allows them)",
                    problem.message(options.lang),
                    problem.code().as_str()
                ));
            }
            Err(e) => return Err(format!("the import failed: {e}")),
        };
    for outcome in answer.rows.iter().filter(|o| o.outcome == Outcome::Skipped) {
        for problem in &outcome.problems {
            let column = problem.column.map(|c| c.as_str()).unwrap_or("");
            println!(
                "{} {:>3}  {column:<10} {:<20} {}",
                t.row,
                outcome.row,
                problem.code().as_str(),
                problem.message(options.lang)
            );
        }
    }
    if answer.imported {
        let added = if options.invite { t.added_and_invited } else { t.added };
        println!("{} {}", (t.import)(answer.import_id.unwrap_or_default()), added(answer.created, answer.skipped));
        if options.roster.mode != rules::Mode::Add {
            let c = answer.counts;
            println!("{}", (t.updated)(c.updated, c.unchanged));
            if options.roster.mode == rules::Mode::Sync {
                println!("{}", (t.left_group)(c.removed, c.suspended));
            }
        }
        Ok(if answer.skipped > 0 { 1 } else { 0 })
    } else {
        println!("{}", (t.nothing_added)(answer.skipped));
        Ok(1)
    }
}

fn file_sha256(mut file: File) -> std::io::Result<String> {
    let mut hasher = Sha256::new();
    let mut buffer = vec![0u8; 64 * 1024];
    loop {
        let n = file.read(&mut buffer)?;
        if n == 0 {
            return Ok(hex::encode(hasher.finalize()));
        }
        hasher.update(&buffer[..n]);
    }
}
