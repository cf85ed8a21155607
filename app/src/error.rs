//! The one error type every server function returns. It crosses the client/server boundary as JSON, so the
//! browser can match on it and show the admin what happened and what to do, in their language.

mod texts;

use rules::Catalog;
use serde::{Deserialize, Serialize};
use server_fn::codec::JsonEncoding;
use server_fn::error::{FromServerFnError, ServerFnErrorErr};

use crate::i18n::Lang;
use texts::ErrorTexts;

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, thiserror::Error)]
pub enum AppError {
    /// No valid session: sign in (again).
    #[error("not signed in")]
    Unauthorized,
    /// A cross-site request to change something.
    #[error("cross-site request refused")]
    CrossSite,
    #[error("wrong email or password")]
    InvalidCredentials,
    #[error("too many failed sign-ins")]
    TooManyAttempts { retry_after_secs: u64 },
    /// The request is malformed (a client bug or a forged request); nothing was changed.
    #[error("bad request")]
    BadRequest,
    /// Other imports kept the database busy; nothing was changed.
    #[error("busy")]
    Busy,
    /// A learner's new password is too short.
    #[error("password too short")]
    WeakPassword { min_chars: usize },
    /// The database or another server part failed; details are in the server's log, never in the answer.
    #[error("server error")]
    Internal,
    /// The request itself could not be sent, read or decoded (network down, server restarting...).
    #[error("request failed: {0}")]
    Request(String),
}

impl AppError {
    /// The HTTP status a server function's error answers with (its body is this error, as JSON).
    pub fn http_status(&self) -> u16 {
        use AppError::*;
        match self {
            Unauthorized | InvalidCredentials => 401,
            CrossSite => 403,
            TooManyAttempts { .. } => 429,
            BadRequest => 400,
            WeakPassword { .. } => 422,
            Busy => 503,
            Internal => 500,
            Request(_) => 502,
        }
    }

    /// What happened and what to do, for the admin, in `lang` (the texts are in `error/texts/`).
    pub fn message(&self, lang: Lang) -> String {
        use AppError::*;
        let t = ErrorTexts::of(lang);
        match self {
            Unauthorized => t.unauthorized.into(),
            CrossSite => t.cross_site.into(),
            InvalidCredentials => t.invalid_credentials.into(),
            TooManyAttempts { retry_after_secs } => (t.too_many_attempts)(retry_after_secs.div_ceil(60).max(1)),
            BadRequest => t.bad_request.into(),
            Busy => t.busy.into(),
            WeakPassword { min_chars } => (t.weak_password)(*min_chars),
            Internal => t.internal.into(),
            Request(_) => t.request.into(),
        }
    }
}

impl FromServerFnError for AppError {
    type Encoder = JsonEncoding;

    fn from_server_fn_error(value: ServerFnErrorErr) -> Self {
        AppError::Request(value.to_string())
    }
}
