//! Invitation emails: the texts in seven languages (askama templates), the mailer (SMTP or `.eml` files) and the
//! worker that delivers the database queue. Server-only; nothing here reaches the wasm bundle.

pub mod mailer;
pub mod templates;
#[cfg(feature = "test-util")]
pub mod testing;
pub mod worker;

pub use mailer::{Mailer, SendError, DEFAULT_SMTP_CONNECTIONS};
pub use tokio_util::sync::CancellationToken;
pub use worker::{Clock, DeliveryConfig, Worker, DEFAULT_BATCH};
