//! Reading CSV text once it is decoded: line breaks, the delimiter, the header, and the data rows with their
//! spreadsheet row numbers. The byte scanner that counts records and finds an unclosed quote while the file still
//! streams in (`read.rs`) is `scanner`; the records of a text, read by csv-core or by lines, are `records`.

use std::borrow::Cow;

mod records;
mod scanner;

use records::{Record, Records};
pub(crate) use scanner::Scanner;

use crate::column::is_portal_header;
use crate::matching::LOOKED_AT;
use crate::row::push_normalized_cell;
use crate::values::Builder;
use crate::written::unneutralise;
use crate::{Code, Column, ColumnMatching, Preview, Problem, Values, MAX_ROWS};

/// LF, CRLF and CR all become LF, so the CSV reader and the row numbers see one kind of line break. Most files
/// are not copied: a text with LF only, or one without a quote whose every CR starts a CRLF (the line reader of
/// [`Records`] takes CRLF as the end of a line).
pub(crate) fn normalize_newlines(text: &str) -> Cow<'_, str> {
    let bytes = text.as_bytes();
    let crlf_only = || memchr::memchr_iter(b'\r', bytes).all(|at| bytes.get(at + 1) == Some(&b'\n'));
    if memchr::memchr(b'\r', bytes).is_none() || (memchr::memchr(b'"', bytes).is_none() && crlf_only()) {
        return Cow::Borrowed(text);
    }
    // One pass, one allocation: after each CR, a LF that follows it is dropped (CRLF) and the CR becomes a LF.
    let mut pieces = text.split('\r');
    let mut out = String::with_capacity(text.len());
    out.push_str(pieces.next().unwrap_or_default());
    for piece in pieces {
        out.push('\n');
        out.push_str(piece.strip_prefix('\n').unwrap_or(piece));
    }
    Cow::Owned(out)
}

/// The delimiter of the header row: the most frequent of comma, semicolon and tab (comma when none).
fn detect_delimiter(text: &str) -> u8 {
    let header = text.lines().find(|l| !l.trim().is_empty()).unwrap_or("");
    let count = |d: char| header.chars().filter(|&c| c == d).count();
    let (comma, semicolon, tab) = (count(','), count(';'), count('\t'));
    if semicolon > comma && semicolon >= tab {
        b';'
    } else if tab > comma && tab > semicolon {
        b'\t'
    } else {
        b','
    }
}

/// Every cell empty once read: a written file's neutralised tab (`'` + TAB) is as blank as the tab it stands for.
fn is_blank(record: &Record) -> bool {
    record.iter().all(|f| unneutralise(f).trim().is_empty())
}

/// How many non-blank records a (possibly cut) text has: the confirmation of the streaming row limit.
pub(crate) fn count_records(text: &str) -> usize {
    let text = normalize_newlines(text);
    let mut records = Records::new(&text, detect_delimiter(&text));
    let mut n = 0;
    while let Some(Ok(record)) = records.next_record() {
        if !is_blank(&record) {
            n += 1;
        }
    }
    n
}

/// The data rows with their spreadsheet row numbers, their values trimmed and in NFC (see `row.rs`).
pub(crate) type Rows = Vec<(u32, Values)>;

