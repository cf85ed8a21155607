//! The result of checking a file: the whole-file rejection if any, the file's warnings, and every data row.
//! `to_json` gives the specification's shape (section 6), `to_table` a text table for terminals.

use serde::{Deserialize, Serialize};
use serde_json::{json, Map, Value};

mod texts;

use crate::{Catalog, Column, Lang, Problem, Values};
use texts::ReportTexts;

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct RowReport {
    /// The spreadsheet row number (the header is row 1).
    pub row: u32,
    /// Trimmed, NFC values in [`Column::ALL`] order; an absent optional column is empty.
    pub values: Values,
    pub errors: Vec<Problem>,
    pub warnings: Vec<Problem>,
}

impl RowReport {
    pub fn value(&self, column: Column) -> &str {
        self.values.get(column.index()).unwrap_or("")
    }

    /// The problems of one cell.
    pub fn problems(&self, column: Column) -> impl Iterator<Item = &Problem> {
        self.errors.iter().chain(self.warnings.iter()).filter(move |p| p.column == Some(column))
    }
}

#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Summary {
    pub total: usize,
    pub valid: usize,
    pub invalid: usize,
}

impl Summary {
    /// The counts of these checked rows: a row with any error is invalid, warnings do not count.
    pub fn of(rows: &[RowReport]) -> Summary {
        let invalid = rows.iter().filter(|r| !r.errors.is_empty()).count();
        Summary { total: rows.len(), valid: rows.len() - invalid, invalid }
    }
}

#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Report {
    pub file_error: Option<Problem>,
    pub warnings: Vec<Problem>,
    pub rows: Vec<RowReport>,
}

impl Report {
    /// The report of a file refused as a whole.
    pub fn rejected(problem: Problem) -> Report {
        Report { file_error: Some(problem), warnings: Vec::new(), rows: Vec::new() }
    }

    /// The report of a file read into `sheet` (see [`crate::read_sheet`]), with the file's warnings.
    pub fn from_sheet(sheet: crate::Sheet, warnings: Vec<Problem>) -> Report {
        Report { file_error: None, warnings, rows: sheet.into_rows() }
    }

    pub fn summary(&self) -> Summary {
        Summary::of(&self.rows)
    }

    /// 0 when every row is valid, 1 when some rows have errors, 2 when the file is rejected.
    pub fn exit_status(&self) -> i32 {
        if self.file_error.is_some() {
            2
        } else if self.summary().invalid > 0 {
            1
        } else {
            0
        }
    }

    /// The report as the specification's JSON, messages in `lang`.
    pub fn to_json(&self, lang: Lang) -> String {
        let message = |p: &Problem| json!({ "code": p.code.as_str(), "message": p.message(lang) });
        let cell = |p: &Problem| {
            json!({
                "column": p.column.map(Column::as_str),
                "code": p.code.as_str(),
                "message": p.message(lang),
            })
        };
        let rows: Vec<Value> = self
            .rows
            .iter()
            .map(|r| {
                let values: Map<String, Value> =
                    Column::ALL.iter().map(|c| (c.as_str().to_owned(), Value::from(r.value(*c)))).collect();
                json!({
                    "row": r.row,
                    "values": values,
                    "errors": r.errors.iter().map(cell).collect::<Vec<_>>(),
                    "warnings": r.warnings.iter().map(cell).collect::<Vec<_>>(),
                })
            })
            .collect();
        let summary = self.summary();
        let report = json!({
            "file_error": self.file_error.as_ref().map(message),
            "warnings": self.warnings.iter().map(message).collect::<Vec<_>>(),
            "rows": rows,
            "summary": { "total": summary.total, "valid": summary.valid, "invalid": summary.invalid },
        });
        serde_json::to_string_pretty(&report).unwrap_or_default()
    }

