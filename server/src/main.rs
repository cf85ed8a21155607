//! The `server` binary: with no arguments it serves the app; its subcommands are the admin's command line.

use std::process::ExitCode;

use clap::Parser;
use server::{cli, configuration::Config, telemetry};

fn main() -> ExitCode {
    let args = cli::Args::parse();
    telemetry::init();
    let config = match Config::from_env() {
        Ok(config) => config,
        Err(err) => {
            eprintln!("configuration error: {err}");
            return ExitCode::from(2);
        }
    };
    let runtime = match tokio::runtime::Builder::new_multi_thread().enable_all().build() {
        Ok(runtime) => runtime,
        Err(err) => {
            eprintln!("cannot start the async runtime: {err}");
            return ExitCode::from(2);
        }
    };
    runtime.block_on(cli::run(args, config))
}
