//! Reading CSV text once it is decoded: line breaks, the delimiter, the header, and the data rows with their
//! spreadsheet row numbers. The byte scanner that counts records and finds an unclosed quote while the file still
//! streams in (`read.rs`) is `scanner`.

use std::borrow::Cow;
use std::cell::RefCell;

mod scanner;

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

/// The CSV records of a text in memory, read with `csv_core` (the `csv` crate's own parser) the way
/// `csv::Reader` reads them (RFC 4180 quotes, `\r`, `\n` or CRLF ends a record, blank lines skipped, any number of
/// fields), without its copies: the text is already in memory and already UTF-8. A text without a quote, most
/// files, is not given to the parser at all: its records are its non-empty lines and its fields what the
/// delimiter separates, borrowed from the text (the same records, see the test below).
pub(crate) struct Records<'t> {
    /// Given back to [`READERS`] when the records are dropped; `None` for a text without a quote.
    core: Option<csv_core::Reader>,
    delimiter: u8,
    text: &'t str,
    /// Bytes of `text` read so far.
    at: usize,
    /// Lines read so far, for a text without a quote (the parser counts its own).
    lines: u64,
    /// The current record's fields, unquoted, one after the other; `ends` says where each ends.
    fields: Vec<u8>,
    ends: Vec<usize>,
    done: bool,
}

/// One record of [`Records`], with the line it starts on.
pub(crate) struct Record<'r> {
    /// The fields one after the other, with `gap` bytes between two (0 when unquoted by the parser, 1 when
    /// borrowed from a line with its delimiters).
    fields: &'r str,
    ends: &'r [usize],
    gap: usize,
    /// The line (from 1) of the record's first field.
    pub(crate) line: u64,
}

impl Record<'_> {
    pub(crate) fn len(&self) -> usize {
        self.ends.len()
    }

    pub(crate) fn get(&self, i: usize) -> Option<&str> {
        let end = *self.ends.get(i)?;
        let start = if i == 0 { 0 } else { self.ends[i - 1] + self.gap };
        self.fields.get(start..end)
    }

    pub(crate) fn iter(&self) -> impl Iterator<Item = &str> {
        (0..self.len()).filter_map(|i| self.get(i))
    }

    /// All the fields, one after the other (a line's delimiters may stand between them).
    pub(crate) fn as_str(&self) -> &str {
        self.fields
    }
}

thread_local! {
    /// A built parser per delimiter (comma, semicolon, tab), reset and reused: building one fills its state
    /// machine's tables, which costs about as much as reading the 250 rows. (Not cloned: csv-core's `Clone`
    /// copies only part of the tables.)
    static READERS: RefCell<[Option<csv_core::Reader>; 3]> = const { RefCell::new([None, None, None]) };
}

/// The slot of a delimiter in [`READERS`]; `None` for another (the detected delimiter is always one of three).
fn slot(delimiter: u8) -> Option<usize> {
    match delimiter {
        b',' => Some(0),
        b';' => Some(1),
        b'\t' => Some(2),
        _ => None,
    }
}

impl Drop for Records<'_> {
    fn drop(&mut self) {
        if let (Some(slot), Some(core)) = (slot(self.delimiter), self.core.take()) {
            READERS.with_borrow_mut(|readers| readers[slot] = Some(core));
        }
    }
}

