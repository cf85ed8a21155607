//! The reliability campaign (`make verify`, written up in docs/reliability.md): hostile input, faults and load,
//! against the real `server` binary on SQLite and PostgreSQL. `VERIFY=full` runs it at full size (what
//! `make verify` does); without it each part runs as a short smoke, which `make test` keeps.

mod delivery;
mod faults;
mod hostile;
mod load;
mod support;
