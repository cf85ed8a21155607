//! The rules' benchmarks: reading and checking a 250-row file against the `csv` crate alone reading the same
//! bytes, and re-checking one edited cell (what the grid does at every keystroke). Criterion prints its figures
//! for humans; then each figure is measured again with `benchkit` (11 runs, the anchor in the same process) and
//! recorded as a row of `make bench`'s table, section "The rules".

mod file_250;

use std::time::Duration;

use benchkit::{per_call, Figure, Goal, Row};
use criterion::{black_box, Criterion};
use rules::{check_bytes, Column, Existing, Sheet, UserValues};

use file_250::file_250;

const SECTION: &str = "The rules";
/// The native check's row: the wasm bench (`bench-wasm/run.sh`) reads it back as its anchor.
const CHECK: &str = "read, decode, parse and check the 250-row file (native)";
const CSV_ALONE: &str = "csv crate alone reads the same bytes";
const RUNS: usize = 11;

/// The `csv` crate reading every record of the file into one reused record: the floor of any CSV check.
#[inline(never)]
fn csv_alone(bytes: &[u8]) -> usize {
    let mut reader = csv::ReaderBuilder::new().has_headers(false).from_reader(bytes);
    let mut record = csv::StringRecord::new();
    let mut n = 0;
    while reader.read_record(&mut record).unwrap_or(false) {
        n += record.len();
    }
    n
}

/// The split rows of the file, as the server receives them from the browser.
fn split_rows(bytes: &[u8]) -> Vec<(u32, UserValues)> {
    let report = check_bytes("users.csv", bytes, &Existing::default());
    report.rows.iter().map(|r| (r.row, UserValues::from_cells(&r.values.to_vec()))).collect()
}

/// An edit that alternates between two values, so that every call changes the cell.
fn edit(sheet: &mut Sheet, index: usize, column: Column, values: [&str; 2], flip: &mut bool) -> Vec<usize> {
    *flip = !*flip;
    sheet.set_cell(black_box(index), column, values[usize::from(*flip)])
}

const EMAIL_EDIT: (usize, Column, [&str; 2]) =
    (120, Column::Email, ["user120@example.com", "someone.else@example.com"]);
const NAME_EDIT: (usize, Column, [&str; 2]) = (40, Column::FirstName, ["Zoé", "Zoé-Marie"]);

fn criterion_benches(c: &mut Criterion, bytes: &[u8]) {
    c.bench_function("csv crate alone: read 250 rows", |b| b.iter(|| csv_alone(black_box(bytes))));
    c.bench_function("rules: check a 250-row file", |b| {
        b.iter(|| check_bytes("users.csv", black_box(bytes), &Existing::default()))
    });
    let parsed = split_rows(bytes);
    c.bench_function("rules: check 250 rows already split into cells (Sheet::new)", |b| {
        b.iter(|| Sheet::new(black_box(parsed.clone()), Existing::default()))
    });
    let report = check_bytes("users.csv", bytes, &Existing::default());
    let mut sheet = Sheet::from_report(&report, Existing::default());
    for (name, (index, column, values)) in [("email", EMAIL_EDIT), ("first name", NAME_EDIT)] {
        let mut flip = false;
        c.bench_function(&format!("rules: re-check one edited {name} in a 250-row sheet"), |b| {
            b.iter(|| edit(&mut sheet, index, column, values, &mut flip))
        });
    }
}

/// A figure and its anchor, their runs interleaved (one run of each in turn) so that a change of the machine's
/// load during the measurement weighs on both alike. Each run is `benchkit::per_call`'s; the medians of the runs
/// make the figures.
fn interleaved<A, B>(iters: usize, mut figure: impl FnMut() -> A, mut anchor: impl FnMut() -> B) -> (Figure, Figure) {
    let (mut figures, mut anchors) = (Vec::new(), Vec::new());
    for _ in 0..RUNS {
        figures.push(per_call(1, iters, &mut figure).median);
        anchors.push(per_call(1, iters, &mut anchor).median);
    }
    (Figure::from_samples(figures), Figure::from_samples(anchors))
}

fn recorded_rows(bytes: &[u8]) {
    let (check, csv) = interleaved(
        300,
        || check_bytes("users.csv", black_box(bytes), &Existing::default()),
        || csv_alone(black_box(bytes)),
    );
    let (check, csv) = (check.scale(1e6), csv.scale(1e6));
    Row::new(SECTION, CHECK, "µs", check).anchor(CSV_ALONE, csv).goal(Goal::RatioAtMost(3.0)).record();
    let parsed = split_rows(bytes);
    let split = per_call(RUNS, 300, || Sheet::new(black_box(parsed.clone()), Existing::default())).scale(1e6);
    Row::new(SECTION, "check 250 rows already split into cells (Sheet::new, input clone included)", "µs", split)
        .record();
    let report = check_bytes("users.csv", bytes, &Existing::default());
    let mut sheet = Sheet::from_report(&report, Existing::default());
    for (what, (index, column, values)) in [
        ("re-check after editing one email (duplicates recomputed)", EMAIL_EDIT),
        ("re-check after editing one first name", NAME_EDIT),
    ] {
        let mut flip = false;
        let figure = per_call(RUNS, 20_000, || edit(&mut sheet, index, column, values, &mut flip)).scale(1e6);
        Row::new(SECTION, what, "µs", figure).goal(Goal::AtMost(10.0)).record();
    }
}

fn main() {
    let bytes = file_250();
    // `RULES_BENCH_PROFILE=N`: N file checks, then N reads by the csv crate alone, and nothing else: for
    // `perf record` or `valgrind --tool=callgrind`, whose inclusive counts of `check_bytes` and `csv_alone` compare
    // the two without the machine's load (docs/benchmarks.md).
    if let Some(n) = std::env::var("RULES_BENCH_PROFILE").ok().and_then(|n| n.parse::<usize>().ok()) {
        for _ in 0..n {
            black_box(check_bytes("users.csv", black_box(&bytes), &Existing::default()));
        }
        for _ in 0..n {
            black_box(csv_alone(black_box(&bytes)));
        }
        return;
    }
    // Short measurements: the whole bench (criterion's figures, then the recorded rows) stays well under 2 minutes.
    let mut criterion = Criterion::default()
        .warm_up_time(Duration::from_millis(500))
        .measurement_time(Duration::from_secs(2))
        .sample_size(50)
        .configure_from_args();
    criterion_benches(&mut criterion, &bytes);
    criterion.final_summary();
    recorded_rows(&bytes);
}
