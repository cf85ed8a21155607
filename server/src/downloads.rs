//! Files the admin downloads that are made for them: an import's error report (in the admin's language) and the
//! export of the Users list's view.

use axum::{
    extract::{Path, State},
    http::{header, HeaderMap, HeaderValue, StatusCode},
    response::{IntoResponse, Response},
    Extension,
};

use app::error::AppError;
use app::state::AppState;
use service::auth::CurrentAdmin;

use crate::edge::error_response;

/// `GET /imports/{id}/report.csv`: the rows of an import that were not added, with their reasons (see
/// `service::history::error_report`). Admin-only like every path not on the guard's public list.
pub async fn error_report(
    State(state): State<AppState>,
    admin: Option<Extension<CurrentAdmin>>,
    Path(id): Path<i64>,
    headers: HeaderMap,
) -> Response {
    if admin.is_none() {
        return error_response(StatusCode::UNAUTHORIZED, &AppError::Unauthorized);
    }
    let lang = headers
        .get(header::COOKIE)
        .and_then(|v| v.to_str().ok())
        .and_then(app::i18n::lang_from_cookie_header)
        .unwrap_or_default();
    match service::history::error_report(&state.db, id, lang).await {
        Ok(Some((name, csv))) => {
            ([(header::CONTENT_TYPE, HeaderValue::from_static("text/csv; charset=utf-8"))], attachment(&name), csv)
                .into_response()
        }
        Ok(None) => error_response(StatusCode::NOT_FOUND, &AppError::NotFound),
        Err(err) => {
            tracing::error!(error = %err, import_id = id, "error report failed");
            error_response(StatusCode::INTERNAL_SERVER_ERROR, &AppError::Internal)
        }
    }
}

/// `Content-Disposition: attachment` for a file name that came from an admin's file: an ASCII fallback with
/// anything unusual replaced, and the exact name percent-encoded (RFC 6266), so no header can be forged.
pub fn attachment(name: &str) -> [(header::HeaderName, HeaderValue); 1] {
    let fallback: String =
        name.chars().map(|c| if c.is_ascii_alphanumeric() || "._-".contains(c) { c } else { '_' }).collect();
    let encoded: String = url::form_urlencoded::byte_serialize(name.as_bytes()).collect::<String>().replace('+', "%20");
    let value = format!("attachment; filename=\"{fallback}\"; filename*=UTF-8''{encoded}");
    [(header::CONTENT_DISPOSITION, HeaderValue::from_str(&value).unwrap_or(HeaderValue::from_static("attachment")))]
}

/// Users per batch of an export: the memory an export holds is about this many users, whatever the view's size.
const EXPORT_BATCH: u64 = 1_000;

/// `GET /users/export.csv?<the list's view>`: every user the view finds, as a CSV file streamed a batch at a time
/// (UTF-8 with a BOM, formula-safe, the import's columns first). Admin-only like every path not on the guard's
/// public list. The rows come in the order users were added; the view's sort only orders the list on screen.
pub async fn export_csv(
    State(state): State<AppState>,
    admin: Option<Extension<CurrentAdmin>>,
    uri: axum::http::Uri,
) -> Response {
    use futures_util::StreamExt;
    if admin.is_none() {
        return error_response(StatusCode::UNAUTHORIZED, &AppError::Unauthorized);
    }
    let query = app::users::address::from_query(uri.query().unwrap_or("")).first_page();
    let mut head = String::from(rules::BOM);
    rules::write_csv_record(&mut head, service::users::EXPORT_COLUMNS.iter());
    // The state: where the next batch starts, or `None` once the last one was sent.
    let batches = futures_util::stream::unfold(Some(0i64), move |after| {
        let (db, query) = (state.db.clone(), query.clone());
        async move {
            let after = after?;
            match service::users::export_batch(&db, &query, after, EXPORT_BATCH).await {
                Ok((lines, next)) => {
                    let mut chunk = String::with_capacity(lines.len() * 120);
                    for line in &lines {
                        rules::write_csv_record(&mut chunk, line.iter());
                    }
                    Some((Ok::<_, std::io::Error>(axum::body::Bytes::from(chunk)), next))
                }
                Err(err) => {
                    // The status line is gone already: the file ends short, and the log says why.
                    tracing::error!(error = %err, "export stopped");
                    Some((Err(std::io::Error::other("the export stopped")), None))
                }
            }
        }
    });
    let body = futures_util::stream::once(async move { Ok(axum::body::Bytes::from(head)) }).chain(batches);
    (
        [(header::CONTENT_TYPE, HeaderValue::from_static("text/csv; charset=utf-8"))],
        attachment("users.csv"),
        axum::body::Body::from_stream(body),
    )
        .into_response()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_file_name_cannot_forge_a_header() {
        let [(_, value)] = attachment("élèves \"2026\"\r\nSet-Cookie: x.csv");
        let value = value.to_str().expect("ASCII");
        assert!(!value.contains('\r') && !value.contains('\n'));
        assert!(value.starts_with("attachment; filename=\"_l_ves__2026___Set-Cookie__x.csv\"; filename*=UTF-8''"));
        assert!(value.contains("%C3%A9l%C3%A8ves%20%222026%22%0D%0ASet-Cookie%3A%20x.csv"), "{value}");
    }
}
