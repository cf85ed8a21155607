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
    /// The confirm's request id was used before for other rows or options; nothing was changed, and the panel
    /// starts a new id.
    #[error("request id reused with other content")]
    RequestReused,
    /// An email or password longer than anyone's, refused before any work.
    #[error("field too long")]
    TooLong,
    /// A request body over the server function's limit.
    #[error("request too large")]
    TooLarge,
    /// Too much work under way on this server (password checks): nothing was done, try again shortly.
    #[error("overloaded")]
    Overloaded { retry_after_secs: u64 },
    /// What the request names does not exist (an import id that was never used).
    #[error("not found")]
    NotFound,
    /// The import's undo window has passed: the import stays.
    #[error("undo window passed")]
    UndoExpired,
    /// The last admin cannot be removed.
    #[error("last admin")]
    LastAdmin,
    /// The current password given to change it is wrong.
    #[error("wrong current password")]
    WrongPassword,
    /// An API token's name is empty, too long or holds control characters.
    #[error("bad token name")]
    TokenName { max_chars: usize },
    /// An API token's lifetime is not a number of days the portal gives.
    #[error("bad token lifetime")]
    TokenExpiry { max_days: u32 },
    /// An email that is not an address (inviting an admin).
    #[error("invalid email")]
    InvalidEmail,
    /// Inviting an email that is already an admin's.
    #[error("already an admin")]
    AlreadyAdmin,
    /// Inviting an email whose invitation is still open.
    #[error("already invited")]
    AlreadyInvited,
    /// An invitation link that is expired, used, cancelled or unknown.
    #[error("link no longer works")]
    LinkUnusable,
    /// A sync would remove (or suspend) more of its group than the threshold allows, and the admin did not type
    /// that number: nothing was done.
    #[error("too many removals")]
    TooManyRemovals { count: u64, members: u64 },
    /// A group's name that a `groups` cell could not hold: empty, too long, a `|` or a control character.
    #[error("bad group name")]
    GroupName { max_chars: usize },
    /// Another group has this name, ignoring case and accents.
    #[error("group name taken")]
    GroupNameTaken,
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
            BadRequest | TooLong => 400,
            TooLarge => 413,
            RequestReused | UndoExpired | LastAdmin => 409,
            WrongPassword | InvalidEmail | TokenName { .. } | TokenExpiry { .. } | TooManyRemovals { .. } => 422,
            GroupName { .. } => 422,
            GroupNameTaken => 409,
            AlreadyAdmin | AlreadyInvited => 409,
            LinkUnusable => 410,
            NotFound => 404,
            Overloaded { .. } => 503,
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
            TooLong => t.too_long.into(),
            RequestReused => t.request_reused.into(),
            TooLarge => t.too_large.into(),
            Overloaded { .. } => t.overloaded.into(),
            NotFound => t.not_found.into(),
            UndoExpired => t.undo_expired.into(),
            LastAdmin => t.last_admin.into(),
            WrongPassword => t.wrong_password.into(),
            TokenName { max_chars } => (t.token_name)(*max_chars),
            TokenExpiry { max_days } => (t.token_expiry)(u64::from(*max_days)),
            InvalidEmail => t.invalid_email.into(),
            AlreadyAdmin => t.already_admin.into(),
            AlreadyInvited => t.already_invited.into(),
            LinkUnusable => t.link_unusable.into(),
            GroupName { max_chars } => (t.group_name)(*max_chars),
            GroupNameTaken => t.group_name_taken.into(),
            TooManyRemovals { count, members } => rules::Problem::file(rules::Code::SyncTooManyRemovals)
                .with_names(vec![count.to_string(), members.to_string()])
                .message(lang),
        }
    }

    /// How long the client should wait before trying again, for the errors that say so (`Retry-After`).
    pub fn retry_after_secs(&self) -> Option<u64> {
        match self {
            AppError::TooManyAttempts { retry_after_secs } | AppError::Overloaded { retry_after_secs } => {
                Some(*retry_after_secs)
            }
            _ => None,
        }
    }
}

impl FromServerFnError for AppError {
    type Encoder = JsonEncoding;

    fn from_server_fn_error(value: ServerFnErrorErr) -> Self {
        let error = match value {
            // Made on the server while reading the request: the client sent something this function does not
            // take (400), or more than it takes (413, from the body limit).
            ServerFnErrorErr::Deserialization(message) | ServerFnErrorErr::Args(message)
                if message.contains("length limit exceeded") =>
            {
                AppError::TooLarge
            }
            ServerFnErrorErr::Deserialization(_) | ServerFnErrorErr::Args(_) | ServerFnErrorErr::MissingArg(_) => {
                AppError::BadRequest
            }
            other => AppError::Request(other.to_string()),
        };
        #[cfg(feature = "ssr")]
        if matches!(error, AppError::BadRequest | AppError::TooLarge) {
            crate::respond::set_status(&error);
        }
        error
    }
}
