//! `POST /api/v1/imports` (a CSV file in the body: checked, or imported exactly as the browser's confirm does) and
//! `GET /api/v1/imports/{id}` (an entry of the history with its rows).

use axum::{
    body::Bytes,
    extract::{rejection::BytesRejection, rejection::PathRejection, Path, RawQuery, State},
    http::{header, HeaderMap, HeaderValue, StatusCode},
    response::{IntoResponse, Response},
    Extension, Json,
};
use domain::{Actor, ConfirmRequest, SubmittedRow};
use rules::{Column, Lang};
use sha2::{Digest, Sha256};

use app::state::AppState;
use service::import::ImportError;

use super::params::{bad_value, positive_id, Params};
use super::problem::Problem;
use super::schema::{
    CellProblem, CheckReport, ImportOptions, ImportOutcome, ImportReadParams, ImportRecord, RowProblem,
};

/// The header that makes a retried import answer the first outcome.
pub const IDEMPOTENCY_KEY: &str = "idempotency-key";
/// The longest `Idempotency-Key` (a UUID is 36 characters).
const MAX_KEY_CHARS: usize = 255;

/// Check or import a CSV file.
///
/// The body is the file's bytes, as it would be dropped on the Add users panel (any encoding and separator the
/// panel reads). With `dry_run=true` the answer is the report `server check --json` prints and nothing is
/// written. Otherwise the file is imported as the browser's confirm imports it: the same rules, one transaction,
/// an entry in the history and the activity log. Send an `Idempotency-Key` to retry safely: the same key with the
/// same body answers the first outcome and imports nothing twice; the same key with another body is a 409.
#[utoipa::path(
    post,
    path = "/api/v1/imports",
    tag = "imports",
    params(
        ImportOptions,
        ("Idempotency-Key" = Option<String>, Header, description = "Any 1 to 255 visible ASCII characters, unique per import (a UUID)."),
    ),
    request_body(content = String, content_type = "text/csv", description = "The CSV file (at most 250 rows)."),
    responses(
        (status = 200, description = "Dry run: the check's report (a refused file has `file_error`).", body = CheckReport),
        (status = 201, description = "Imported; `Location` is the import's address.", body = ImportOutcome,
            headers(("Location" = String, description = "/api/v1/imports/{id}"))),
        (status = 400, description = "An unknown option, a value an option does not take, an option given twice, or a malformed Idempotency-Key; `detail` names it.", body = Problem, content_type = "application/problem+json"),
        (status = 401, description = "No token, or a wrong, expired or revoked one.", body = Problem, content_type = "application/problem+json"),
        (status = 409, description = "This Idempotency-Key was used for another body or other options.", body = Problem, content_type = "application/problem+json"),
        (status = 413, description = "The body is larger than 4 MiB.", body = Problem, content_type = "application/problem+json"),
        (status = 415, description = "The body is not `text/csv` (or `text/plain`, `application/octet-stream`).", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "Nothing imported: the file was refused (`code`), or rows have errors and `ignore_errors` was not set (`errors`).", body = Problem, content_type = "application/problem+json"),
        (status = 503, description = "The database stayed busy; retry after `Retry-After` seconds.", body = Problem, content_type = "application/problem+json"),
    )
)]
pub async fn create(
    State(state): State<AppState>,
    Extension(actor): Extension<Actor>,
    RawQuery(query): RawQuery,
    headers: HeaderMap,
    body: Result<Bytes, BytesRejection>,
) -> Response {
    match import(&state, actor, query.as_deref(), &headers, body).await {
        Ok(response) => response,
        Err(problem) => problem.into_response(),
    }
}

