//! The name and size checks before reading, content that is not text, and the 250-row limit, enforced while the
//! file streams in, whatever its slices.

use std::io::Read;

use rules::{check_bytes, check_reader, check_size, Code, Existing, Lang, Report, SheetReader, MAX_BYTES};

use crate::helpers::*;

#[test]
fn the_name_must_end_in_csv_and_the_size_is_checked_before_reading() {
    assert_eq!(check_size("list.CSV", 10), None);
    assert_eq!(check_size("list.xlsx", 10).map(|p| p.code()), Some(Code::FileNotCsv));
    assert_eq!(check_size("list.csv", MAX_BYTES).map(|p| p.code()), None);
    assert_eq!(check_size("list.csv", MAX_BYTES + 1).map(|p| p.code()), Some(Code::FileTooLarge));
    let report = check_bytes("list.txt", rows(1).as_bytes(), &Existing::default());
    assert_eq!(file_code(&report), Some(Code::FileNotCsv));
}

#[test]
fn workbooks_zips_and_pdfs_renamed_csv_are_not_csv() {
    let xlsx = b"PK\x03\x04\x14\x00\x06\x00\x08\x00\x00\x00!\x00[Content_Types].xml".to_vec();
    let xls = b"\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1\x00\x00\x00\x00".to_vec();
    let pdf = b"%PDF-1.7\n%\xE2\xE3\xCF\xD3\n1 0 obj\n<< /Type /Catalog >>\nendobj\n".to_vec();
    let binary = vec![0u8, 1, 2, 3, 0, 0, 7, 8];
    for bytes in [xlsx, xls, pdf, binary] {
        assert_eq!(file_code(&check(&bytes)), Some(Code::FileNotCsv), "{bytes:?}");
    }
}

#[test]
fn two_hundred_fifty_rows_pass_and_two_hundred_fifty_one_are_refused() {
    let report = check(rows(250).as_bytes());
    assert_eq!(file_code(&report), None);
    assert_eq!(report.rows.len(), 250);
    let report = check(rows(251).as_bytes());
    assert_eq!(file_code(&report), Some(Code::FileTooManyRows));
    assert!(report.file_error.as_ref().is_some_and(|p| p.message(Lang::En).contains("Split")));
    // Blank lines do not count toward the limit.
    let padded = rows(250).replace('\n', "\n\n");
    assert_eq!(file_code(&check(padded.as_bytes())), None);
}

#[test]
fn quoted_line_breaks_do_not_count_as_rows_toward_the_limit() {
    let mut text = String::from(HEADER);
    text.push('\n');
    for i in 0..250 {
        text.push_str(&format!("\"A\n\nB\",Lopez,ana{i}@example.org,,FR,fr\n"));
    }
    let report = check(text.as_bytes());
    assert_eq!(file_code(&report), None, "{:?}", report.file_error);
    assert_eq!(report.rows.len(), 250);
}

/// A reader of a CSV file of `rows` rows that counts the bytes it hands out, generating them on demand.
struct Generated {
    rows: usize,
    next: usize,
    pending: Vec<u8>,
    served: u64,
}

impl Read for Generated {
    fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
        if self.pending.is_empty() {
            if self.next > self.rows {
                return Ok(0);
            }
            self.pending = if self.next == 0 {
                format!("{HEADER}\n").into_bytes()
            } else {
                format!("Ana,Lopez,ana{}@example.org,,FR,fr\n", self.next).into_bytes()
            };
            self.next += 1;
        }
        let n = buf.len().min(self.pending.len());
        buf[..n].copy_from_slice(&self.pending[..n]);
        self.pending.drain(..n);
        self.served += n as u64;
        Ok(n)
    }
}

#[test]
fn a_file_of_200000_rows_is_refused_without_being_read_to_its_end() {
    let mut reader = Generated { rows: 200_000, next: 0, pending: Vec::new(), served: 0 };
    let report = check_reader("big.csv", &mut reader, &Existing::default());
    assert_eq!(file_code(&report), Some(Code::FileTooManyRows));
    let whole: u64 = 200_000 * 40;
    assert!(reader.served < whole / 100, "read {} bytes of about {whole}", reader.served);
    assert!(reader.next < 2_000, "generated {} rows", reader.next);
}

/// The report of a file pushed into a [`SheetReader`] in slices of `slice` bytes, and how many bytes it took in
/// before it answered.
fn sliced(bytes: &[u8], slice: usize) -> (Report, usize) {
    let existing = Existing::default();
    let mut file = match SheetReader::new("learners.csv") {
        Ok(file) => file,
        Err(problem) => return (Report::rejected(problem), 0),
    };
    for chunk in bytes.chunks(slice.max(1)) {
        if let Err(problem) = file.push(chunk) {
            return (Report::rejected(problem), file.bytes().len());
        }
    }
    let report = match file.finish(&existing) {
        Ok((sheet, warnings)) => Report::from_sheet(sheet, warnings),
        Err(problem) => Report::rejected(problem),
    };
    (report, file.bytes().len())
}

#[test]
fn a_file_fed_in_slices_gets_the_report_of_the_whole_file_whatever_the_slices() {
    let mut utf16 = vec![0xFF, 0xFE];
    utf16.extend(rows(300).encode_utf16().flat_map(u16::to_le_bytes));
    let mut late_binary = rows(240).into_bytes();
    late_binary.extend_from_slice(&[0, 1, 2, 0, b'\n'].repeat(5000));
    let files: Vec<Vec<u8>> = vec![
        rows(2).into_bytes(),
        rows(250).into_bytes(),
        rows(251).into_bytes(),
        rows(5000).into_bytes(),
        utf16,
        b"firstname;lastname;email;language\r\nH\xE9l\xE8ne;M\xFCller;h@example.de;de\r\n".to_vec(),
        late_binary,
        Vec::new(),
    ];
    for bytes in &files {
        let whole = check(bytes);
        for slice in [1, 2, 3, 1000, 16 * 1024 - 1, 16 * 1024, 16 * 1024 + 1, 256 * 1024] {
            if slice < 16 && bytes.len() > 50_000 {
                continue; // byte by byte over a long file proves nothing more, slowly
            }
            assert_eq!(sliced(bytes, slice).0, whole, "{} bytes in slices of {slice}", bytes.len());
        }
    }
}

#[test]
fn a_huge_file_in_the_browsers_slices_is_refused_at_the_first_slice() {
    // Over 20 MB, 600,000 rows: the tab reads 256 KB and stops.
    let big = rows(600_000);
    assert!(big.len() > 20_000_000);
    let (report, taken) = sliced(big.as_bytes(), 256 * 1024);
    assert_eq!(file_code(&report), Some(Code::FileTooManyRows));
    assert_eq!(taken, 256 * 1024);
}

/// An endless single line: only the size limit can stop it.
struct Endless {
    served: u64,
}

impl Read for Endless {
    fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
        buf.fill(b'a');
        self.served += buf.len() as u64;
        Ok(buf.len())
    }
}

#[test]
fn a_stream_over_100_mb_is_refused_once_the_limit_is_crossed() {
    let mut reader = Endless { served: 0 };
    let report = check_reader("huge.csv", &mut reader, &Existing::default());
    assert_eq!(file_code(&report), Some(Code::FileTooLarge));
    assert!(reader.served > MAX_BYTES && reader.served < MAX_BYTES + 1024 * 1024, "read {}", reader.served);
}
