//! Files as spreadsheets and scripts write them: encodings, delimiters, line endings, quoting, headers and their
//! matching, and every code a file or a row can get.

use rules::{check_bytes, Code, Column, Existing, Lang, Learner, UserValues};

use crate::helpers::*;

#[test]
fn excel_in_french_with_bom_semicolons_and_crlf_is_read_with_its_accents() {
    let mut bytes = vec![0xEF, 0xBB, 0xBF];
    bytes.extend_from_slice(
        "Prénom;Nom;Courriel;Identifiant;Pays;Langue\r\nÉlodie;Lefèvre;elodie@example.fr;E-001;FR;fr\r\n\r\n"
            .as_bytes(),
    );
    let report = check(&bytes);
    assert_eq!(file_code(&report), None, "{report:?}");
    assert!(report.warnings.is_empty(), "{:?}", report.warnings);
    assert_eq!(report.rows.len(), 1);
    let row = &report.rows[0];
    assert_eq!(row.row, 2);
    assert_eq!(row.value(Column::FirstName), "Élodie");
    assert_eq!(row.value(Column::LastName), "Lefèvre");
    assert_eq!(row.value(Column::Identifier), "E-001");
    assert!(row.errors.is_empty(), "{:?}", row.errors);
}

#[test]
fn google_sheets_export_with_quotes_and_no_final_newline() {
    let text = "First name,Last name,Email address,Country,Language\n\"O'Brien, Jr.\",Smith,jo@example.com,IE,en\nMaría,\"García \"\"la\"\" Grande\",maria@example.es,ES,es";
    let report = check(text.as_bytes());
    assert_eq!(file_code(&report), None, "{report:?}");
    assert_eq!(report.rows.len(), 2);
    assert_eq!(report.rows[0].value(Column::FirstName), "O'Brien, Jr.");
    // The quote character is not allowed in names: the value arrives intact and is flagged, not mangled.
    assert_eq!(report.rows[1].value(Column::LastName), "García \"la\" Grande");
    assert_eq!(row_codes(&report, 3), vec![Code::LastnameInvalid]);
    assert_eq!(report.rows[0].value(Column::Identifier), "", "the absent optional column is empty");
}

#[test]
fn numbers_export_with_cr_only_line_endings() {
    let text = format!("{HEADER}\rZoë,Smith,zoe@example.com,,GB,en\rTom,Hill,tom@example.com,,US,en\r");
    let report = check(text.as_bytes());
    assert_eq!(file_code(&report), None, "{report:?}");
    assert_eq!(report.rows.iter().map(|r| r.row).collect::<Vec<_>>(), vec![2, 3]);
    assert!(report.rows.iter().all(|r| r.errors.is_empty()), "{report:?}");
}

#[test]
fn windows_1252_is_converted_and_the_admin_is_warned() {
    // "Hélène;Müller" in Windows-1252: é = E9, è = E8, ü = FC.
    let mut bytes = b"firstname;lastname;email;language\r\nH\xE9l\xE8ne;M\xFCller;helene@example.de;de\r\n".to_vec();
    bytes.extend_from_slice(b"Fran\xE7ois;Dupr\xE9;francois@example.fr;fr\r\n");
    let report = check(&bytes);
    assert_eq!(file_code(&report), None, "{report:?}");
    assert_eq!(report.warnings.iter().map(|w| w.code()).collect::<Vec<_>>(), vec![Code::FileConvertedEncoding]);
    assert_eq!(report.rows[0].value(Column::FirstName), "Hélène");
    assert_eq!(report.rows[0].value(Column::LastName), "Müller");
    assert_eq!(report.rows[1].value(Column::FirstName), "François");
}

#[test]
fn utf16_tab_separated_unicode_text_is_converted() {
    let text = "firstname\tlastname\temail\tlanguage\r\nЮлия\tПетрова\tyulia@example.com\tru\r\n李\t小龍\tli@example.cn\tzh\r\n";
    for big_endian in [false, true] {
        let mut bytes = if big_endian { vec![0xFE, 0xFF] } else { vec![0xFF, 0xFE] };
        for unit in text.encode_utf16() {
            bytes.extend_from_slice(&if big_endian { unit.to_be_bytes() } else { unit.to_le_bytes() });
        }
        let report = check(&bytes);
        assert_eq!(file_code(&report), None, "{report:?}");
        assert!(report.warnings.is_empty());
        assert_eq!(report.rows[0].value(Column::FirstName), "Юлия");
        assert_eq!(report.rows[1].value(Column::LastName), "小龍");
        assert!(report.rows.iter().all(|r| r.errors.is_empty()), "{report:?}");
    }
}

