//! Reading a file: name and size, then the bytes as a stream (never past 100 MB, never past data row 251), whether
//! it is text at all, and its encoding; the decoded text goes to `parse.rs` for the delimiter, header and rows.

use std::borrow::Cow;
use std::io::Read;

use crate::encoding::{decode_utf16, decode_windows_1252};
use crate::parse::{count_records, parse, preview, Scanner};
use crate::{Code, ColumnMatching, Existing, Preview, Problem, Report, Sheet, MAX_BYTES, MAX_ROWS};

/// The checks the browser makes before reading a byte: the name ends in `.csv`, the size is within the limit.
pub fn check_size(file_name: &str, size: u64) -> Option<Problem> {
    let name = file_name.trim().as_bytes();
    if !(name.len() >= 4 && name[name.len() - 4..].eq_ignore_ascii_case(b".csv")) {
        Some(Problem::file(Code::FileNotCsv))
    } else if size > MAX_BYTES {
        Some(Problem::file(Code::FileTooLarge))
    } else {
        None
    }
}

/// Checks a file held in memory.
pub fn check_bytes(file_name: &str, bytes: &[u8], existing: &Existing) -> Report {
    // The whole file in one slice: no read buffer, no copy slice by slice.
    let file = SheetReader::new(file_name).and_then(|mut file| file.push(bytes).map(|()| file));
    report(file.and_then(|file| file.finish(existing)))
}

/// Checks a file read as a stream (the server's case): reading stops at the first limit crossed.
pub fn check_reader(file_name: &str, reader: impl Read, existing: &Existing) -> Report {
    check_reader_with(file_name, reader, existing, None)
}

/// [`check_reader`] with the admin's column matching, if any (`server check --columns`).
pub fn check_reader_with(
    file_name: &str,
    reader: impl Read,
    existing: &Existing,
    matching: Option<&ColumnMatching>,
) -> Report {
    report(read_file(file_name, reader).and_then(|file| file.finish_with(existing, matching)))
}

/// The report of a checked file, or of its rejection.
fn report(checked: Result<(Sheet, Vec<Problem>), Problem>) -> Report {
    match checked {
        Ok((sheet, warnings)) => Report::from_sheet(sheet, warnings),
        Err(problem) => Report::rejected(problem),
    }
}

/// Like [`check_reader`], but keeps the checked rows as a [`Sheet`] ready for editing. The error is the
/// whole-file rejection; the list is the file's warnings. A [`SheetReader`] fed from the stream.
pub fn read_sheet(file_name: &str, reader: impl Read, existing: &Existing) -> Result<(Sheet, Vec<Problem>), Problem> {
    read_file(file_name, reader)?.finish(existing)
}

/// A whole stream fed to a [`SheetReader`], ready to [`finish`](SheetReader::finish) (with a matching, after a
/// look at its [`preview`](SheetReader::preview)). The error is the whole-file rejection met while reading.
pub fn read_file(file_name: &str, mut reader: impl Read) -> Result<SheetReader, Problem> {
    let mut file = SheetReader::new(file_name)?;
    let mut chunk = vec![0u8; 64 * 1024];
    loop {
        match reader.read(&mut chunk) {
            Ok(0) => break,
            Ok(n) => file.push(&chunk[..n])?,
            Err(e) if e.kind() == std::io::ErrorKind::Interrupted => continue,
            Err(_) => return Err(Problem::file(Code::FileUnreadable)),
        }
    }
    Ok(file)
}

/// How much of a file's start is judged (magic bytes, NUL and control bytes) before its rows may be counted:
/// a workbook or a PDF is `file.not_csv`, never `file.too_many_rows`, however many line-break bytes it holds.
/// A fixed window, so where the reader's slices happen to end never changes the verdict.
const JUDGED_BYTES: usize = 16 * 1024;

/// A file fed slice by slice, in order: the browser's tab reads a `File` with `Blob.slice` and stops reading at
/// the first [`SheetReader::push`] that refuses; the server feeds its stream through [`read_sheet`]. Both meet
/// the same limits at the same place: over 100 MB, content that is not text (judged on the first 16 KB), more
/// than 250 data rows (once the first 16 KB are judged).
pub struct SheetReader {
    bytes: Vec<u8>,
    scanner: Scanner<'static>,
    /// Decided from the first two bytes (a BOM), once they are in.
    utf16: Option<Utf16>,
    /// The scanner's count is a cheap upper bound; past this, the real CSV parser confirms before refusing.
    confirm_at: usize,
    judged: bool,
}

impl SheetReader {
    /// A reader for a file of this name: refused at once unless the name ends in `.csv`.
    pub fn new(file_name: &str) -> Result<SheetReader, Problem> {
        if let Some(problem) = check_size(file_name, 0) {
            return Err(problem);
        }
        Ok(SheetReader {
            bytes: Vec::new(),
            scanner: Scanner::new(b",;\t"),
            utf16: None,
            confirm_at: MAX_ROWS + 1,
            judged: false,
        })
    }

