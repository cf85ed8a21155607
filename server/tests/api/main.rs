//! Black-box tests of the server through HTTP: each test spawns the whole app on a random port against fresh
//! databases (SQLite and PostgreSQL).

mod admin_invitations;
mod assets;
mod auth;
mod guard;
mod helpers;
mod history;
mod invitations;
mod limits;
mod matrix;
mod metrics;
mod pages;
mod rosters;
mod template;
mod v1;
mod v1_groups;
mod v1_params;
