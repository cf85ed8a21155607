//! The rules' check compiled to wasm for the browser benchmark (`run.sh`, `www/`): the same 250-row file as the
//! native bench (`benches/file_250.rs`), checked many times per call so that the crossing into wasm is not what
//! is measured.

use wasm_bindgen::prelude::*;

#[path = "../../benches/file_250.rs"]
mod file;

/// The bytes of the benchmarks' 250-row file (the page also gives them, decoded, to PapaParse).
#[wasm_bindgen]
pub fn file_250() -> Vec<u8> {
    file::file_250()
}

/// Checks `bytes` as a file `times` times; returns a checksum of the reports (rows and rows with errors), so
/// that no check can be left out by the optimiser.
#[wasm_bindgen]
pub fn check_times(bytes: &[u8], times: u32) -> u32 {
    let mut sum = 0u32;
    for _ in 0..times {
        let report = rules::check_bytes("users.csv", bytes, &rules::Existing::default());
        let summary = report.summary();
        sum = sum.wrapping_add(summary.total as u32).wrapping_add(summary.invalid as u32);
    }
    sum
}