async fn import(
    state: &AppState,
    actor: Actor,
    query: Option<&str>,
    headers: &HeaderMap,
    body: Result<Bytes, BytesRejection>,
) -> Result<Response, Problem> {
    // The options, each read in one line; a new one is a field of `ImportOptions` (its name and documentation)
    // and a line here.
    let params = Params::read::<ImportOptions>(query)?;
    let send_invitations = params.flag("send_invitations")?.unwrap_or(true);
    let ignore_errors = params.flag("ignore_errors")?.unwrap_or(false);
    let dry_run = params.flag("dry_run")?.unwrap_or(false);
    let file_name = params.parse("file_name", "1 to 255 characters, with no control characters", |name| {
        let fits = !name.is_empty() && name.chars().count() <= 255 && !name.chars().any(char::is_control);
        fits.then(|| name.to_owned())
    })?;
    let lang = super::language(super::lang_param(&params)?, headers);
    let roster = roster_options(&params)?;
    check_content_type(headers)?;
    let key = idempotency_key(headers)?;
    let body = body.map_err(|e| {
        if e.status() == StatusCode::PAYLOAD_TOO_LARGE {
            Problem::too_large()
        } else {
            Problem::bad_request("The body could not be read.")
        }
    })?;
    let name = file_name.unwrap_or_else(|| "api-import.csv".to_owned());
    let read = crate::check::read(&name, body.as_ref(), None).map_err(Problem::bad_request)?;
    if dry_run && roster.mode != rules::Mode::Add {
        let report = crate::check::roster_report(&state.db, read, &roster, state.config.sync, lang).await.map_err(
            |message| {
                tracing::error!(%message, "API dry run failed");
                Problem::internal()
            },
        )?;
        return Ok(Json(report.json).into_response());
    }
    if dry_run {
        let report = crate::check::report(Some(&state.db), read).await.map_err(|message| {
            tracing::error!(%message, "API dry run failed");
            Problem::internal()
        })?;
        return Ok(([(header::CONTENT_TYPE, "application/json")], report.to_json(lang)).into_response());
    }
    let (sheet, _warnings) = read.map_err(|problem| {
        Problem::new(StatusCode::UNPROCESSABLE_ENTITY, "file-refused", "File refused", problem.message(lang))
            .with_code(problem.code().as_str())
    })?;
    let request = ConfirmRequest {
        request_id: request_id(actor.admin_id, key.as_deref()),
        file_name: name,
        file_sha256: hex::encode(Sha256::digest(&body)),
        rows: sheet
            .rows()
            .iter()
            .map(|r| SubmittedRow {
                row: r.row,
                values: Column::ALL.iter().map(|c| r.value(*c).to_owned()).collect(),
                seen: None,
            })
            .collect(),
        send_invitations,
        ignore_errors,
        roster: roster.clone(),
    };
    let answer = service::import::confirm(&state.db, actor, request, state.config.sync)
        .await
        .map_err(|e| import_problem(e, lang))?;
    match ImportOutcome::of(&answer, lang) {
        Some(outcome) => {
            let location = format!("/api/v1/imports/{}", outcome.import_id);
            let mut response = (StatusCode::CREATED, Json(outcome)).into_response();
            if let Ok(location) = HeaderValue::from_str(&location) {
                response.headers_mut().insert(header::LOCATION, location);
            }
            Ok(response)
        }
        None => Err(refused(&answer, lang)),
    }
}

/// The roster options of an import: `mode`, `group` (exactly when syncing), `missing`, `allow_removals`, `empty`.
fn roster_options(params: &Params) -> Result<domain::RosterOptions, Problem> {
    use domain::Missing;
    use rules::{EmptyCells, Mode};
    let mode = params.one_of("mode", &Mode::ALL, |m| m.as_str())?.unwrap_or_default();
    let group = params.parse("group", "a group name of 1 to 64 characters, without `|`", |name| {
        let fits = !name.trim().is_empty()
            && name.trim().chars().count() <= rules::MAX_GROUP_CHARS
            && !name.contains('|')
            && !name.chars().any(char::is_control);
        fits.then(|| name.trim().to_owned())
    })?;
    match (mode, &group) {
        (Mode::Sync, None) => return Err(bad_value("group", "a group name: `mode=sync` needs the group to sync")),
        (mode, Some(_)) if mode != Mode::Sync => {
            return Err(bad_value("group", "nothing unless `mode=sync`"));
        }
        _ => {}
    }
    let missing = params.one_of("missing", &[Missing::Remove, Missing::Suspend], |m| m.as_str())?.unwrap_or_default();
    let allow_removals = params.parse("allow_removals", "a whole number from 0", |n| n.parse::<u32>().ok())?;
    let empty = params.one_of("empty", &[EmptyCells::Keep, EmptyCells::Clear], |e| e.as_str())?.unwrap_or_default();
    Ok(domain::RosterOptions { mode, group, missing, allow_removals, empty })
}

/// Nothing imported because of the rows: each row's problems, with the rules' codes.
fn refused(answer: &domain::ConfirmAnswer, lang: Lang) -> Problem {
    let errors: Vec<RowProblem> = answer
        .rows
        .iter()
        .filter(|r| !r.problems.is_empty())
        .map(|r| RowProblem { row: r.row, problems: r.problems.iter().map(|p| CellProblem::of(p, lang)).collect() })
        .collect();
    let detail = if errors.is_empty() {
        "The file has no row to import.".to_owned()
    } else {
        format!(
            "{} of {} rows have errors, so nothing was imported. Fix them, or send ignore_errors=true to import \
             the valid rows only.",
            errors.len(),
            answer.rows.len()
        )
    };
    Problem::new(StatusCode::UNPROCESSABLE_ENTITY, "rows-invalid", "Rows with errors", detail).with_errors(errors)
}

