//! Any bytes, any name: the check returns a report and never panics; the report is self-consistent, and a sheet
//! built from its rows re-checks to the same rows.
#![no_main]

use libfuzzer_sys::fuzz_target;
use rules::{check_bytes, Existing, Lang, Sheet};

fuzz_target!(|bytes: &[u8]| {
    let report = check_bytes("fuzz.csv", bytes, &Existing::default());
    let summary = report.summary();
    assert_eq!(summary.total, summary.valid + summary.invalid);
    assert!(report.rows.len() <= rules::MAX_ROWS);
    let _ = report.to_json(Lang::En);
    let sheet = Sheet::from_report(&report, Existing::default());
    assert_eq!(sheet.rows(), &report.rows[..]);
});
