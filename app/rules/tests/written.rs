//! The CSV files the app writes, read back through the rules as an admin's dropped file would be: every value
//! comes back as written (formula starts neutralised on the way out and restored on the way in), accents, quotes
//! and line breaks included, and the file opens with a UTF-8 BOM.
#![cfg(not(target_arch = "wasm32"))]

use proptest::prelude::*;
use rules::{check_bytes, neutralise, write_csv, Column, Existing, Report};
use unicode_normalization::UnicodeNormalization;

const HEADER: [&str; 6] = ["firstname", "lastname", "email", "identifier", "country", "language"];

fn read_back(text: &str) -> Report {
    let report = check_bytes("corrected.csv", text.as_bytes(), &Existing::default());
    assert!(report.file_error.is_none(), "{report:?}\n{text:?}");
    assert!(report.warnings.is_empty(), "{:?}", report.warnings);
    report
}

/// What the rules make of a value anywhere (a file, the grid): line breaks as LF, trimmed, NFC.
fn as_checked(value: &str) -> String {
    let value = value.replace("\r\n", "\n").replace('\r', "\n");
    value.trim().nfc().collect::<String>().trim().to_owned()
}

#[test]
fn each_formula_start_is_written_neutralised_and_reads_back_as_the_original_value() {
    for start in ['=', '+', '-', '@', '\t', '\r'] {
        let value = format!("{start}HYPERLINK(\"http://x.example\",\"y\")");
        let text = write_csv(&HEADER, [["Ana", "Lopez", "ana@example.org", value.as_str(), "FR", "fr"]]);
        let line = text.lines().nth(1).unwrap_or_default();
        assert!(line.contains(&format!("'{start}")), "not neutralised: {line:?}");
        let report = read_back(&text);
        assert_eq!(report.rows.len(), 1);
        assert_eq!(report.rows[0].value(Column::Identifier), as_checked(&value), "start {start:?}");
        // The other cells are untouched.
        assert_eq!(report.rows[0].value(Column::Email), "ana@example.org");
    }
}

#[test]
fn a_formula_start_alone_in_a_cell_reads_back_too() {
    for value in ["=", "+", "-", "@", "-1", "+33 6 12 34 56 78", "@ana", "=1+1"] {
        let text = write_csv(&HEADER, [["Ana", "Lopez", "ana@example.org", value, "", "fr"]]);
        assert_eq!(read_back(&text).rows[0].value(Column::Identifier), value);
    }
}

#[test]
fn a_value_that_begins_with_the_neutralising_quote_reads_back_unchanged() {
    for value in ["'=1+1", "''=1", "'-", "'@x", "'", "'plain", "O'Brien"] {
        let text = write_csv(&HEADER, [["Ana", "Lopez", "ana@example.org", value, "", "fr"]]);
        assert_eq!(read_back(&text).rows[0].value(Column::Identifier), value, "{text:?}");
    }
}

#[test]
fn accents_quotes_commas_and_line_breaks_inside_values_read_back() {
    let rows = [
        ["Élodie", "Lefèvre-Dupré", "élodie@exemple.fr", "E,001", "FR", "fr"],
        ["Zoë", "O\"Hara \"the\" great", "zoe@example.org", "line1\r\nline2", "GB", "en"],
        ["Jürgen", "Straße", "j@example.de", "a\nb\nc", "DE", "de"],
        ["李", "小龍", "li@example.cn", "  padded  ", "CN", "zh"],
    ];
    let report = read_back(&write_csv(&HEADER, rows));
    assert_eq!(report.rows.len(), rows.len());
    for (written, read) in rows.iter().zip(&report.rows) {
        for column in HEADER.map(|h| Column::parse(h).expect("a column")) {
            assert_eq!(read.value(column), as_checked(written[column.index()]), "{column:?}");
        }
    }
    // The rows keep their spreadsheet numbers although some cells span several lines.
    assert_eq!(report.rows.iter().map(|r| r.row).collect::<Vec<_>>(), vec![2, 3, 4, 5]);
}

#[test]
fn the_file_starts_with_a_utf8_bom_and_ends_lines_with_crlf() {
    let text = write_csv(&HEADER, [["Élodie", "Lefèvre", "e@example.fr", "", "FR", "fr"]]);
    assert!(text.as_bytes().starts_with(&[0xEF, 0xBB, 0xBF]));
    assert_eq!(text.matches("\r\n").count(), 2);
    assert_eq!(text.matches('\n').count(), 2, "no bare LF");
    assert_eq!(
        &text[3..],
        "firstname,lastname,email,identifier,country,language\r\nÉlodie,Lefèvre,e@example.fr,,FR,fr\r\n"
    );
}

#[test]
fn a_row_whose_only_content_is_a_neutralised_tab_is_blank_like_the_tab() {
    let text = write_csv(&HEADER, [["Ana", "Lopez", "ana@example.org", "", "", "fr"], ["\t", "", "", "", "", ""]]);
    assert!(text.contains("'\t,"), "{text:?}");
    assert_eq!(read_back(&text).rows.len(), 1);
}

#[test]
fn neutralise_is_what_write_csv_writes() {
    assert_eq!(neutralise("=1"), "'=1");
    assert_eq!(neutralise("Ana"), "Ana");
}

fn value() -> impl Strategy<Value = String> {
    prop_oneof![
        "[=+\\-@\t\r'][=+\\-@\t\r\n' a-zé\"]{0,8}",
        "'{0,3}[=+\\-@\t\r\n]?\\PC{0,10}",
        "[ ,\"\r\na-zA-Zàéïõü'’-]{0,16}",
        // Printable text: a file with control characters other than tab and line breaks is not text at all.
        "\\PC{0,20}",
    ]
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(512))]

    /// Any values, written then read: every cell comes back as the rules check it when typed in the grid.
    #[test]
    fn any_written_values_read_back_as_written(rows in proptest::collection::vec([value(), value(), value(), value(), value(), value()], 1..8)) {
        // A row needs one non-blank cell to be a row at all; the email column carries it.
        let rows: Vec<[String; 6]> = rows
            .into_iter()
            .enumerate()
            .map(|(i, mut r)| {
                r[Column::Email.index()] = format!("{}x{i}", r[Column::Email.index()]);
                r
            })
            .collect();
        let text = write_csv(&HEADER, &rows);
        let report = check_bytes("corrected.csv", text.as_bytes(), &Existing::default());
        prop_assert!(report.file_error.is_none(), "{:?}", report.file_error);
        prop_assert_eq!(report.rows.len(), rows.len());
        for (written, read) in rows.iter().zip(&report.rows) {
            for column in HEADER.map(|h| Column::parse(h).expect("a column")) {
                let expected = as_checked(&written[column.index()]);
                let expected = if matches!(column, Column::FirstName | Column::LastName) {
                    expected.replace(['\u{A0}', '\u{202F}'], " ")
                } else {
                    expected
                };
                prop_assert_eq!(read.value(column), expected.as_str(), "{:?} in {:?}", column, text);
            }
        }
    }
}
