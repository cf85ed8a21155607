//! Server side of [`AppError`]: how each service error becomes what the admin is told, and the HTTP status a
//! server function answers with, set where the error is made.

use std::future::Future;

use axum::http::{header, StatusCode};
use leptos::prelude::use_context;

use crate::error::AppError;

/// Runs a server function's body; an error answers with its own HTTP status (401, 400, 422, 429, 503...) instead
/// of server_fn's 500, so logs, proxies and scripts see a client mistake as one. A plain form post (no
/// JavaScript yet) keeps Leptos's redirect back to the form, which shows the error.
pub async fn respond<T>(body: impl Future<Output = Result<T, AppError>>) -> Result<T, AppError> {
    let result = body.await;
    if let Err(error) = &result {
        set_status(error);
    }
    result
}

/// Gives the answer under way the status (and `Retry-After`) of `error`. Also called for the errors server_fn
/// makes itself while reading a request (a body that does not parse, or over the limit), which never reach
/// [`respond`].
pub(crate) fn set_status(error: &AppError) {
    let form_post = use_context::<axum::http::request::Parts>().is_some_and(|parts| {
        parts.headers.get(header::ACCEPT).and_then(|v| v.to_str().ok()).is_some_and(|v| v.contains("text/html"))
    });
    if let (false, Some(response), Ok(status)) =
        (form_post, use_context::<leptos_axum::ResponseOptions>(), StatusCode::from_u16(error.http_status()))
    {
        response.set_status(status);
        if let Some(seconds) = error.retry_after_secs() {
            response.insert_header(header::RETRY_AFTER, seconds.into());
        }
    }
}

impl From<service::DbErr> for AppError {
    fn from(err: service::DbErr) -> Self {
        tracing::error!(error = %err, "database error");
        AppError::Internal
    }
}

impl From<service::auth::SignInError> for AppError {
    fn from(err: service::auth::SignInError) -> Self {
        use service::auth::SignInError::*;
        match err {
            InvalidCredentials => AppError::InvalidCredentials,
            TooManyAttempts { retry_after_secs } => AppError::TooManyAttempts { retry_after_secs },
            TooLong => AppError::TooLong,
            Busy { retry_after_secs } => AppError::Overloaded { retry_after_secs },
            Hashing => AppError::Internal,
            Database(e) => e.into(),
        }
    }
}

impl From<service::import::ImportError> for AppError {
    fn from(err: service::import::ImportError) -> Self {
        use service::import::ImportError::*;
        match err {
            BadRequest(reason) => {
                tracing::warn!(reason, "confirm request refused");
                AppError::BadRequest
            }
            Busy => AppError::Busy,
            RequestReused => AppError::RequestReused,
            TooManyRemovals { count, members } => AppError::TooManyRemovals { count, members },
            Database(e) => e.into(),
        }
    }
}

impl From<service::history::UndoError> for AppError {
    fn from(err: service::history::UndoError) -> Self {
        use service::history::UndoError::*;
        match err {
            NotFound => AppError::NotFound,
            WindowPassed => AppError::UndoExpired,
            Busy => AppError::Busy,
            Database(e) => e.into(),
        }
    }
}

impl From<service::bulk::BulkError> for AppError {
    fn from(err: service::bulk::BulkError) -> Self {
        match err {
            service::bulk::BulkError::BadRequest(reason) => {
                tracing::warn!(reason, "bulk action refused");
                AppError::BadRequest
            }
            service::bulk::BulkError::GroupName => AppError::GroupName { max_chars: rules::MAX_GROUP_CHARS },
            service::bulk::BulkError::NoSuchGroup => AppError::NotFound,
            service::bulk::BulkError::Database(e) => e.into(),
        }
    }
}

impl From<service::groups::GroupError> for AppError {
    fn from(err: service::groups::GroupError) -> Self {
        use service::groups::GroupError::*;
        match err {
            NotFound => AppError::NotFound,
            BadName => AppError::GroupName { max_chars: rules::MAX_GROUP_CHARS },
            NameTaken => AppError::GroupNameTaken,
            Database(e) => e.into(),
        }
    }
}

