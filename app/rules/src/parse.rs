//! Reading CSV text once it is decoded: line breaks, the delimiter, the header, and the data rows with their
//! spreadsheet row numbers; and the byte scanner that counts records and finds an unclosed quote while the file
//! still streams in (`read.rs`).

use crate::column::is_portal_header;
use crate::matching::LOOKED_AT;
use crate::written::unneutralise;
use crate::{Code, Column, ColumnMatching, Preview, Problem, MAX_ROWS};

/// LF, CRLF and CR all become LF, so the CSV reader and the row numbers see one kind of line break.
pub(crate) fn normalize_newlines(text: &str) -> String {
    if !text.contains('\r') {
        return text.to_owned();
    }
    text.replace("\r\n", "\n").replace('\r', "\n")
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

fn reader(text: &str, delimiter: u8) -> csv::Reader<&[u8]> {
    csv::ReaderBuilder::new().delimiter(delimiter).has_headers(false).flexible(true).from_reader(text.as_bytes())
}

/// Every cell empty once read: a written file's neutralised tab (`'` + TAB) is as blank as the tab it stands for.
fn is_blank(record: &csv::StringRecord) -> bool {
    record.iter().all(|f| unneutralise(f).trim().is_empty())
}

/// How many non-blank records a (possibly cut) text has: the confirmation of the streaming row limit.
pub(crate) fn count_records(text: &str) -> usize {
    let mut record = csv::StringRecord::new();
    let mut reader = reader(text, detect_delimiter(text));
    let mut n = 0;
    while let Ok(true) = reader.read_record(&mut record) {
        if !is_blank(&record) {
            n += 1;
        }
    }
    n
}

pub(crate) type Rows = Vec<(u32, [String; 6])>;

/// The data rows, in column order, with their spreadsheet row numbers, and the unknown columns' names. With a
/// matching, the header cells it names feed the columns it says.
pub(crate) fn parse(text: &str, matching: Option<&ColumnMatching>) -> Result<(Rows, Vec<String>), Problem> {
    let text = normalize_newlines(text);
    let delimiter = detect_delimiter(&text);
    let delimiters = [delimiter];
    let mut scanner = Scanner::new(&delimiters);
    scanner.feed(text.as_bytes(), false);
    if let Some(row) = scanner.unclosed_quote() {
        return Err(Problem::file(Code::FileUnreadable).with_row(row));
    }
    let mut reader = reader(&text, delimiter);
    let mut record = csv::StringRecord::new();
    // Line breaks inside quoted fields push the reader's line count past the spreadsheet's row count.
    let mut inner_breaks: u64 = 0;
    let mut columns: Option<Vec<Option<Column>>> = None;
    let mut unknown = Vec::new();
    let mut rows = Vec::new();
    loop {
        match reader.read_record(&mut record) {
            Ok(true) => {}
            Ok(false) => break,
            Err(e) => {
                let row = e.position().map(|p| (p.line().saturating_sub(inner_breaks)) as u32);
                let problem = Problem::file(Code::FileUnreadable);
                return Err(match row {
                    Some(row) => problem.with_row(row),
                    None => problem,
                });
            }
        }
        // The reader skips empty lines but counts the record as starting on the first of them.
        let (line, byte) = record.position().map(|p| (p.line(), p.byte() as usize)).unwrap_or((1, 0));
        let skipped = text.as_bytes().get(byte..).map_or(0, |rest| rest.iter().take_while(|&&b| b == b'\n').count());
        let line = line + skipped as u64;
        let row = line.saturating_sub(inner_breaks) as u32;
        inner_breaks += record.iter().map(|f| f.matches('\n').count() as u64).sum::<u64>();
        if is_blank(&record) {
            continue;
        }
        let Some(map) = &columns else {
            columns = Some(header(&record, &mut unknown, matching)?);
            continue;
        };
        if rows.len() == MAX_ROWS {
            return Err(Problem::file(Code::FileTooManyRows));
        }
        let mut values: [String; 6] = Default::default();
        for (field, column) in record.iter().zip(map.iter()) {
            if let Some(column) = column {
                // The `'` a written file puts before a formula is not part of the value (see written.rs).
                values[column.index()] = unneutralise(field).to_owned();
            }
        }
        rows.push((row, values));
    }
    if rows.is_empty() {
        return Err(Problem::file(Code::FileEmpty));
    }
    Ok((rows, unknown))
}

/// Which column each header cell names (or the matching gives it); refuses duplicate and missing columns.
fn header(
    record: &csv::StringRecord,
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
    let mut reader = reader(&text, detect_delimiter(&text));
    let mut record = csv::StringRecord::new();
    let mut headers: Option<Vec<String>> = None;
    let mut rows = Vec::new();
    while rows.len() < LOOKED_AT {
        match reader.read_record(&mut record) {
            Ok(true) if is_blank(&record) => continue,
            Ok(true) => {}
            _ => break,
        }
        let cells = record.iter().map(|f| f.trim().trim_start_matches('\u{feff}').to_owned()).collect();
        if headers.is_none() {
            headers = Some(cells);
        } else {
            rows.push(cells);
        }
    }
    headers.map(|h| Preview::new(h, &rows))
}

/// A byte-level CSV scanner that follows quoting like the reader does: it counts records with content while
/// streaming, and finds a quote that is never closed. Works on UTF-8 and Windows-1252 (the bytes it looks at are
/// ASCII) and, skipping NUL bytes, well enough on UTF-16 for an upper bound.
pub(crate) struct Scanner<'d> {
    delimiters: &'d [u8],
    in_quotes: bool,
    pending_quote: bool,
    at_field_start: bool,
    has_content: bool,
    /// Records with content so far.
    pub(crate) records: usize,
    /// Lines so far (blank ones included): the spreadsheet row is this + 1.
    lines: u32,
    quote_row: u32,
}

impl<'d> Scanner<'d> {
    pub(crate) fn new(delimiters: &'d [u8]) -> Self {
        Scanner {
            delimiters,
            in_quotes: false,
            pending_quote: false,
            at_field_start: true,
            has_content: false,
            records: 0,
            lines: 0,
            quote_row: 0,
        }
    }

    pub(crate) fn feed(&mut self, bytes: &[u8], skip_nul: bool) {
        for &b in bytes {
            if skip_nul && b == 0 {
                continue;
            }
            if self.in_quotes {
                if self.pending_quote {
                    self.pending_quote = false;
                    if b == b'"' {
                        continue;
                    }
                    self.in_quotes = false;
                } else {
                    if b == b'"' {
                        self.pending_quote = true;
                    }
                    continue;
                }
            }
            match b {
                b'"' if self.at_field_start => {
                    self.in_quotes = true;
                    self.quote_row = self.lines + 1;
                    self.has_content = true;
                    self.at_field_start = false;
                }
                b'\n' | b'\r' => {
                    if self.has_content {
                        self.records += 1;
                    }
                    self.has_content = false;
                    self.at_field_start = true;
                    self.lines += 1;
                }
                d if self.delimiters.contains(&d) => self.at_field_start = true,
                b' ' | b'\t' => self.at_field_start = false,
                _ => {
                    self.has_content = true;
                    self.at_field_start = false;
                }
            }
        }
    }

    /// The row where a quote opened and never closed, if one did.
    pub(crate) fn unclosed_quote(&self) -> Option<u32> {
        (self.in_quotes && !self.pending_quote).then_some(self.quote_row)
    }
}
