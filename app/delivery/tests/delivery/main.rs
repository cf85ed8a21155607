//! Invitation and notice delivery against a real SMTP server on loopback (scripts/smtp-sink.py, Debian's
//! aiosmtpd) and real databases (SQLite and PostgreSQL): right language, right address, exactly once, through
//! outages, crashes and competing workers; permanent refusals recorded for the admin. The workers read a test
//! clock: retry delays and leases run out when a test moves it, never by waiting.

mod helpers;
mod notices;
mod outages;
mod sending;
mod workers;