impl From<service::admins::AdminError> for AppError {
    fn from(err: service::admins::AdminError) -> Self {
        use service::admins::AdminError::*;
        match err {
            NotFound => AppError::NotFound,
            LastAdmin => AppError::LastAdmin,
            // The page does not offer it: a forged or stale request.
            Yourself => AppError::BadRequest,
            WrongPassword => AppError::WrongPassword,
            WeakPassword(weak) => AppError::WeakPassword { min_chars: weak.min_chars },
            Hashing(service::HashError::Busy) => {
                AppError::Overloaded { retry_after_secs: service::BUSY_RETRY_AFTER_SECS }
            }
            Hashing(service::HashError::Failed) => AppError::Internal,
            Database(e) => e.into(),
        }
    }
}

impl From<service::admin_invitations::InviteError> for AppError {
    fn from(err: service::admin_invitations::InviteError) -> Self {
        use service::admin_invitations::InviteError::*;
        match err {
            InvalidEmail => AppError::InvalidEmail,
            AlreadyAdmin => AppError::AlreadyAdmin,
            AlreadyInvited => AppError::AlreadyInvited,
            NotFound => AppError::NotFound,
            Database(e) => e.into(),
        }
    }
}

impl From<service::admin_invitations::AcceptError> for AppError {
    fn from(err: service::admin_invitations::AcceptError) -> Self {
        use service::admin_invitations::AcceptError::*;
        match err {
            WeakPassword(weak) => AppError::WeakPassword { min_chars: weak.min_chars },
            UnusableLink => AppError::LinkUnusable,
            Hashing(service::HashError::Busy) => {
                AppError::Overloaded { retry_after_secs: service::BUSY_RETRY_AFTER_SECS }
            }
            Hashing(service::HashError::Failed) => AppError::Internal,
            Database(e) => e.into(),
        }
    }
}

impl From<service::users::UserError> for AppError {
    fn from(err: service::users::UserError) -> Self {
        use service::users::UserError::*;
        match err {
            NotFound => AppError::NotFound,
            // The form does not offer it: a forged or stale request.
            ActiveEmail => AppError::BadRequest,
            Database(e) => e.into(),
        }
    }
}

impl From<service::invitations::AcceptError> for AppError {
    fn from(err: service::invitations::AcceptError) -> Self {
        use service::invitations::AcceptError::*;
        match err {
            WeakPassword(weak) => AppError::WeakPassword { min_chars: weak.min_chars },
            UnusableLink => AppError::BadRequest,
            Hashing(service::HashError::Busy) => {
                AppError::Overloaded { retry_after_secs: service::BUSY_RETRY_AFTER_SECS }
            }
            Hashing(service::HashError::Failed) => AppError::Internal,
            Database(e) => e.into(),
        }
    }
}

impl From<service::matching::MatchingError> for AppError {
    fn from(err: service::matching::MatchingError) -> Self {
        use service::matching::MatchingError::*;
        match err {
            BadRequest(reason) => {
                tracing::warn!(reason, "column matching request refused");
                AppError::BadRequest
            }
            Invalid(e) => {
                tracing::warn!(error = %e, "column matching refused");
                AppError::BadRequest
            }
            Database(e) => e.into(),
        }
    }
}

impl From<service::tokens::TokenError> for AppError {
    fn from(err: service::tokens::TokenError) -> Self {
        use service::tokens::TokenError::*;
        match err {
            BadName => AppError::TokenName { max_chars: domain::MAX_TOKEN_NAME_CHARS },
            BadExpiry => AppError::TokenExpiry { max_days: service::tokens::MAX_EXPIRY_DAYS },
            NotFound => AppError::NotFound,
            // The page creates tokens for the signed-in admin, who exists: only the command line names one.
            NoSuchAdmin => AppError::Unauthorized,
            Database(e) => e.into(),
        }
    }
}