    /// A plain-text report: the verdict, the warnings, then one line per problem. Messages quote the file
    /// (unknown header names): its control and direction-changing characters are shown escaped (`\u{1b}`), so a
    /// file cannot drive the terminal (colours, a cleared screen, a changed title) or reorder what it shows.
    pub fn to_table(&self, lang: Lang) -> String {
        let t = ReportTexts::of(lang);
        let mut out = String::new();
        if let Some(problem) = &self.file_error {
            out.push_str(t.file_rejected);
            out.push_str(&format!(" [{}]: {}\n", problem.code.as_str(), for_terminal(&problem.message(lang))));
            return out;
        }
        for w in &self.warnings {
            out.push_str(&format!("! [{}] {}\n", w.code.as_str(), for_terminal(&w.message(lang))));
        }
        let lines: Vec<[String; 4]> = self
            .rows
            .iter()
            .flat_map(|r| {
                r.errors.iter().chain(r.warnings.iter()).map(move |p| {
                    [
                        r.row.to_string(),
                        p.column.map(Column::as_str).unwrap_or("").to_owned(),
                        p.code.as_str().to_owned(),
                        for_terminal(&p.message(lang)),
                    ]
                })
            })
            .collect();
        if !lines.is_empty() {
            let head = [t.row, t.column, t.code, t.message];
            let width = |i: usize| {
                lines.iter().map(|l| l[i].chars().count()).chain([head[i].chars().count()]).max().unwrap_or(0)
            };
            let (w0, w1, w2) = (width(0), width(1), width(2));
            out.push_str(&format!("{:>w0$}  {:<w1$}  {:<w2$}  {}\n", head[0], head[1], head[2], head[3]));
            for l in &lines {
                out.push_str(&format!("{:>w0$}  {:<w1$}  {:<w2$}  {}\n", l[0], l[1], l[2], l[3]));
            }
        }
        let s = self.summary();
        out.push_str(&(t.summary)(s.total, s.valid, s.invalid));
        out.push('\n');
        out
    }
}

/// `text` with its C0 and C1 controls, DEL and invisible or direction-changing format characters written as Rust
/// escapes (`\u{1b}`, `\n`, `\u{202e}`); everything else, quotes and accents included, as it is.
fn for_terminal(text: &str) -> String {
    let escaped = |c: char| {
        c.is_control()
            || matches!(c, '\u{200B}'..='\u{200F}' | '\u{202A}'..='\u{202E}' | '\u{2060}'..='\u{2069}' | '\u{FEFF}')
            || matches!(c, '\u{061C}' | '\u{00AD}')
    };
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        if escaped(c) {
            out.extend(c.escape_debug());
        } else {
            out.push(c);
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{check_bytes, Existing};

    #[test]
    fn every_report_text_is_written_in_every_language() {
        assert_eq!(crate::empty_texts::<ReportTexts>(), Vec::<String>::new());
    }

    #[test]
    fn the_table_speaks_the_language_asked_for() {
        let file = b"firstname,lastname,email,language\nAna,Roux,ana@example.fr,fr\nLuc,Roux,luc@example,fr\n";
        let report = check_bytes("a.csv", file, &Existing::default());
        let en = report.to_table(Lang::En);
        assert!(en.starts_with("row  column  code           message\n"), "{en}");
        assert!(en.ends_with("2 rows: 1 valid, 1 with errors\n"), "{en}");
        let de = report.to_table(Lang::De);
        assert!(de.starts_with("Zeile  Spalte  Code           Meldung\n"), "{de}");
        assert!(de.contains("Keine gültige E-Mail-Adresse"), "{de}");
        assert!(de.ends_with("2 Zeilen: 1 gültig, 1 fehlerhaft\n"), "{de}");
        let fr = Report::rejected(Problem::file(crate::Code::FileEmpty)).to_table(Lang::Fr);
        assert!(fr.starts_with("Fichier refusé [file.empty]: Le fichier ne contient aucun apprenant"), "{fr}");
    }

    #[test]
    fn the_table_shows_escape_sequences_from_the_file_escaped_and_the_json_keeps_them_as_data() {
        let mut file = String::from("firstname,lastname,email,language,\x1b[2J\x1b]0;pwned\x07,Note\u{202E}txt.exe\n");
        for i in 0..20 {
            file.push_str(&format!("Ana,Roux,a{i}@example.fr,fr,x,y\n"));
        }
        let report = check_bytes("a.csv", file.as_bytes(), &Existing::default());
        assert_eq!(report.file_error, None);
        let table = report.to_table(Lang::En);
        assert!(!table.chars().any(|c| (c.is_control() && c != '\n') || c == '\u{202E}'), "{table:?}");
        assert!(table.contains(r"\u{1b}[2J\u{1b}]0;pwned\u{7}"), "{table}");
        assert!(table.contains(r"Note\u{202e}txt.exe"), "{table}");
        // The JSON is still JSON: the same header name, escaped by JSON's own rules, reads back exact.
        let json: serde_json::Value = serde_json::from_str(&report.to_json(Lang::En)).expect("json");
        let message = json["warnings"][0]["message"].as_str().expect("a message");
        assert!(message.contains("\x1b[2J\x1b]0;pwned\x07"), "{message:?}");
        assert!(!report.to_json(Lang::En).contains('\x1b'));
    }
}
