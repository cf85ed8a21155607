//! The command line as scripts use it: the real `server` binary, its output and its exit status.

mod check;
mod flood;
mod history;
mod import;
mod invitations;
mod readme;
mod rosters;
mod startup;
mod tokens;