#[test]
fn quoted_line_breaks_stay_in_the_cell_and_row_numbers_follow_the_spreadsheet() {
    let text = format!("{HEADER}\n\"Anne\nMarie\",Roux,anne@example.fr,,FR,fr\nLuc,Roux,not-an-email,,FR,fr\n");
    let report = check(text.as_bytes());
    assert_eq!(file_code(&report), None, "{report:?}");
    assert_eq!(report.rows[0].value(Column::FirstName), "Anne\nMarie");
    assert_eq!(row_codes(&report, 2), vec![Code::FirstnameInvalid], "a line break is not allowed in a name");
    assert_eq!(row_codes(&report, 3), vec![Code::EmailInvalid], "the second record is spreadsheet row 3");
}

#[test]
fn columns_in_any_order_with_aliases_and_unknown_columns_warned() {
    let text = "Langue, E-mail ,Notes,FIRST_NAME,last-name,Department\nfr,a@example.fr,vip,Ana,Roux,Sales\n";
    let report = check(text.as_bytes());
    assert_eq!(file_code(&report), None, "{report:?}");
    let warning = &report.warnings[0];
    assert_eq!(warning.code(), Code::FileUnknownColumns);
    assert_eq!(warning.names, vec!["Notes".to_owned(), "Department".to_owned()]);
    assert!(warning.message(Lang::En).contains("Notes"));
    assert_eq!(report.rows[0].value(Column::Email), "a@example.fr");
    assert_eq!(report.rows[0].value(Column::Language), "fr");
}

#[test]
fn an_error_reports_errors_column_is_ignored_without_a_warning() {
    // The error report: the six columns in template order, then the reasons, in the admin's language.
    for errors in ["errors", "erreurs", "Fehler"] {
        let text = format!("{HEADER},{errors}\nAna,Roux,a@example.fr,,FR,fr,\"email.invalid: not an address\"\n");
        let report = check(text.as_bytes());
        assert_eq!(file_code(&report), None, "{report:?}");
        assert!(report.warnings.is_empty(), "{errors}: {:?}", report.warnings);
        assert_eq!(report.rows[0].value(Column::Email), "a@example.fr");
        assert!(report.rows[0].errors.is_empty());
    }
}

#[test]
fn trailing_and_inner_blank_lines_do_not_count() {
    let text = format!("{HEADER}\nAna,Roux,a@example.fr,,,fr\n,,,,,\n\nLuc,Roux,l@example.fr,,,fr\n\n\n");
    let report = check(text.as_bytes());
    assert_eq!(report.rows.iter().map(|r| r.row).collect::<Vec<_>>(), vec![2, 5]);
}

#[test]
fn missing_columns_are_named() {
    let report = check(b"firstname,email\nAna,a@example.fr\n");
    let problem = report.file_error.expect("rejected");
    assert_eq!(problem.code(), Code::FileMissingColumns);
    assert_eq!(problem.names, vec!["lastname".to_owned(), "language".to_owned()]);
    assert!(problem.message(Lang::En).contains("lastname"));
    assert!(problem.message(Lang::Fr).contains("language"));
}

#[test]
fn a_column_named_twice_is_refused_even_through_an_alias() {
    let report = check(b"firstname,lastname,email,e-mail,language\nAna,Roux,a@example.fr,a@example.fr,fr\n");
    let problem = report.file_error.expect("rejected");
    assert_eq!(problem.code(), Code::FileDuplicateColumns);
    assert_eq!(problem.names, vec!["email".to_owned()]);
}

#[test]
fn no_header_or_no_data_rows_is_empty() {
    for bytes in
        [&b""[..], b"\n\n", b"\xEF\xBB\xBF", HEADER.as_bytes(), b"firstname,lastname,email,language\r\n,,,\r\n"]
    {
        assert_eq!(file_code(&check(bytes)), Some(Code::FileEmpty), "{bytes:?}");
    }
}

#[test]
fn an_unclosed_quote_is_unreadable_and_says_where() {
    let text = format!(
        "{HEADER}\nAna,Roux,a@example.fr,,FR,fr\nLuc,\"Roux,l@example.fr,,FR,fr\nMia,Roux,m@example.fr,,FR,fr\n"
    );
    let problem = check(text.as_bytes()).file_error.expect("rejected");
    assert_eq!(problem.code(), Code::FileUnreadable);
    assert_eq!(problem.row, Some(3));
    assert!(problem.message(Lang::En).contains('3'), "{}", problem.message(Lang::En));
}

