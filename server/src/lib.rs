//! The server: configuration read once at start-up, the axum application, the command line. `main` stays tiny.

pub mod api;
pub mod assets;
pub mod check;
pub mod cli;
pub mod configuration;
pub mod downloads;
pub mod edge;
pub mod guard;
pub mod history;
pub mod import;
pub mod monitoring;
pub mod startup;
pub mod telemetry;
pub mod template;
