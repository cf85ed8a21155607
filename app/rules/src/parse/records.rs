//! The records of a decoded text: csv-core's parser for a text with a quote, lines split at the delimiter for
//! one without, the same records either way.

use std::cell::RefCell;

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
    /// (a lone CR was made a LF by [`normalize_newlines`](super::normalize_newlines)).
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

#[cfg(test)]
mod tests {
    use super::super::normalize_newlines;
    use super::Records;
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
