//! Criterion benchmarks of the rules: reading and checking a 250-row file against the `csv` crate alone reading
//! the same bytes, and re-checking one edited cell (what the grid does at every keystroke).

use criterion::{black_box, criterion_group, criterion_main, Criterion};
use rules::{check_bytes, Column, Existing, Sheet};

/// A realistic 250-row file: accents, a few errors, duplicates, every column.
fn file_250() -> Vec<u8> {
    let mut text = String::from("firstname,lastname,email,identifier,country,language\r\n");
    let first = ["Zoé", "Jean-Luc", "Anaïs", "Björn", "María", "O'Brien", "Chloé", "Łukasz"];
    let last = ["Dupont", "Martin", "Müller", "García", "Rossi", "D’Arcy", "Nguyễn", "Smith"];
    let countries = ["FR", "DE", "GB", "IT", "ES", "fr", "US", "UK"];
    let languages = ["fr", "de", "en", "it", "es", "EN", "pt", "nl"];
    for i in 0..250 {
        text.push_str(&format!(
            "{},{},user{}@example.com,EMP-{:04},{},{}\r\n",
            first[i % 8],
            last[(i / 8) % 8],
            if i % 50 == 49 { i - 1 } else { i },
            i,
            countries[(i / 3) % 8],
            languages[(i / 5) % 8]
        ));
    }
    text.into_bytes()
}

fn benches(c: &mut Criterion) {
    let bytes = file_250();
    c.bench_function("csv crate alone: read 250 rows", |b| {
        b.iter(|| {
            let mut reader = csv::ReaderBuilder::new().has_headers(false).from_reader(black_box(&bytes[..]));
            let mut record = csv::StringRecord::new();
            let mut n = 0;
            while reader.read_record(&mut record).unwrap_or(false) {
                n += record.len();
            }
            n
        })
    });
    c.bench_function("rules: check a 250-row file", |b| {
        b.iter(|| check_bytes("users.csv", black_box(&bytes), &Existing::default()))
    });
    let report = check_bytes("users.csv", &bytes, &Existing::default());
    let parsed: Vec<(u32, [String; 6])> =
        report.rows.iter().map(|r| (r.row, std::array::from_fn(|i| r.values[i].clone()))).collect();
    c.bench_function("rules: check 250 rows already split into cells (Sheet::new)", |b| {
        b.iter(|| Sheet::new(black_box(parsed.clone()), Existing::default()))
    });
    let mut sheet = Sheet::from_report(&report, Existing::default());
    let mut flip = false;
    c.bench_function("rules: re-check one edited email in a 250-row sheet", |b| {
        b.iter(|| {
            flip = !flip;
            let value = if flip { "someone.else@example.com" } else { "user120@example.com" };
            sheet.set_cell(black_box(120), Column::Email, value)
        })
    });
    let mut flip = false;
    c.bench_function("rules: re-check one edited first name in a 250-row sheet", |b| {
        b.iter(|| {
            flip = !flip;
            let value = if flip { "Zoé-Marie" } else { "Zoé" };
            sheet.set_cell(black_box(40), Column::FirstName, value)
        })
    });
}

criterion_group!(rules_benches, benches);
criterion_main!(rules_benches);
