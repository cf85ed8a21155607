//! Errors of the HTTP API as RFC 9457 problem details (`application/problem+json`): a `type` that names the kind
//! of problem (a stable URI reference under `/api/v1/problems/`), a `title`, the HTTP `status`, a `detail` that
//! says what to do, and, where rows of a file are concerned, the rules' codes.

use axum::http::{header, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use serde::Serialize;
use utoipa::ToSchema;

use super::schema::RowProblem;

/// A problem details object.
#[derive(Clone, Debug, Serialize, ToSchema)]
pub struct Problem {
    /// Names the kind of problem: `/api/v1/problems/<kind>`; clients branch on it.
    #[serde(rename = "type", serialize_with = "problem_type")]
    #[schema(value_type = String, example = "/api/v1/problems/token-expired")]
    pub kind: &'static str,
    /// A short summary of the kind of problem, the same for every occurrence.
    #[schema(value_type = String)]
    pub title: &'static str,
    /// The HTTP status code.
    pub status: u16,
    /// What happened this time, and what to do.
    pub detail: String,
    /// For a refused file: the rules' code of the file's problem (`file.missing_columns`...).
    #[serde(skip_serializing_if = "Option::is_none")]
    #[schema(value_type = Option<String>)]
    pub code: Option<&'static str>,
    /// For rows with errors: each row's problems, with the rules' codes.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub errors: Vec<RowProblem>,
    #[serde(skip)]
    retry_after: Option<u32>,
    #[serde(skip)]
    challenge: Option<Challenge>,
}

/// The `error` of a 401's `WWW-Authenticate: Bearer` challenge (RFC 6750).
#[derive(Clone, Copy, Debug)]
pub enum Challenge {
    /// No token came.
    InvalidRequest,
    /// A token came, and it is not a live one.
    InvalidToken,
}

fn problem_type<S: serde::Serializer>(kind: &&'static str, serializer: S) -> Result<S::Ok, S::Error> {
    serializer.serialize_str(&format!("/api/v1/problems/{kind}"))
}

impl Problem {
    pub fn new(status: StatusCode, kind: &'static str, title: &'static str, detail: impl Into<String>) -> Problem {
        Problem {
            kind,
            title,
            status: status.as_u16(),
            detail: detail.into(),
            code: None,
            errors: Vec::new(),
            retry_after: None,
            challenge: None,
        }
    }

    pub fn with_code(mut self, code: &'static str) -> Problem {
        self.code = Some(code);
        self
    }

    pub fn with_errors(mut self, errors: Vec<RowProblem>) -> Problem {
        self.errors = errors;
        self
    }

    pub fn retry_after(mut self, seconds: u32) -> Problem {
        self.retry_after = Some(seconds);
        self
    }

    /// A 401's `WWW-Authenticate` challenge.
    pub fn challenge(mut self, error: Challenge) -> Problem {
        self.challenge = Some(error);
        self
    }

    pub fn internal() -> Problem {
        Problem::new(
            StatusCode::INTERNAL_SERVER_ERROR,
            "internal",
            "Internal error",
            "The server could not complete the request; nothing was changed. Try again later.",
        )
    }

    pub fn busy() -> Problem {
        Problem::new(
            StatusCode::SERVICE_UNAVAILABLE,
            "busy",
            "Server busy",
            "The database stayed busy; nothing was changed. Send the same request again in a few seconds.",
        )
        .retry_after(5)
    }

    pub fn not_found(detail: impl Into<String>) -> Problem {
        Problem::new(StatusCode::NOT_FOUND, "not-found", "Not found", detail)
    }

    pub fn too_large() -> Problem {
        Problem::new(
            StatusCode::PAYLOAD_TOO_LARGE,
            "too-large",
            "Body too large",
            "The API takes files of up to 4 MiB (a 250-row file is far smaller); nothing was imported.",
        )
    }

    pub fn bad_request(detail: impl Into<String>) -> Problem {
        Problem::new(StatusCode::BAD_REQUEST, "bad-request", "Bad request", detail)
    }
}

impl IntoResponse for Problem {
    fn into_response(self) -> Response {
        let status = StatusCode::from_u16(self.status).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR);
        let body = serde_json::to_string(&self).unwrap_or_default();
        let mut response =
            (status, [(header::CONTENT_TYPE, HeaderValue::from_static("application/problem+json"))], body)
                .into_response();
        if let Some(seconds) = self.retry_after {
            response.headers_mut().insert(header::RETRY_AFTER, HeaderValue::from(seconds));
        }
        if let Some(challenge) = self.challenge {
            let value = match challenge {
                Challenge::InvalidRequest => "Bearer realm=\"api\", error=\"invalid_request\"",
                Challenge::InvalidToken => "Bearer realm=\"api\", error=\"invalid_token\"",
            };
            response.headers_mut().insert(header::WWW_AUTHENTICATE, HeaderValue::from_static(value));
        }
        response
    }
}
