//! The CSV files the app writes (the corrected file, the error report): UTF-8 with a BOM so Excel opens accents
//! correctly, CRLF line ends, RFC 4180 quoting, and spreadsheet formulas neutralised with a leading `'`. Reading
//! such a file back with these rules gives the values that were written: `parse.rs` takes the `'` off again
//! ([`unneutralise`]), and a value that itself begins with that `'` gets a second one here, so the round trip is
//! exact.

use std::borrow::Cow;

/// The first characters that make a spreadsheet read a cell as a formula (OWASP's "CSV injection" list): `=`,
/// `+`, `-`, `@`, tab and carriage return.
const FORMULA_STARTS: [char; 6] = ['=', '+', '-', '@', '\t', '\r'];

/// The characters after which reading takes a leading `'` off: the formula starts, and line feed, because the
/// reader turns every CR into LF before it parses (a written `'` + CR is read as `'` + LF).
const UNNEUTRALISED_AFTER: [char; 7] = ['=', '+', '-', '@', '\t', '\r', '\n'];

/// A CSV file as the app writes it: UTF-8 with a BOM, CRLF line ends, RFC 4180 quoting, formulas neutralised.
pub fn write_csv<R, V>(header: &[&str], rows: R) -> String
where
    R: IntoIterator,
    R::Item: IntoIterator<Item = V>,
    V: AsRef<str>,
{
    let mut out = String::from('\u{FEFF}');
    write_record(&mut out, header.iter());
    for row in rows {
        write_record(&mut out, row.into_iter());
    }
    out
}

/// One line of such a file (neutralised, quoted, CRLF), for writers that stream a file a batch at a time; the file
/// starts with [`BOM`].
pub fn write_csv_record<V: AsRef<str>>(out: &mut String, values: impl Iterator<Item = V>) {
    write_record(out, values)
}

/// What a CSV file the app writes starts with, so Excel reads it as UTF-8.
pub const BOM: char = '\u{FEFF}';

fn write_record<V: AsRef<str>>(out: &mut String, values: impl Iterator<Item = V>) {
    for (i, value) in values.enumerate() {
        if i > 0 {
            out.push(',');
        }
        write_field(out, &neutralise(value.as_ref()));
    }
    out.push_str("\r\n");
}

/// RFC 4180: a field is quoted when it holds a quote, a comma or a line break, and also when it begins or ends
/// with a space (some spreadsheets trim unquoted fields); inner quotes are doubled.
fn write_field(out: &mut String, value: &str) {
    let quoted = value.contains(['"', ',', '\r', '\n']) || value.starts_with(' ') || value.ends_with(' ');
    if !quoted {
        out.push_str(value);
        return;
    }
    out.push('"');
    for c in value.chars() {
        if c == '"' {
            out.push('"');
        }
        out.push(c);
    }
    out.push('"');
}

/// One value as written (neutralised); exposed for tests and the xlsx template.
///
/// A value that a spreadsheet would run as a formula gets a leading `'`; so does a value that already begins with
/// the `'` that reading would take off, so that reading gives it back unchanged.
pub fn neutralise(value: &str) -> Cow<'_, str> {
    let needs_quote = value.starts_with(FORMULA_STARTS) || (value.starts_with('\'') && unneutralised(value));
    if needs_quote {
        Cow::Owned(format!("'{value}"))
    } else {
        Cow::Borrowed(value)
    }
}

/// What reading does to one cell of a file: takes off one leading `'` when a formula start (or a line feed, see
/// [`UNNEUTRALISED_AFTER`]) follows its run of quotes, the inverse of [`neutralise`]. Spreadsheets do the same when they show
/// such a cell (`'=1+1` is displayed `=1+1`), so a file the app wrote re-imports as the original values.
pub(crate) fn unneutralise(value: &str) -> &str {
    match value.strip_prefix('\'') {
        Some(rest) if unneutralised(value) => rest,
        _ => value,
    }
}

/// Whether reading takes a `'` off this value: it is one or more `'` and then a formula start or a line feed. The
/// run of quotes makes the pair exact: `'=1` is written `''=1`, read back `'=1`; `''=1` is written `'''=1`.
fn unneutralised(value: &str) -> bool {
    value.starts_with('\'') && value.trim_start_matches('\'').starts_with(UNNEUTRALISED_AFTER)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_formula_start_gets_one_leading_quote() {
        for start in FORMULA_STARTS {
            let value = format!("{start}1+1");
            assert_eq!(neutralise(&value), format!("'{value}"), "{value:?}");
            assert_eq!(unneutralise(&neutralise(&value)), value);
        }
    }

    #[test]
    fn ordinary_values_are_borrowed_unchanged() {
        for value in ["", "Ana", "ana@example.org", "O'Brien", "'quoted'", " =not first", "1-2"] {
            assert!(matches!(neutralise(value), Cow::Borrowed(v) if v == value), "{value:?}");
            assert_eq!(unneutralise(value), value);
        }
    }

    #[test]
    fn a_value_that_already_begins_with_the_neutralising_quote_gets_a_second_one() {
        assert_eq!(neutralise("'=1+1"), "''=1+1");
        assert_eq!(unneutralise("''=1+1"), "'=1+1");
        assert_eq!(neutralise("'\nx"), "''\nx");
        assert_eq!(unneutralise("''\nx"), "'\nx");
        assert_eq!(neutralise("''=1"), "'''=1");
        assert_eq!(unneutralise("'''=1"), "''=1");
        assert_eq!(neutralise("''"), "''");
        assert_eq!(unneutralise("''"), "''");
    }

    #[test]
    fn the_file_has_a_bom_crlf_and_rfc_4180_quoting() {
        let text = write_csv(&["a", "b"], [["x,y", "say \"hi\""], [" padded", "two\nlines"], ["plain", ""]]);
        assert_eq!(text, "\u{FEFF}a,b\r\n\"x,y\",\"say \"\"hi\"\"\"\r\n\" padded\",\"two\nlines\"\r\nplain,\r\n");
    }

    #[test]
    fn a_formula_with_a_comma_is_both_neutralised_and_quoted() {
        let text = write_csv(&["a"], [["=SUM(A1,A2)"]]);
        assert_eq!(text, "\u{FEFF}a\r\n\"'=SUM(A1,A2)\"\r\n");
    }
}
