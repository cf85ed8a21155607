//! Integration tests of the storage layer, run against SQLite and a real PostgreSQL.

mod helpers;
mod queue;
mod schema;
mod sqlite;
mod users_list;
