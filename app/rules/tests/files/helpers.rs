//! What the file tests share: the header, a check of bytes, and the codes of a report.

use rules::{check_bytes, Code, Existing, Report};
pub const HEADER: &str = "firstname,lastname,email,identifier,country,language";

pub fn check(bytes: &[u8]) -> Report {
    check_bytes("learners.csv", bytes, &Existing::default())
}

pub fn file_code(report: &Report) -> Option<Code> {
    report.file_error.as_ref().map(|p| p.code())
}

pub fn row_codes(report: &Report, row: u32) -> Vec<Code> {
    let r = report.rows.iter().find(|r| r.row == row).unwrap_or_else(|| panic!("no row {row} in {report:?}"));
    r.errors.iter().map(|p| p.code()).collect()
}

pub fn rows(n: usize) -> String {
    let mut text = String::from(HEADER);
    text.push('\n');
    for i in 0..n {
        text.push_str(&format!("Ana,Lopez,ana{i}@example.org,,FR,fr\n"));
    }
    text
}
