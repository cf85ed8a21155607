//! The command line: `server` serves the app; `server create-admin EMAIL` adds an admin; `server create-token
//! --admin EMAIL NAME` gives a script an API token; `server check FILE`
//! reports on a file as the import would; `server import FILE` imports it; `server history`, `server report ID`
//! and `server undo ID` look back on imports and take one back.

use std::io::BufRead;
use std::process::ExitCode;

use clap::{Parser, Subcommand};

use crate::configuration::Config;
use crate::{check, history, import, startup};

#[derive(Parser, Debug)]
#[command(name = "server", about = "The learners portal: serves the admin app, or runs an admin command.")]
pub struct Args {
    #[command(subcommand)]
    pub command: Option<Command>,
}

#[derive(Subcommand, Debug)]
pub enum Command {
    /// Serve the app (the default).
    Serve,
    /// Create an admin account. Prints a random password unless --password-stdin is given.
    CreateAdmin {
        email: String,
        /// Read the password from the first line of standard input (at least 12 characters).
        #[arg(long)]
        password_stdin: bool,
    },
    /// Lift every sign-in delay of an admin (after an attack on the account, or too many typos). Exit status: 0
    /// done, 1 no admin has this email, 2 the database could not be reached.
    UnlockAdmin { email: String },
    /// Create an API token acting as the admin with this email and print it, once, on standard output: only its
    /// hash is kept. Exit status: 0 created, 1 the database could not be reached, 2 refused (no admin has this
    /// email, or the name or the lifetime is out of bounds).
    CreateToken {
        /// The email of the admin the token acts as.
        #[arg(long, value_name = "EMAIL")]
        admin: String,
        /// What uses the token, as the API tokens page lists it: "SIS nightly import".
        name: String,
        /// Days until the token expires, 1 to 3650 (default: never; it lasts until revoked).
        #[arg(long, value_name = "N")]
        expires_days: Option<u32>,
    },
    /// Check a CSV file exactly as the import does, without writing anything. Exit status: 0 every row valid,
    /// 1 some rows have errors, 2 the file is rejected.
    Check {
        file: std::path::PathBuf,
        /// Print the report as JSON instead of a table.
        #[arg(long)]
        json: bool,
        /// The language of the messages: en, fr or de.
        #[arg(long, default_value = "en", value_parser = parse_lang)]
        lang: rules::Lang,
        /// Which header cell feeds which column, when the header does not name them: firstname=Prénom,email=Mail.
        /// The other cells are read by their names as usual.
        #[arg(long, value_name = "COLUMN=HEADER,...", value_parser = parse_columns)]
        columns: Option<rules::ColumnMatching>,
        #[command(flatten)]
        roster: RosterArgs,
    },
    /// Import a CSV file as the Add users panel's Confirm does. Exit status: 0 every row added, 1 rows with
    /// errors (nothing added unless --ignore-errors), 2 the file is rejected or the import could not run.
    Import {
        file: std::path::PathBuf,
        /// Do not queue invitation emails.
        #[arg(long)]
        no_invite: bool,
        /// Add the valid rows even when other rows have errors.
        #[arg(long)]
        ignore_errors: bool,
        /// The admin the import is recorded for (default: ADMIN_EMAIL's).
        #[arg(long)]
        admin: Option<String>,
        /// The language of the messages: en, fr or de.
        #[arg(long, default_value = "en", value_parser = parse_lang)]
        lang: rules::Lang,
        /// Which header cell feeds which column, as for check: firstname=Prénom,email=Mail.
        #[arg(long, value_name = "COLUMN=HEADER,...", value_parser = parse_columns)]
        columns: Option<rules::ColumnMatching>,
        #[command(flatten)]
        roster: RosterArgs,
    },
    /// List every import, newest first: who, when, which file, its counts and whether it can be undone.
    History {
        /// Print the history as JSON instead of a table.
        #[arg(long)]
        json: bool,
    },
    /// Print an import's error report on standard output: the rows not added, with an errors column, as CSV.
    /// Exit status: 0 printed, 1 no such import.
    Report {
        id: i64,
        /// The language of the reasons: en, fr or de.
        #[arg(long, default_value = "en", value_parser = parse_lang)]
        lang: rules::Lang,
    },
    /// Undo an import within its window (UNDO_WINDOW_HOURS): removes its users still Pending and unchanged, with
    /// their invitations; keeps and names the Active ones. Exit status: 0 undone (or already), 1 no such import or
    /// its window has passed, 2 the undo could not run.
    Undo {
        id: i64,
        /// The admin the undo is recorded for (default: ADMIN_EMAIL's).
        #[arg(long)]
        admin: Option<String>,
    },
}

