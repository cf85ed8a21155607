//! The Excel template: served to admins only at `/import/template.xlsx` in the admin's language, and read back
//! with calamine (cells, sheets) and from the zip's XML (text format, frozen header, drop-down lists), the
//! parts calamine does not expose.

use std::io::{Cursor, Read};

use calamine::{Data, Reader, SheetVisible, Xlsx};
use reqwest::{header, StatusCode};
use rules::{check_bytes, Code, Column, Existing, Lang, COUNTRIES, LANGUAGES, MAX_ROWS};
use server::template::{template_xlsx, LISTS_SHEET, XLSX_CONTENT_TYPE};

use crate::helpers::*;

fn workbook(lang: Lang) -> Vec<u8> {
    template_xlsx(lang).expect("the template builds")
}

fn open(bytes: &[u8]) -> Xlsx<Cursor<Vec<u8>>> {
    Xlsx::new(Cursor::new(bytes.to_vec())).expect("calamine opens the template")
}

/// One part of the workbook's zip, as text.
fn part(bytes: &[u8], name: &str) -> String {
    let mut zip = zip::ZipArchive::new(Cursor::new(bytes)).expect("an xlsx is a zip");
    let mut text = String::new();
    zip.by_name(name).unwrap_or_else(|_| panic!("no {name}")).read_to_string(&mut text).expect("UTF-8 XML");
    text
}

/// The value of `attribute` in an XML element's text (`<c r="A2" s="1"/>`).
fn attribute<'a>(element: &'a str, attribute: &str) -> Option<&'a str> {
    let start = element.find(&format!(" {attribute}=\""))? + attribute.len() + 3;
    element[start..].split('"').next()
}

/// The opening tags of every `<name ...>` element in `xml`.
fn elements<'a>(xml: &'a str, name: &str) -> Vec<&'a str> {
    let open = format!("<{name} ");
    xml.match_indices(&open).filter_map(|(at, _)| xml[at..].split('>').next()).collect()
}

/// The cell styles (`cellXfs`, by index) whose number format is text: built-in format 49, `@`.
fn text_styles(styles: &str) -> Vec<usize> {
    let cell_xfs = styles.split("<cellXfs").nth(1).and_then(|s| s.split("</cellXfs>").next()).expect("cellXfs");
    elements(cell_xfs, "xf")
        .iter()
        .enumerate()
        .filter(|(_, xf)| attribute(xf, "numFmtId") == Some("49"))
        .map(|(i, _)| i)
        .collect()
}

#[test]
fn the_users_sheet_has_the_template_header_and_nothing_else() {
    for lang in Lang::ALL {
        let mut book = open(&workbook(lang));
        let names = book.sheet_names();
        assert_eq!(names.len(), 3, "{names:?}");
        let users = book.worksheet_range(&names[0]).expect("sheet 1");
        let header: Vec<String> = users.rows().next().expect("a header").iter().map(|c| c.to_string()).collect();
        assert_eq!(header, Column::ALL.map(|c| c.as_str().to_owned()));
        // No sample row to be imported by mistake: the formatted blank cells are empty.
        assert!(users.rows().skip(1).all(|row| row.iter().all(|c| *c == Data::Empty)), "{lang:?}");
    }
}

#[test]
fn the_users_sheet_saved_as_csv_is_the_csv_template() {
    let mut book = open(&workbook(Lang::En));
    let users = book.worksheet_range("Users").expect("the Users sheet");
    let header: Vec<String> = users.rows().next().expect("a header").iter().map(|c| c.to_string()).collect();
    assert_eq!(format!("{}\r\n", header.join(",")), rules::template_csv());
}