#[test]
fn every_row_code_is_reported_with_its_column() {
    let long = "a".repeat(65);
    let text = format!(
        "{HEADER}\n\
         ,,,,,\u{20}\n\
         {long},{long},a@b,{long},fr,EN\n\
         Ann3,R0ux,Name <a@example.fr>,id/1,UK,eng\n\
         Ana,Roux,ana@example.fr,A1,FR,fr\n\
         Ana,Roux,ANA@example.fr,A1,FR,fr\n\
         Ana,Roux,taken@example.fr,TAKEN,FR,ja\n"
    );
    let existing = Existing::new([
        Learner { id: 1, values: UserValues::from(["Tom", "Roux", "taken@example.fr", "", "", "fr"]), version: 1 },
        Learner { id: 2, values: UserValues::from(["Tim", "Roux", "tim@example.fr", "TAKEN", "", "fr"]), version: 1 },
    ]);
    let report = check_bytes("x.csv", text.as_bytes(), &existing);
    // Row 2 is all blank: it is skipped, not reported.
    assert!(report.rows.iter().all(|r| r.row != 2));
    use Code::*;
    let expect: [(u32, &[(Column, Code)]); 5] = [
        (
            3,
            &[
                (Column::FirstName, FirstnameTooLong),
                (Column::LastName, LastnameTooLong),
                (Column::Email, EmailInvalid),
                (Column::Identifier, IdentifierTooLong),
                (Column::Country, CountryInvalid),
                (Column::Language, LanguageInvalid),
            ],
        ),
        (
            4,
            &[
                (Column::FirstName, FirstnameInvalid),
                (Column::LastName, LastnameInvalid),
                (Column::Email, EmailInvalid),
                (Column::Identifier, IdentifierInvalid),
                (Column::Country, CountryInvalid),
                (Column::Language, LanguageInvalid),
            ],
        ),
        (5, &[]),
        (6, &[(Column::Email, EmailDuplicate), (Column::Identifier, IdentifierDuplicate)]),
        (7, &[(Column::Email, EmailExists), (Column::Identifier, IdentifierExists)]),
    ];
    for (row, problems) in expect {
        let r = report.rows.iter().find(|r| r.row == row).expect("row");
        let got: Vec<(Column, Code)> = r.errors.iter().map(|p| (p.column.expect("a column"), p.code())).collect();
        assert_eq!(got, problems.to_vec(), "row {row}");
    }
    let row6 = report.rows.iter().find(|r| r.row == 6).expect("row 6");
    assert!(row6.errors.iter().all(|p| p.row == Some(5)), "duplicates name the first row: {:?}", row6.errors);
    assert!(row6.errors[0].message(Lang::En).contains('5'));
    let row3 = report.rows.iter().find(|r| r.row == 3).expect("row 3");
    let suggestions: Vec<Option<&str>> = row3.errors.iter().map(|p| p.suggestion()).collect();
    assert_eq!(suggestions[4], Some("FR"));
    assert_eq!(suggestions[5], Some("en"));
    let row4 = report.rows.iter().find(|r| r.row == 4).expect("row 4");
    assert_eq!(row4.errors[4].suggestion(), Some("GB"));
    assert_eq!(row4.errors[5].suggestion(), Some("en"));
    // Japanese is a valid language without an invitation translation: a warning, not an error.
    let row7 = report.rows.iter().find(|r| r.row == 7).expect("row 7");
    assert_eq!(row7.warnings.iter().map(|w| w.code()).collect::<Vec<_>>(), vec![LanguageEnglishInvitation]);
}

#[test]
fn missing_required_cells_are_reported_per_column() {
    let text = format!("{HEADER}\n,,,ID-1,FR,\n");
    let report = check(text.as_bytes());
    assert_eq!(
        row_codes(&report, 2),
        vec![Code::FirstnameMissing, Code::LastnameMissing, Code::EmailMissing, Code::LanguageMissing]
    );
}

#[test]
fn the_exit_status_follows_the_specification() {
    assert_eq!(check(rows(2).as_bytes()).exit_status(), 0);
    assert_eq!(check(format!("{HEADER}\nAna,Roux,bad,,,fr\n").as_bytes()).exit_status(), 1);
    assert_eq!(check(b"").exit_status(), 2);
}