    /// The next slice of the file. An error is the whole file's rejection: stop reading.
    pub fn push(&mut self, slice: &[u8]) -> Result<(), Problem> {
        if self.bytes.len() as u64 + slice.len() as u64 > MAX_BYTES {
            return Err(Problem::file(Code::FileTooLarge));
        }
        let scanned = if self.utf16.is_some() { self.bytes.len() } else { 0 };
        self.bytes.extend_from_slice(slice);
        if !self.judged && self.bytes.len() >= JUDGED_BYTES {
            judge(&self.bytes[..JUDGED_BYTES])?;
            self.judged = true;
        }
        let kind = match (self.utf16, self.bytes.get(..2)) {
            (Some(kind), _) => kind,
            // Not a byte scanned until the BOM can be seen.
            (None, None) => return Ok(()),
            (None, Some(start)) => *self.utf16.insert(match start {
                [0xFF, 0xFE] => Utf16::Le,
                [0xFE, 0xFF] => Utf16::Be,
                _ => Utf16::No,
            }),
        };
        self.scanner.feed(&self.bytes[scanned..], kind != Utf16::No);
        if self.judged && self.scanner.records > self.confirm_at {
            let prefix = match kind {
                Utf16::Le => decode_utf16(&self.bytes, false),
                Utf16::Be => decode_utf16(&self.bytes, true),
                Utf16::No => String::from_utf8_lossy(&self.bytes).into_owned(),
            };
            if count_records(&prefix) > MAX_ROWS + 1 {
                return Err(Problem::file(Code::FileTooManyRows));
            }
            self.confirm_at = self.scanner.records * 2;
        }
        Ok(())
    }

    /// The bytes pushed so far (the browser hashes the file it read).
    pub fn bytes(&self) -> &[u8] {
        &self.bytes
    }

    /// The whole file is in: decodes it, reads the header and checks every row into a [`Sheet`]; the list is the
    /// file's warnings.
    pub fn finish(&self, existing: &Existing) -> Result<(Sheet, Vec<Problem>), Problem> {
        self.finish_with(existing, None)
    }

    /// [`finish`](SheetReader::finish) with the admin's column matching, if any. Can be called again with
    /// another matching: the bytes stay.
    pub fn finish_with(
        &self,
        existing: &Existing,
        matching: Option<&ColumnMatching>,
    ) -> Result<(Sheet, Vec<Problem>), Problem> {
        let (text, mut warnings) = decode(&self.bytes)?;
        let (rows, unknown) = parse(&text, matching)?;
        if !unknown.is_empty() {
            warnings.push(Problem::file(Code::FileUnknownColumns).with_names(unknown));
        }
        Ok((Sheet::of_values(rows, existing.clone()), warnings))
    }
}

impl SheetReader {
    /// The file's header cells, a few values of each and the suggested columns, for the admin to match columns;
    /// `None` when the file cannot be decoded or has no header row.
    pub fn preview(&self) -> Option<Preview> {
        let (text, _) = decode(&self.bytes).ok()?;
        preview(&text)
    }
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum Utf16 {
    No,
    Le,
    Be,
}

/// The file's text (UTF-8 is read in place), and the warning when it had to be read as Windows-1252.
fn decode(bytes: &[u8]) -> Result<(Cow<'_, str>, Vec<Problem>), Problem> {
    if let Some(rest) = bytes.strip_prefix(&[0xFF, 0xFE]) {
        return Ok((Cow::Owned(decode_utf16(rest, false)), Vec::new()));
    }
    if let Some(rest) = bytes.strip_prefix(&[0xFE, 0xFF]) {
        return Ok((Cow::Owned(decode_utf16(rest, true)), Vec::new()));
    }
    judge(bytes)?;
    let body = bytes.strip_prefix(&[0xEF, 0xBB, 0xBF]).unwrap_or(bytes);
    match std::str::from_utf8(body) {
        Ok(text) => Ok((Cow::Borrowed(text), Vec::new())),
        Err(_) => {
            let text = decode_windows_1252(body);
            Ok((Cow::Owned(text), vec![Problem::file(Code::FileConvertedEncoding)]))
        }
    }
}

/// `file.not_csv` unless these bytes (a whole file, or its first [`JUDGED_BYTES`]) can be text: UTF-16 with its
/// BOM, or bytes with no known binary signature, no NUL and almost no other control characters.
fn judge(bytes: &[u8]) -> Result<(), Problem> {
    if bytes.starts_with(&[0xFF, 0xFE]) || bytes.starts_with(&[0xFE, 0xFF]) {
        return Ok(());
    }
    const MAGIC: &[&[u8]] = &[
        b"PK\x03\x04",                                     // zip, so also .xlsx, .ods, .numbers
        b"PK\x05\x06",                                     // an empty zip
        &[0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1], // old Excel .xls, Word .doc
        b"%PDF",
        &[0x1F, 0x8B],             // gzip
        &[0x89, b'P', b'N', b'G'], // PNG
        &[0xFF, 0xD8, 0xFF],       // JPEG
    ];
    if MAGIC.iter().any(|m| bytes.starts_with(m)) {
        return Err(Problem::file(Code::FileNotCsv));
    }
    let body = bytes.strip_prefix(&[0xEF, 0xBB, 0xBF]).unwrap_or(bytes);
    // Text has no NUL and almost no other control characters; a binary file has many.
    // Summed with `&` and `|`, not `&&` and `||`: no branch per byte, the loop vectorises.
    let control = |b: u8| ((b < 0x20) & (b != b'\t') & (b != b'\n') & (b != b'\r')) | (b == 0x7F);
    // Counted in bytes, 255 at a time, so that 32 bytes are counted per instruction.
    let controls: usize =
        body.chunks(255).map(|chunk| usize::from(chunk.iter().map(|&b| u8::from(control(b))).sum::<u8>())).sum();
    if body.contains(&0) || controls * 100 > body.len().max(1) {
        return Err(Problem::file(Code::FileNotCsv));
    }
    Ok(())
}