/// What an import does with learners the portal has (docs/rosters.md).
#[derive(clap::Args, Debug, Clone)]
pub struct RosterArgs {
    /// add (known learners are errors), update (add and update), update-only, or sync (the file is the whole list
    /// of --group).
    #[arg(long, default_value = "add", value_parser = parse_mode)]
    mode: rules::Mode,
    /// sync: the group whose whole list the file is.
    #[arg(long, value_name = "NAME")]
    group: Option<String>,
    /// sync: what happens to the group's members not in the file: remove (from the group) or suspend.
    #[arg(long, default_value = "remove", value_parser = parse_missing)]
    missing: domain::Missing,
    /// sync: allow this many removals (or suspensions) past the safety threshold (SYNC_MAX_REMOVALS_PERCENT).
    #[arg(long, value_name = "N")]
    allow_removals: Option<u32>,
    /// What an empty identifier, country or groups cell does to a known learner: keep (the default) or clear.
    #[arg(long, default_value = "keep", value_parser = parse_empty)]
    empty: rules::EmptyCells,
}

impl RosterArgs {
    /// The options, or a usage error: a group is named exactly when syncing.
    pub fn options(&self) -> Result<domain::RosterOptions, String> {
        match (self.mode, &self.group) {
            (rules::Mode::Sync, None) => {
                return Err("--mode sync needs --group NAME: the group whose whole list the file is".into())
            }
            (mode, Some(_)) if mode != rules::Mode::Sync => return Err("--group is only for --mode sync".into()),
            _ => {}
        }
        Ok(domain::RosterOptions {
            mode: self.mode,
            group: self.group.clone(),
            missing: self.missing,
            allow_removals: self.allow_removals,
            empty: self.empty,
        })
    }
}

fn parse_mode(text: &str) -> Result<rules::Mode, String> {
    rules::Mode::parse(text).ok_or_else(|| format!("{text:?} is not a mode: use add, update, update-only or sync"))
}

fn parse_missing(text: &str) -> Result<domain::Missing, String> {
    domain::Missing::parse(text).ok_or_else(|| format!("{text:?}: use remove or suspend"))
}

fn parse_empty(text: &str) -> Result<rules::EmptyCells, String> {
    rules::EmptyCells::parse(text).ok_or_else(|| format!("{text:?}: use keep or clear"))
}

fn parse_lang(code: &str) -> Result<rules::Lang, String> {
    rules::Lang::from_code(code).ok_or_else(|| format!("{code:?} is not a language of the messages: use en, fr or de"))
}

/// `--columns`: a malformed matching is a usage error (clap's exit status 2) before any file is opened.
fn parse_columns(text: &str) -> Result<rules::ColumnMatching, String> {
    rules::ColumnMatching::parse(text).map_err(|e| e.to_string())
}

pub async fn run(args: Args, config: Config) -> ExitCode {
    match args.command.unwrap_or(Command::Serve) {
        Command::Serve => match startup::serve(config).await {
            Ok(()) => ExitCode::SUCCESS,
            Err(message) => {
                eprintln!("{message}");
                ExitCode::FAILURE
            }
        },
        Command::CreateAdmin { email, password_stdin } => create_admin(&config, &email, password_stdin).await,
        Command::UnlockAdmin { email } => unlock_admin(&config, &email).await,
        Command::CreateToken { admin, name, expires_days } => create_token(&config, &admin, &name, expires_days).await,
        Command::Check { file, json, lang, columns, roster } => match roster.options() {
            Ok(roster) => check::run(&config, &file, json, lang, columns.as_ref(), &roster).await,
            Err(message) => usage(&message),
        },
        Command::History { json } => history::history(&config, json).await,
        Command::Report { id, lang } => history::report(&config, id, lang).await,
        Command::Undo { id, admin } => history::undo(&config, id, admin.as_deref()).await,
        Command::Import { file, no_invite, ignore_errors, admin, lang, columns, roster } => {
            let roster = match roster.options() {
                Ok(roster) => roster,
                Err(message) => return usage(&message),
            };
            let options = import::Options {
                roster,
                path: &file,
                invite: !no_invite,
                ignore_errors,
                admin_email: admin.as_deref(),
                lang,
                columns: columns.as_ref(),
            };
            import::run(&config, options).await
        }
    }
}