#[test]
fn the_json_report_has_the_specification_shape() {
    let report = check(format!("{HEADER}\nAna,Roux,bad,,,fr\n").as_bytes());
    let json: serde_json::Value = serde_json::from_str(&report.to_json(Lang::En)).expect("json");
    assert_eq!(json["file_error"], serde_json::Value::Null);
    assert_eq!(json["rows"][0]["row"], 2);
    assert_eq!(json["rows"][0]["values"]["email"], "bad");
    assert_eq!(json["rows"][0]["errors"][0]["column"], "email");
    assert_eq!(json["rows"][0]["errors"][0]["code"], "email.invalid");
    assert!(json["rows"][0]["errors"][0]["message"].as_str().is_some_and(|m| !m.is_empty()));
    assert_eq!(json["summary"], serde_json::json!({"total": 1, "valid": 0, "invalid": 1}));
    let rejected: serde_json::Value = serde_json::from_str(&check(b"").to_json(Lang::Fr)).expect("json");
    assert_eq!(rejected["file_error"]["code"], "file.empty");
}

#[test]
fn a_file_with_headers_the_aliases_do_not_know_is_read_with_the_admins_matching() {
    use rules::{ColumnMatching, SheetReader};
    let text = "Prénom,Nom,Adresse électronique,Langue préférée,Pays,Notes\nAna,Roux,ana@example.fr,fr,FR,vip\n";
    let report = check(text.as_bytes());
    let problem = report.file_error.expect("rejected without a matching");
    assert_eq!(problem.code(), Code::FileMissingColumns);
    assert_eq!(problem.names, vec!["language".to_owned()]);

    let mut file = SheetReader::new("learners.csv").expect("a csv name");
    file.push(text.as_bytes()).expect("read");
    let preview = file.preview().expect("a header");
    assert_eq!(preview.headers[3], "Langue préférée");
    assert_eq!(preview.samples[2], vec!["ana@example.fr".to_owned()]);
    assert_eq!(preview.suggestions[3], Some(Column::Language));
    assert_eq!(preview.suggestions[5], None);
    // The suggestions as they are: Notes ignored on purpose, so no unknown-columns warning.
    let matching = ColumnMatching::new(&preview.headers, &preview.suggestions);
    let (sheet, warnings) = file.finish_with(&Existing::default(), Some(&matching)).expect("matched");
    assert!(warnings.is_empty(), "{warnings:?}");
    assert_eq!(sheet.rows()[0].value(Column::Language), "fr");
    assert_eq!(sheet.rows()[0].value(Column::Email), "ana@example.fr");
    // The language left unmatched: still rejected, as the specification says.
    let mut columns = preview.suggestions.clone();
    columns[3] = None;
    let unmatched = ColumnMatching::new(&preview.headers, &columns);
    let problem = file.finish_with(&Existing::default(), Some(&unmatched)).expect_err("rejected");
    assert_eq!(problem.code(), Code::FileMissingColumns);
    assert_eq!(problem.names, vec!["language".to_owned()]);
}

#[test]
fn a_partial_matching_keeps_the_other_headers_and_takes_their_column_when_it_names_it() {
    use rules::{check_reader_with, ColumnMatching};
    let text = "firstname,lastname,email,Mail pro,Idioma\nAna,Roux,old@example.fr,ana@example.fr,fr\n";
    let matching = ColumnMatching::parse("email=Mail pro,language=Idioma").expect("valid");
    let report = check_reader_with("a.csv", text.as_bytes(), &Existing::default(), Some(&matching));
    assert_eq!(file_code(&report), None, "{report:?}");
    assert_eq!(report.rows[0].value(Column::Email), "ana@example.fr");
    assert_eq!(report.rows[0].value(Column::FirstName), "Ana");
    // Without a matching, the result is what it always was.
    let plain = check_reader_with("a.csv", text.as_bytes(), &Existing::default(), None);
    assert_eq!(plain, check(text.as_bytes()));
    // Two cells matched to one column: refused like two headers naming it.
    let twice =
        ColumnMatching { cells: vec![("Mail pro".into(), Some(Column::Email)), ("email".into(), Some(Column::Email))] };
    let report = check_reader_with("a.csv", text.as_bytes(), &Existing::default(), Some(&twice));
    assert_eq!(file_code(&report), Some(Code::FileDuplicateColumns));
}