/// The data rows, in column order, with their spreadsheet row numbers, and the unknown columns' names. With a
/// matching, the header cells it names feed the columns it says.
pub(crate) fn parse(text: &str, matching: Option<&ColumnMatching>) -> Result<(Rows, Vec<String>), Problem> {
    let text = normalize_newlines(text);
    let delimiter = detect_delimiter(&text);
    let delimiters = [delimiter];
    // Without a quote, no quote can be left open: most files are not scanned.
    let quoted = memchr::memchr(b'"', text.as_bytes()).is_some();
    if quoted {
        let mut scanner = Scanner::new(&delimiters);
        scanner.feed(text.as_bytes(), false);
        if let Some(row) = scanner.unclosed_quote() {
            return Err(Problem::file(Code::FileUnreadable).with_row(row));
        }
    }
    let mut records = Records::new(&text, delimiter);
    // Line breaks inside quoted fields push the reader's line count past the spreadsheet's row count.
    let mut inner_breaks: u64 = 0;
    // Which field feeds each column, once the header is read.
    let mut columns: Option<[Option<usize>; Column::ALL.len()]> = None;
    let mut unknown = Vec::new();
    let mut rows = Vec::new();
    while let Some(record) = records.next_record() {
        let record = match record {
            Ok(record) => record,
            Err(line) => {
                let row = line.saturating_sub(inner_breaks) as u32;
                return Err(Problem::file(Code::FileUnreadable).with_row(row));
            }
        };
        let row = record.line.saturating_sub(inner_breaks) as u32;
        // Only a quoted field holds a line break. The fields are one buffer: one pass counts the breaks of them all.
        if quoted {
            inner_breaks += record.as_str().bytes().filter(|&b| b == b'\n').count() as u64;
        }
        if is_blank(&record) {
            continue;
        }
        let Some(fields) = &columns else {
            let mut fields = [None; Column::ALL.len()];
            for (field, column) in header(&record, &mut unknown, matching)?.into_iter().enumerate() {
                if let Some(column) = column {
                    fields[column.index()] = Some(field);
                }
            }
            columns = Some(fields);
            continue;
        };
        if rows.len() == MAX_ROWS {
            return Err(Problem::file(Code::FileTooManyRows));
        }
        // One string per row: each cell written into it trimmed and in NFC, in column order.
        let mut values = Builder::with_capacity(record.as_str().len());
        for (column, field) in Column::ALL.into_iter().zip(fields) {
            if let Some(field) = field.and_then(|f| record.get(f)) {
                // The `'` a written file puts before a formula is not part of the value (see written.rs).
                push_normalized_cell(column, unneutralise(field), &mut values.text);
            }
            values.end_cell();
        }
        rows.push((row, values.finish()));
    }
    if rows.is_empty() {
        return Err(Problem::file(Code::FileEmpty));
    }
    Ok((rows, unknown))
}

/// Which column each header cell names (or the matching gives it); refuses duplicate and missing columns.
fn header(
    record: &Record,
    unknown: &mut Vec<String>,
    matching: Option<&ColumnMatching>,
) -> Result<Vec<Option<Column>>, Problem> {
    let mut map = Vec::with_capacity(record.len());
    let mut seen = Vec::new();
    let mut duplicates = Vec::new();
    for cell in record.iter() {
        // The admin's choice, "ignored" included (an ignored cell is not unknown); a column the matching gave to
        // another cell is that cell's alone.
        let chosen = matching.and_then(|m| m.column_of(cell));
        let column = match (chosen, matching) {
            (Some(chosen), _) => chosen,
            (None, Some(m)) => Column::from_header(cell).filter(|c| !m.claims(*c)),
            (None, None) => Column::from_header(cell),
        };
        match column {
            Some(c) if seen.contains(&c) && !duplicates.contains(&c.as_str().to_owned()) => {
                duplicates.push(c.as_str().to_owned());
            }
            Some(c) if seen.contains(&c) => {}
            Some(c) => seen.push(c),
            None if chosen.is_none() && !cell.trim().is_empty() && !is_portal_header(cell) => {
                unknown.push(cell.trim().to_owned())
            }
            None => {}
        }
        map.push(column);
    }
    if !duplicates.is_empty() {
        return Err(Problem::file(Code::FileDuplicateColumns).with_names(duplicates));
    }
    let missing: Vec<String> =
        Column::ALL.iter().filter(|c| c.is_required() && !seen.contains(c)).map(|c| c.as_str().to_owned()).collect();
    if !missing.is_empty() {
        return Err(Problem::file(Code::FileMissingColumns).with_names(missing));
    }
    Ok(map)
}

/// The header cells and the first rows' values of a text (what the banner shows to offer matching); `None` for a
/// text with no header row.
pub(crate) fn preview(text: &str) -> Option<Preview> {
    let text = normalize_newlines(text);
    let mut records = Records::new(&text, detect_delimiter(&text));
    let mut headers: Option<Vec<String>> = None;
    let mut rows = Vec::new();
    while rows.len() < LOOKED_AT {
        let record = match records.next_record() {
            Some(Ok(record)) if is_blank(&record) => continue,
            Some(Ok(record)) => record,
            _ => break,
        };
        let cells = record.iter().map(|f| f.trim().trim_start_matches('\u{feff}').to_owned()).collect();
        if headers.is_none() {
            headers = Some(cells);
        } else {
            rows.push(cells);
        }
    }
    headers.map(|h| Preview::new(h, &rows))
}