#[test]
fn every_cell_of_the_six_columns_is_text_for_every_row_a_file_may_have() {
    let bytes = workbook(Lang::En);
    let text = text_styles(&part(&bytes, "xl/styles.xml"));
    assert!(!text.is_empty(), "no text style");
    let sheet = part(&bytes, "xl/worksheets/sheet1.xml");
    // The columns' own format, for rows past the cells written.
    let cols = elements(&sheet, "col");
    for column in Column::ALL {
        let n = (column.index() + 1).to_string();
        let col = cols
            .iter()
            .find(|c| {
                let (min, max) = (attribute(c, "min").unwrap_or("0"), attribute(c, "max").unwrap_or("0"));
                min.parse::<usize>().unwrap_or(0) <= column.index() + 1 && column.index() < max.parse().unwrap_or(0)
            })
            .unwrap_or_else(|| panic!("no <col> for column {n}"));
        let style: usize = attribute(col, "style").and_then(|s| s.parse().ok()).expect("a column style");
        assert!(text.contains(&style), "column {n} style {style} is not text");
    }
    // And every cell of the header and of the first MAX_ROWS data rows, written with a text style.
    let cells = elements(&sheet, "c");
    for row in 1..=MAX_ROWS + 1 {
        for letter in ["A", "B", "C", "D", "E", "F"] {
            let reference = format!("{letter}{row}");
            let cell = cells
                .iter()
                .find(|c| attribute(c, "r") == Some(reference.as_str()))
                .unwrap_or_else(|| panic!("no cell {reference}"));
            let style: usize = attribute(cell, "s").and_then(|s| s.parse().ok()).expect("a cell style");
            assert!(text.contains(&style), "cell {reference} style {style} is not text");
        }
    }
}

#[test]
fn the_header_is_bold_and_frozen() {
    let bytes = workbook(Lang::En);
    let sheet = part(&bytes, "xl/worksheets/sheet1.xml");
    let pane = elements(&sheet, "pane");
    assert_eq!(pane.len(), 1, "{sheet}");
    assert_eq!(attribute(pane[0], "ySplit"), Some("1"));
    assert_eq!(attribute(pane[0], "topLeftCell"), Some("A2"));
    assert_eq!(attribute(pane[0], "state"), Some("frozen"));
    let styles = part(&bytes, "xl/styles.xml");
    let fonts = styles.split("<fonts").nth(1).and_then(|s| s.split("</fonts>").next()).expect("fonts");
    let bold_fonts: Vec<usize> =
        fonts.split("<font>").skip(1).enumerate().filter(|(_, f)| f.contains("<b/>")).map(|(i, _)| i).collect();
    let cell_xfs = styles.split("<cellXfs").nth(1).and_then(|s| s.split("</cellXfs>").next()).expect("cellXfs");
    let xfs = elements(cell_xfs, "xf");
    let a1 = elements(&sheet, "c").into_iter().find(|c| attribute(c, "r") == Some("A1")).expect("A1");
    let style: usize = attribute(a1, "s").and_then(|s| s.parse().ok()).expect("A1 has a style");
    let font: usize = attribute(xfs[style], "fontId").and_then(|s| s.parse().ok()).expect("a font");
    assert!(bold_fonts.contains(&font), "A1's font {font} is not bold ({bold_fonts:?})");
    assert_eq!(attribute(xfs[style], "numFmtId"), Some("49"), "the header is text too");
}

#[test]
fn country_and_language_get_drop_down_lists_of_exactly_the_codes_the_rules_accept() {
    let bytes = workbook(Lang::Fr);
    let sheet = part(&bytes, "xl/worksheets/sheet1.xml");
    let validations: Vec<&str> = sheet.split("<dataValidation ").skip(1).collect();
    assert_eq!(validations.len(), 2, "{sheet}");
    let find = |range: &str| {
        validations
            .iter()
            .find(|v| v.contains(&format!(" sqref=\"{range}\"")))
            .unwrap_or_else(|| panic!("no validation on {range}"))
            .to_string()
    };
    let country = find("E2:E1048576");
    let language = find("F2:F1048576");
    for (validation, formula) in [
        (&country, format!("<formula1>{LISTS_SHEET}!$A$1:$A${}</formula1>", COUNTRIES.len())),
        (&language, format!("<formula1>{LISTS_SHEET}!$B$1:$B${}</formula1>", LANGUAGES.len())),
    ] {
        assert!(validation.starts_with("type=\"list\""), "{validation}");
        assert!(validation.contains(&formula), "{validation}");
        assert!(validation.contains("allowBlank=\"1\""), "{validation}");
    }
    assert!(country.contains("Choisissez un code pays"), "the message is in the admin's language: {country}");

    // The lists themselves, on a hidden sheet, straight from the rules' tables.
    let mut book = open(&bytes);
    let hidden: Vec<String> =
        book.sheets_metadata().iter().filter(|s| s.visible == SheetVisible::Hidden).map(|s| s.name.clone()).collect();
    assert_eq!(hidden, vec![LISTS_SHEET.to_owned()]);
    let lists = book.worksheet_range(LISTS_SHEET).expect("the lists sheet");
    let column = |col: usize| -> Vec<String> {
        lists.rows().map(|r| r.get(col).map(|c| c.to_string()).unwrap_or_default()).filter(|v| !v.is_empty()).collect()
    };
    assert_eq!(column(0), COUNTRIES);
    assert_eq!(column(1), LANGUAGES);
}

