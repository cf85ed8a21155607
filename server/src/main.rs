//! The `server` binary: with no arguments it serves the app; its subcommands are the admin's command line.

use std::process::ExitCode;

use clap::Parser;
use server::{cli, configuration::Config, telemetry};

fn main() -> ExitCode {
    return_large_blocks_to_the_system();
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

/// Each password check allocates Argon2's 19 MiB and frees it. glibc's allocator, after the first such free, serves
/// the next ones from per-thread arenas it keeps (its mmap threshold grows to the block's size), so a burst of
/// sign-ins left hundreds of MiB held by the process. A fixed threshold keeps such blocks in their own mappings,
/// given back when freed: memory follows the hashes running (one per core), not the burst.
fn return_large_blocks_to_the_system() {
    #[cfg(all(target_os = "linux", target_env = "gnu"))]
    // SAFETY: mallopt only changes allocator parameters; it is called before any other thread exists.
    unsafe {
        libc::mallopt(libc::M_MMAP_THRESHOLD, 4 * 1024 * 1024);
    }
}
