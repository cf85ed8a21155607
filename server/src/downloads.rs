//! Files the admin downloads that are made for them: an import's error report (in the admin's language) and the
//! export of the Users list's view, as CSV (streamed) or as an Excel workbook (assembled, then sent).

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

/// What stopped an `.xlsx` export.
#[derive(Debug, thiserror::Error)]
enum XlsxExportError {
    #[error("database: {0}")]
    Database(#[from] service::DbErr),
    #[error("workbook: {0}")]
    Workbook(#[from] rust_xlsxwriter::XlsxError),
    #[error("temporary file: {0}")]
    File(#[from] std::io::Error),
    #[error("the workbook's writer stopped: {0}")]
    Writer(#[from] tokio::task::JoinError),
}

/// `GET /users/export.xlsx?<the list's view>`: the same users and columns as [`export_csv`], as an Excel workbook.
/// Every cell is written as a string, so a `=1+1` name is text, never a formula. Memory stays bounded: the sheet
/// is written in rust_xlsxwriter's constant-memory mode (each row goes to a temporary file as soon as the next one
/// starts, strings inline rather than in a shared table that would grow with the file), fed one batch of users at
/// a time. A zip's directory comes last, so the file is assembled (in an anonymous temporary file) before it is
/// sent; the answer starts at once and its body follows when the file is ready, so a long export is not cut by
/// the request timeout (which bounds the wait for the answer's head). A failure then ends the download short, as
/// for the CSV, and the log says why.
pub async fn export_xlsx(
    State(state): State<AppState>,
    admin: Option<Extension<CurrentAdmin>>,
    uri: axum::http::Uri,
) -> Response {
    use futures_util::StreamExt;
    if admin.is_none() {
        return error_response(StatusCode::UNAUTHORIZED, &AppError::Unauthorized);
    }
    let query = app::users::address::from_query(uri.query().unwrap_or("")).first_page();
    let assembled = futures_util::stream::once(assemble_xlsx(state.db.clone(), query));
    let body = assembled.flat_map(|result| match result {
        Ok(file) => file_chunks(file).left_stream(),
        Err(err) => {
            tracing::error!(error = %err, "xlsx export stopped");
            futures_util::stream::once(async { Err(std::io::Error::other("the export stopped")) }).right_stream()
        }
    });
    (
        [(header::CONTENT_TYPE, HeaderValue::from_static(XLSX_TYPE))],
        attachment("users.xlsx"),
        axum::body::Body::from_stream(body),
    )
        .into_response()
}

const XLSX_TYPE: &str = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

/// Reads the view's users a batch at a time and hands each batch to the workbook's writer, on a thread of its
/// own (it writes files); at most two batches wait between them. Returns the finished file, at its start.
async fn assemble_xlsx(
    db: service::DatabaseConnection,
    query: domain::UserQuery,
) -> Result<std::fs::File, XlsxExportError> {
    let (batches, received) = tokio::sync::mpsc::channel::<Vec<service::users::ExportLine>>(2);
    let writer = tokio::task::spawn_blocking(move || write_xlsx(received));
    let mut after = 0;
    loop {
        let (lines, next) = match service::users::export_batch(&db, &query, after, EXPORT_BATCH).await {
            Ok(batch) => batch,
            Err(err) => {
                drop(batches);
                let _ = writer.await;
                return Err(err.into());
            }
        };
        // A closed channel means the writer stopped: its error is the answer below.
        if batches.send(lines).await.is_err() {
            break;
        }
        match next {
            Some(next) => after = next,
            None => break,
        }
    }
    drop(batches);
    writer.await?
}

/// The rows one sheet holds under its header: Excel's 1,048,576 rows less one. A view larger than that goes on in
/// a second sheet, with its own header.
const ROWS_PER_SHEET: u32 = 1_048_575;

/// Writes every batch received as rows of constant-memory sheets, then the workbook into an anonymous temporary
/// file, returned rewound.
fn write_xlsx(
    mut received: tokio::sync::mpsc::Receiver<Vec<service::users::ExportLine>>,
) -> Result<std::fs::File, XlsxExportError> {
    use std::io::{Seek, SeekFrom};
    let mut workbook = rust_xlsxwriter::Workbook::new();
    let bold = rust_xlsxwriter::Format::new().set_bold();
    let mut sheets = 0;
    // The row the next user goes in; past the last one, a new sheet begins.
    let mut row = ROWS_PER_SHEET + 1;
    while let Some(lines) = received.blocking_recv() {
        for line in lines {
            if row > ROWS_PER_SHEET {
                sheets += 1;
                let sheet = workbook.add_worksheet_with_constant_memory()?;
                sheet.set_name(if sheets == 1 { "Users".to_owned() } else { format!("Users {sheets}") })?;
                for (col, name) in (0u16..).zip(service::users::EXPORT_COLUMNS) {
                    sheet.write_string_with_format(0, col, name, &bold)?;
                }
                row = 1;
            }
            let sheet = workbook.worksheet_from_index(sheets - 1)?;
            for (col, value) in (0u16..).zip(line.iter()) {
                if !value.is_empty() {
                    // A string cell, whatever it holds: never a formula.
                    sheet.write_string(row, col, value)?;
                }
            }
            row += 1;
        }
    }
    if sheets == 0 {
        let sheet = workbook.add_worksheet_with_constant_memory()?;
        sheet.set_name("Users")?;
        for (col, name) in (0u16..).zip(service::users::EXPORT_COLUMNS) {
            sheet.write_string_with_format(0, col, name, &bold)?;
        }
    }
    let mut file = tempfile::tempfile()?;
    workbook.save_to_writer(&mut file)?;
    file.seek(SeekFrom::Start(0))?;
    Ok(file)
}

/// A file's bytes, 64 KB at a time.
fn file_chunks(
    file: std::fs::File,
) -> impl futures_util::Stream<Item = Result<axum::body::Bytes, std::io::Error>> + Send {
    use tokio::io::AsyncReadExt;
    futures_util::stream::unfold(Some(tokio::fs::File::from_std(file)), |file| async move {
        let mut file = file?;
        let mut buffer = vec![0u8; 64 * 1024];
        match file.read(&mut buffer).await {
            Ok(0) => None,
            Ok(n) => {
                buffer.truncate(n);
                Some((Ok(axum::body::Bytes::from(buffer)), Some(file)))
            }
            Err(err) => Some((Err(err), None)),
        }
    })
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