#[test]
fn the_rules_sheet_gives_each_column_in_the_admins_language() {
    for (lang, sheet, required, save_as) in [
        (Lang::En, "Rules", "yes", "CSV UTF-8 (Comma delimited)"),
        (Lang::Fr, "Règles", "oui", "CSV UTF-8 (délimité par des virgules)"),
        (Lang::De, "Regeln", "ja", "CSV UTF-8 (durch Trennzeichen getrennt)"),
    ] {
        let mut book = open(&workbook(lang));
        assert_eq!(book.sheet_names()[1], sheet);
        let rules = book.worksheet_range(sheet).expect("the rules sheet");
        let rows: Vec<Vec<String>> = rules.rows().map(|r| r.iter().map(|c| c.to_string()).collect()).collect();
        let all = rows.concat().join("\n");
        assert!(all.contains(save_as), "{lang:?}: {all}");
        for column in Column::ALL {
            let line = rows
                .iter()
                .find(|r| r.first().map(String::as_str) == Some(column.as_str()) && r.len() >= 4 && !r[2].is_empty())
                .unwrap_or_else(|| panic!("{lang:?}: no line for {}", column.as_str()));
            assert_eq!(line[1] == required, column.is_required(), "{lang:?} {line:?}");
            assert!(!line[3].is_empty(), "{lang:?}: no examples for {}", column.as_str());
        }
        // The sample row keeps its leading zero: it is a string, not the number 123.
        assert!(rules.rows().any(|r| r.get(3) == Some(&Data::String("00123".to_owned()))), "{lang:?}");
    }
}

#[test]
fn a_dropped_template_is_not_csv_and_says_to_save_it_as_csv_utf8() {
    let bytes = workbook(Lang::En);
    for name in ["users-template.xlsx", "users-template.csv"] {
        let report = check_bytes(name, &bytes, &Existing::default());
        let problem = report.file_error.expect("rejected");
        assert_eq!(problem.code(), Code::FileNotCsv, "{name}");
        for lang in Lang::ALL {
            assert!(problem.message(lang).contains("CSV UTF-8"), "{lang:?}: {}", problem.message(lang));
        }
    }
}

#[tokio::test]
async fn the_template_route_answers_an_admin_with_the_workbook_in_their_language() {
    for app in spawn_all().await {
        let url = format!("{}/import/template.xlsx", app.address);
        // Like the CSV template: a visitor is sent to sign in.
        let visitor = app.client.get(&url).send().await.unwrap();
        assert!(visitor.status().is_redirection(), "{}", visitor.status());
        assert!(visitor.headers()[header::LOCATION].to_str().unwrap().starts_with("/sign-in"));

        let cookie = app.admin_cookie().await;
        let response = app.client.get(&url).header(header::COOKIE, format!("{cookie}; lang=de")).send().await.unwrap();
        assert_eq!(response.status(), StatusCode::OK);
        assert_eq!(response.headers()[header::CONTENT_TYPE], XLSX_CONTENT_TYPE);
        let disposition = response.headers()[header::CONTENT_DISPOSITION].to_str().unwrap().to_owned();
        assert_eq!(disposition, "attachment; filename=\"users-template.xlsx\"");
        let bytes = response.bytes().await.unwrap();
        assert_eq!(open(&bytes).sheet_names(), vec!["Benutzer", "Regeln", LISTS_SHEET]);
    }
}