fn import_problem(error: ImportError, lang: Lang) -> Problem {
    match error {
        ImportError::TooManyRemovals { count, members } => {
            let problem = rules::Problem::file(rules::Code::SyncTooManyRemovals)
                .with_names(vec![count.to_string(), members.to_string()]);
            Problem::new(
                StatusCode::UNPROCESSABLE_ENTITY,
                "sync-too-many-removals",
                "Too many removals",
                problem.message(lang),
            )
            .with_code(problem.code().as_str())
        }
        ImportError::BadRequest(reason) => Problem::bad_request(format!("{reason}.")),
        ImportError::Busy => Problem::busy(),
        ImportError::RequestReused => Problem::new(
            StatusCode::CONFLICT,
            "idempotency-key-reused",
            "Idempotency-Key already used",
            "This Idempotency-Key was used for another file or other options; nothing was imported. Send this \
             request with a new key.",
        ),
        ImportError::Database(err) => {
            tracing::error!(error = %err, "API import failed");
            Problem::internal()
        }
    }
}

fn check_content_type(headers: &HeaderMap) -> Result<(), Problem> {
    let Some(value) = headers.get(header::CONTENT_TYPE) else {
        return Ok(());
    };
    let essence = value.to_str().unwrap_or("").split(';').next().unwrap_or("").trim().to_ascii_lowercase();
    if ["text/csv", "text/plain", "application/octet-stream"].contains(&essence.as_str()) {
        Ok(())
    } else {
        Err(Problem::new(
            StatusCode::UNSUPPORTED_MEDIA_TYPE,
            "unsupported-media-type",
            "Unsupported media type",
            "Send the file's bytes as the body, with `Content-Type: text/csv`.",
        ))
    }
}

fn idempotency_key(headers: &HeaderMap) -> Result<Option<String>, Problem> {
    let Some(value) = headers.get(IDEMPOTENCY_KEY) else {
        return Ok(None);
    };
    match value.to_str() {
        Ok(key) if !key.is_empty() && key.len() <= MAX_KEY_CHARS && key.bytes().all(|b| b.is_ascii_graphic()) => {
            Ok(Some(key.to_owned()))
        }
        _ => Err(Problem::bad_request("Idempotency-Key must be 1 to 255 visible ASCII characters (a UUID).")),
    }
}

/// The confirm's request id for an API import: derived from the admin and their key, so two admins' keys never
/// meet, and any key fits the request id's alphabet; without a key, a fresh one (no retry protection).
fn request_id(admin_id: i64, key: Option<&str>) -> String {
    let seed = match key {
        Some(key) => format!("{admin_id}:{key}"),
        None => storage::tokens::new_token(),
    };
    let digest = hex::encode(Sha256::digest(seed.as_bytes()));
    format!("api-{}", &digest[..60])
}

/// An import of the history, with each row's outcome.
#[utoipa::path(
    get,
    path = "/api/v1/imports/{id}",
    tag = "imports",
    params(
        ("id" = i64, Path, description = "The import's id (`import_id` of the import's answer): a positive whole number."),
        ImportReadParams,
    ),
    responses(
        (status = 200, description = "The import.", body = ImportRecord),
        (status = 400, description = "The id is not a positive whole number, or an unknown parameter or value; `detail` names it.", body = Problem, content_type = "application/problem+json"),
        (status = 401, description = "No token, or a wrong, expired or revoked one.", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No import has this id.", body = Problem, content_type = "application/problem+json"),
    )
)]
pub async fn show(
    State(state): State<AppState>,
    id: Result<Path<String>, PathRejection>,
    RawQuery(query): RawQuery,
    headers: HeaderMap,
) -> Response {
    match read(&state, id, query.as_deref(), &headers).await {
        Ok(response) => response,
        Err(problem) => problem.into_response(),
    }
}

async fn read(
    state: &AppState,
    id: Result<Path<String>, PathRejection>,
    query: Option<&str>,
    headers: &HeaderMap,
) -> Result<Response, Problem> {
    // Taken as text and parsed here, so that `abc` or `-1` is a problem naming `id` rather than axum's plain-text
    // rejection.
    let id = id
        .ok()
        .and_then(|Path(id)| positive_id(&id))
        .ok_or_else(|| bad_value("id", "a positive whole number (the `import_id` of an import's answer)"))?;
    let params = Params::read::<ImportReadParams>(query)?;
    let lang = super::language(super::lang_param(&params)?, headers);
    match service::history::detail(&state.db, id, chrono::Utc::now(), state.config.undo_window).await {
        Ok(Some(detail)) => Ok(Json(ImportRecord::of(detail, lang)).into_response()),
        Ok(None) => Err(Problem::not_found(format!("No import has the id {id}."))),
        Err(err) => {
            tracing::error!(error = %err, import_id = id, "API import read failed");
            Err(Problem::internal())
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn request_ids_fit_the_confirm_and_depend_on_admin_and_key() {
        let id = request_id(1, Some("550e8400-e29b-41d4-a716-446655440000"));
        assert_eq!(id.len(), 64);
        assert!(id.chars().all(|c| c.is_ascii_alphanumeric() || c == '-'));
        assert_eq!(id, request_id(1, Some("550e8400-e29b-41d4-a716-446655440000")));
        assert_ne!(id, request_id(2, Some("550e8400-e29b-41d4-a716-446655440000")));
        assert_ne!(request_id(1, None), request_id(1, None));
    }
}
