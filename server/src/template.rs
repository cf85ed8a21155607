//! The Excel template served at `/import/template.xlsx`, beside the CSV one: a workbook that keeps what Excel
//! would otherwise change (every cell of the six columns is text, so `00123` and long numbers survive), offers
//! the accepted country and language codes as drop-down lists, and carries the rules on a second sheet in the
//! admin's language. Generated on the server with rust_xlsxwriter, which never reaches the wasm bundle.
//!
//! The import itself still takes CSV only (the specification): the template says how to save it as "CSV UTF-8",
//! and a workbook dropped on the panel is `file.not_csv` with that same instruction.

mod texts;

use rules::{Column, Lang, COUNTRIES, LANGUAGES, MAX_ROWS};
use rust_xlsxwriter::{DataValidation, Format, FormatBorder, Formula, Workbook, Worksheet, XlsxError};

pub use texts::{template_texts, TemplateTexts};

/// The content type of an `.xlsx` file.
pub const XLSX_CONTENT_TYPE: &str = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

/// The hidden sheet holding the drop-down lists' codes: one column each, too long for an inline list (Excel
/// caps those at 255 characters). Its name is not translated: the validations' formulas refer to it.
pub const LISTS_SHEET: &str = "Lists";

/// The last row a drop-down list covers: the whole column below the header (Excel has 1,048,576 rows), so a
/// row pasted past the 250th still gets its list. The import refuses more than `MAX_ROWS` anyway.
const LAST_ROW: u32 = 1_048_575;

/// What a filled-in row looks like, on the rules sheet (not on the users sheet: a sample left there would be
/// imported as a learner). The identifier shows a leading zero surviving.
const SAMPLE: [&str; Column::ALL.len()] =
    ["Élodie", "Lefèvre", "elodie.lefevre@example.fr", "00123", "FR", "fr", "3B|Chorale", "active"];

/// Each column's examples, in [`Column::ALL`] order (the same in every language).
const EXAMPLES: [&str; Column::ALL.len()] = [
    "Élodie; Jean-Pierre; O’Brien; 李",
    "Lefèvre; van der Berg; Núñez",
    "elodie.lefevre@example.fr",
    "00123; HR-4567; e.lefevre_2",
    "FR; GB; US; DE",
    "fr; en; de; it",
    "3B; 3B|Chorale; Promotion 2027",
    "active; suspended",
];

/// The users sheet's column widths, in characters, in [`Column::ALL`] order.
const WIDTHS: [f64; Column::ALL.len()] = [18.0, 18.0, 32.0, 16.0, 10.0, 10.0, 20.0, 12.0];

/// The template in `lang`, as the bytes of an `.xlsx` file.
pub fn template_xlsx(lang: Lang) -> Result<Vec<u8>, XlsxError> {
    let t = template_texts(lang);
    let mut workbook = Workbook::new();
    users_sheet(workbook.add_worksheet(), t)?;
    rules_sheet(workbook.add_worksheet(), t)?;
    lists_sheet(workbook.add_worksheet())?;
    workbook.save_to_buffer()
}

/// Text format `@`, as Excel's own built-in number format 49 (a custom `@` works too, but 49 is what Excel
/// writes and what other readers know): what is typed stays as typed.
fn text() -> Format {
    Format::new().set_num_format_index(49)
}

fn bold() -> Format {
    text().set_bold()
}

/// Sheet 1, the one saved as CSV: the header in bold and frozen, every cell of the six columns formatted as
/// text, and the drop-down lists on country and language.
fn users_sheet(sheet: &mut Worksheet, t: &TemplateTexts) -> Result<(), XlsxError> {
    sheet.set_name(t.users_sheet)?;
    let text = text();
    let header = bold().set_border_bottom(FormatBorder::Thin);
    for (column, width) in Column::ALL.into_iter().zip(WIDTHS) {
        let col = column.index() as u16;
        // The column's format covers the rows a spreadsheet adds; the blank text cells make the first
        // `MAX_ROWS` rows text in readers that ignore column formats.
        sheet.set_column_format(col, &text)?;
        sheet.set_column_width(col, width)?;
        sheet.write_string_with_format(0, col, column.as_str(), &header)?;
        for row in 1..=MAX_ROWS as u32 {
            sheet.write_blank(row, col, &text)?;
        }
    }
    sheet.set_freeze_panes(1, 0)?;
    let country =
        list(COUNTRIES.len(), 'A').set_error_title(t.country_error_title)?.set_error_message(t.country_error)?;
    let language =
        list(LANGUAGES.len(), 'B').set_error_title(t.language_error_title)?.set_error_message(t.language_error)?;
    let col = |c: Column| c.index() as u16;
    sheet.add_data_validation(1, col(Column::Country), LAST_ROW, col(Column::Country), &country)?;
    sheet.add_data_validation(1, col(Column::Language), LAST_ROW, col(Column::Language), &language)?;
    Ok(())
}