/// A usage error the parser could not see (options that go together): clap's exit status.
fn usage(message: &str) -> ExitCode {
    eprintln!("error: {message}");
    ExitCode::from(2)
}

async fn unlock_admin(config: &Config, email: &str) -> ExitCode {
    let outcome = match storage::connect(config.database_url()).await {
        Ok(db) => service::auth::unlock_admin(&db, email).await,
        Err(e) => Err(e),
    };
    match outcome {
        Ok(Some(counters)) => {
            println!("Unlocked the admin {email}: {counters} sign-in counters cleared; they can sign in now.");
            ExitCode::SUCCESS
        }
        Ok(None) => {
            eprintln!("No admin has the email {email}.");
            ExitCode::from(1)
        }
        Err(e) => {
            eprintln!("cannot reach the database {}: {e}", config.database_url_redacted());
            ExitCode::from(2)
        }
    }
}

async fn create_admin(config: &Config, email: &str, password_stdin: bool) -> ExitCode {
    let db = match storage::connect(config.database_url()).await {
        Ok(db) => db,
        Err(e) => {
            eprintln!("cannot open the database {}: {e}", config.database_url_redacted());
            return ExitCode::FAILURE;
        }
    };
    let (password, show) = if password_stdin {
        let mut line = String::new();
        if std::io::stdin().lock().read_line(&mut line).is_err() {
            eprintln!("cannot read the password from standard input");
            return ExitCode::FAILURE;
        }
        (line.trim_end_matches(['\r', '\n']).to_owned(), false)
    } else {
        (service::auth::random_password(), true)
    };
    match service::auth::create_admin(&db, email, &password).await {
        Ok(()) => {
            if show {
                println!("Created the admin {email}\n  one-time password: {password}");
            } else {
                println!("Created the admin {email}");
            }
            ExitCode::SUCCESS
        }
        Err(e) => {
            eprintln!("cannot create the admin: {e}");
            ExitCode::FAILURE
        }
    }
}

/// `server create-token`: the token alone on stdout (so `TOKEN=$(server create-token ...)` works), what it is and
/// the warning on stderr.
async fn create_token(config: &Config, email: &str, name: &str, expires_days: Option<u32>) -> ExitCode {
    let db = match storage::connect(config.database_url()).await {
        Ok(db) => db,
        Err(e) => {
            eprintln!("cannot reach the database {}: {e}", config.database_url_redacted());
            return ExitCode::FAILURE;
        }
    };
    match service::tokens::create_for_email(&db, email, name, expires_days).await {
        Ok(new) => {
            println!("{}", new.secret);
            let until = new.token.expires_at.map_or("until revoked".to_owned(), |at| format!("until {at}"));
            eprintln!(
                "Created the API token \"{}\" (id {}) acting as {}, valid {until}. It will not be shown again: \
                 store it now.",
                new.token.name, new.token.id, new.token.admin
            );
            ExitCode::SUCCESS
        }
        Err(service::tokens::TokenError::Database(e)) => {
            eprintln!("cannot create the token: {e}");
            ExitCode::FAILURE
        }
        Err(service::tokens::TokenError::NoSuchAdmin) => {
            eprintln!("No admin has the email {email}: the token must act as an existing admin (see create-admin).");
            ExitCode::from(2)
        }
        Err(e) => {
            eprintln!("cannot create the token: {e}");
            ExitCode::from(2)
        }
    }
}