impl<'t> Records<'t> {
    pub(crate) fn new(text: &'t str, delimiter: u8) -> Records<'t> {
        Records::read(text, delimiter, memchr::memchr(b'"', text.as_bytes()).is_some())
    }

    /// The records, read by csv-core's parser or, when `parsed` is false (a text without a quote), by lines.
    fn read(text: &'t str, delimiter: u8, parsed: bool) -> Records<'t> {
        let core = if !parsed {
            None
        } else {
            let reused = slot(delimiter).and_then(|slot| READERS.with_borrow_mut(|readers| readers[slot].take()));
            Some(match reused {
                Some(mut core) => {
                    core.reset();
                    core
                }
                None => csv_core::ReaderBuilder::new().delimiter(delimiter).build(),
            })
        };
        let (fields, ends) =
            if core.is_some() { (vec![0; 1024], vec![0; 16]) } else { (Vec::new(), Vec::with_capacity(16)) };
        Records { core, delimiter, text, at: 0, lines: 0, fields, ends, done: false }
    }

    /// The next record, `None` at the end; an error (a record that is not UTF-8, which text cut only at ASCII
    /// bytes never gives) carries the line it started on.
    pub(crate) fn next_record(&mut self) -> Option<Result<Record<'_>, u64>> {
        if self.done {
            return None;
        }
        if self.core.is_none() {
            return self.next_line().map(Ok);
        }
        self.next_parsed()
    }

    /// The next non-empty line of a text without a quote, split at the delimiter. A line ends with LF or CRLF
    /// (a lone CR was made a LF by [`normalize_newlines`]).
    fn next_line(&mut self) -> Option<Record<'_>> {
        let bytes = self.text.as_bytes();
        // Empty lines are no record.
        loop {
            match bytes.get(self.at..self.at + 2) {
                Some([b'\n', _]) | Some([b'\r', b'\n']) => {}
                _ if bytes.get(self.at) == Some(&b'\n') => {}
                _ => break,
            }
            self.at = memchr::memchr(b'\n', &bytes[self.at..]).map_or(bytes.len(), |n| self.at + n + 1);
            self.lines += 1;
        }
        if self.at >= bytes.len() {
            self.done = true;
            return None;
        }
        let start = self.at;
        let end = memchr::memchr(b'\n', &bytes[start..]).map_or(bytes.len(), |n| start + n);
        self.at = (end + 1).min(bytes.len());
        self.lines += 1;
        let end = if end > start && bytes[end - 1] == b'\r' { end - 1 } else { end };
        self.ends.clear();
        self.ends.extend(memchr::memchr_iter(self.delimiter, &bytes[start..end]));
        self.ends.push(end - start);
        // Cut at ASCII bytes: always on a character boundary.
        let fields = self.text.get(start..end)?;
        Some(Record { fields, ends: &self.ends, gap: 1, line: self.lines })
    }

    fn next_parsed(&mut self) -> Option<Result<Record<'_>, u64>> {
        use csv_core::ReadRecordResult;
        let core = self.core.as_mut()?;
        let input = self.text.as_bytes();
        // The parser counts a record as starting on the first of the empty lines it skips before it.
        let byte = self.at;
        let skipped = input.get(byte..).map_or(0, |rest| rest.iter().take_while(|&&b| b == b'\n').count());
        let line = core.line() + skipped as u64;
        let (mut out, mut end) = (0, 0);
        loop {
            let (result, nin, nout, nend) =
                core.read_record(&input[self.at..], &mut self.fields[out..], &mut self.ends[end..]);
            self.at += nin;
            out += nout;
            end += nend;
            match result {
                // The whole text is the input: once it is read, an empty input tells the parser it ended.
                ReadRecordResult::InputEmpty => {}
                ReadRecordResult::OutputFull => self.fields.resize(self.fields.len() * 2, 0),
                ReadRecordResult::OutputEndsFull => self.ends.resize(self.ends.len() * 2, 0),
                ReadRecordResult::Record => break,
                ReadRecordResult::End => {
                    self.done = true;
                    return None;
                }
            }
        }
        match std::str::from_utf8(&self.fields[..out]) {
            Ok(fields) => Some(Ok(Record { fields, ends: &self.ends[..end], gap: 0, line })),
            Err(_) => {
                self.done = true;
                Some(Err(line))
            }
        }
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
    let mut columns: Option<[Option<usize>; 6]> = None;
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
            let mut fields = [None; 6];
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

#[cfg(test)]
mod tests {
    use super::{normalize_newlines, Records};
    use proptest::prelude::*;

    /// Every record of a reader: the line it starts on and its fields.
    fn all(mut records: Records) -> Vec<(u64, Vec<String>)> {
        let mut out = Vec::new();
        while let Some(Ok(record)) = records.next_record() {
            out.push((record.line, record.iter().map(str::to_owned).collect()));
        }
        out
    }

    proptest! {
        /// The lines of a text without a quote, ended by LF or CRLF, are the records csv-core's parser reads from
        /// the same text with LF only, starting on the same lines.
        #[test]
        fn lines_without_quotes_are_the_parsers_records(
            pieces in prop::collection::vec(prop::sample::select(vec!["a", ",", ";", "\t", "\n", "\r\n", " ", "é"]), 0..40),
            delimiter in prop::sample::select(vec![b',', b';', b'\t']),
        ) {
            let text = pieces.concat();
            let borrowed = normalize_newlines(&text);
            prop_assert!(matches!(borrowed, std::borrow::Cow::Borrowed(_)));
            let lf = text.replace("\r\n", "\n");
            prop_assert_eq!(all(Records::read(&borrowed, delimiter, false)), all(Records::read(&lf, delimiter, true)));
        }
    }
}