/// A drop-down list of the `len` codes in column `column` of the lists sheet. An empty cell passes (country is
/// optional; a missing language is the rules' `language.missing`, with its own message).
fn list(len: usize, column: char) -> DataValidation {
    let range = format!("{LISTS_SHEET}!${column}$1:${column}${len}");
    DataValidation::new().allow_list_formula(Formula::new(range)).ignore_blank(true)
}

/// Sheet 2: how to save as CSV UTF-8, one line per column (required or not, its rule, examples), and a sample row.
fn rules_sheet(sheet: &mut Worksheet, t: &TemplateTexts) -> Result<(), XlsxError> {
    sheet.set_name(t.rules_sheet)?;
    let text = text();
    let bold = bold();
    let wrapped = text.clone().set_text_wrap();
    sheet.set_column_width(0, 14)?;
    sheet.set_column_width(1, 12)?;
    sheet.set_column_width(2, 72)?;
    sheet.set_column_width(3, 34)?;
    sheet.write_string_with_format(0, 0, t.title, &bold.clone().set_font_size(14))?;
    sheet.write_string_with_format(1, 0, t.save_as_csv, &bold)?;
    sheet.write_string_with_format(2, 0, t.text_cells, &text)?;
    sheet.write_string_with_format(3, 0, t.lists, &text)?;
    const TABLE: u32 = 5;
    for (col, heading) in [t.column, t.required, t.format, t.examples].into_iter().enumerate() {
        sheet.write_string_with_format(TABLE, col as u16, heading, &bold)?;
    }
    let rules = [t.firstname, t.lastname, t.email, t.identifier, t.country, t.language, t.groups, t.status];
    for (column, (rule, examples)) in Column::ALL.into_iter().zip(rules.into_iter().zip(EXAMPLES)) {
        let row = TABLE + 1 + column.index() as u32;
        let required = if column.is_required() { t.yes } else { t.no };
        sheet.write_string_with_format(row, 0, column.as_str(), &bold)?;
        sheet.write_string_with_format(row, 1, required, &text)?;
        sheet.write_string_with_format(row, 2, rule, &wrapped)?;
        sheet.write_string_with_format(row, 3, examples, &wrapped)?;
    }
    let sample = TABLE + 1 + Column::ALL.len() as u32 + 1;
    sheet.write_string_with_format(sample, 0, t.sample_row, &bold)?;
    for column in Column::ALL {
        let col = column.index() as u16;
        sheet.write_string_with_format(sample + 1, col, column.as_str(), &bold)?;
        sheet.write_string_with_format(sample + 2, col, SAMPLE[column.index()], &text)?;
    }
    Ok(())
}

/// The hidden sheet of codes the drop-down lists read: countries in A, languages in B, straight from the rules'
/// tables, so the lists accept exactly what the import accepts.
fn lists_sheet(sheet: &mut Worksheet) -> Result<(), XlsxError> {
    sheet.set_name(LISTS_SHEET)?;
    let text = text();
    sheet.write_column_with_format(0, 0, COUNTRIES.iter().copied(), &text)?;
    sheet.write_column_with_format(0, 1, LANGUAGES.iter().copied(), &text)?;
    sheet.set_hidden(true);
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_language_builds_a_workbook() {
        for lang in Lang::ALL {
            let bytes = template_xlsx(lang).unwrap_or_else(|e| panic!("{lang:?}: {e}"));
            assert!(bytes.starts_with(b"PK\x03\x04"), "{lang:?}: not a zip");
        }
    }

    #[test]
    fn the_sample_row_is_valid_for_the_rules() {
        let csv = rules::write_csv(&Column::ALL.map(Column::as_str), [SAMPLE]);
        let report = rules::check_bytes("sample.csv", csv.as_bytes(), &rules::Existing::default());
        assert_eq!(report.summary().valid, 1, "{report:?}");
        assert!(report.rows[0].warnings.is_empty());
    }
}
