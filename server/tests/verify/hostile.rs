//! Hostile input through every real path: the rules, `server check`, the confirm server function and (in the
//! browser tests) the panel. Each case has its expected codes; none may crash anything. Files are built here
//! (formulas, control and invisible characters, bidi overrides, NFD at the length limit, HTML, display names, IP
//! literals, header injection, homoglyph domains, wrong countries and languages, huge lines, unclosed quotes,
//! 10,000 columns, ragged rows, real zip/xlsx/PDF bytes renamed `.csv`), plus the Big List of Naughty Strings
//! (the `naughty-strings` crate) as names, identifiers and emails.

use std::collections::BTreeSet;
use std::process::Command;

use domain::{ConfirmRequest, SubmittedRow};
use rules::{Column, Existing};

use crate::support::full;

const HEADER: &str = "firstname,lastname,email,identifier,country,language";

/// What a case must give.
#[derive(Clone, Debug, PartialEq, Eq)]
enum Expect {
    /// The whole file refused with this code.
    File(&'static str),
    /// One data row, with exactly these error codes (none: valid).
    Row(Vec<&'static str>),
}

struct Case {
    name: String,
    bytes: Vec<u8>,
    expect: Expect,
    /// For the confirm (cases of one cell only): the column changed, its value, and the codes expected.
    value: Option<(Column, String, Vec<&'static str>)>,
}

fn valid_row() -> [String; 6] {
    ["Ana", "Roux", "ana@example.org", "A-1", "FR", "fr"].map(str::to_owned)
}

/// A file of one valid row whose `column` holds `value`, written as a quoted CSV field.
fn cell(name: &str, column: Column, value: &str, codes: &[&'static str]) -> Case {
    let mut values = valid_row();
    values[column.index()] = value.to_owned();
    let quoted: Vec<String> = values.iter().map(|v| format!("\"{}\"", v.replace('"', "\"\""))).collect();
    Case {
        name: name.to_owned(),
        bytes: format!("{HEADER}\n{}\n", quoted.join(",")).into_bytes(),
        expect: Expect::Row(codes.to_vec()),
        value: Some((column, value.to_owned(), codes.to_vec())),
    }
}

fn file(name: &str, bytes: Vec<u8>, code: &'static str) -> Case {
    Case { name: name.to_owned(), bytes, expect: Expect::File(code), value: None }
}

/// A real zip archive (what an xlsx is) with one stored entry, its central directory and end record.
fn zip(entry: &str, content: &[u8]) -> Vec<u8> {
    let crc = crc32(content);
    let mut out = Vec::new();
    let local = |out: &mut Vec<u8>| {
        out.extend_from_slice(b"PK\x03\x04\x14\x00\x00\x00\x00\x00\x00\x00\x00\x00");
        out.extend_from_slice(&crc.to_le_bytes());
        out.extend_from_slice(&(content.len() as u32).to_le_bytes());
        out.extend_from_slice(&(content.len() as u32).to_le_bytes());
        out.extend_from_slice(&(entry.len() as u16).to_le_bytes());
        out.extend_from_slice(&0u16.to_le_bytes());
        out.extend_from_slice(entry.as_bytes());
        out.extend_from_slice(content);
    };
    local(&mut out);
    let directory = out.len() as u32;
    out.extend_from_slice(b"PK\x01\x02\x14\x00\x14\x00\x00\x00\x00\x00\x00\x00\x00\x00");
    out.extend_from_slice(&crc.to_le_bytes());
    out.extend_from_slice(&(content.len() as u32).to_le_bytes());
    out.extend_from_slice(&(content.len() as u32).to_le_bytes());
    out.extend_from_slice(&(entry.len() as u16).to_le_bytes());
    out.extend_from_slice(&[0; 12]);
    out.extend_from_slice(&0u32.to_le_bytes());
    out.extend_from_slice(entry.as_bytes());
    let size = out.len() as u32 - directory;
    out.extend_from_slice(b"PK\x05\x06\x00\x00\x00\x00\x01\x00\x01\x00");
    out.extend_from_slice(&size.to_le_bytes());
    out.extend_from_slice(&directory.to_le_bytes());
    out.extend_from_slice(&0u16.to_le_bytes());
    out
}

fn crc32(bytes: &[u8]) -> u32 {
    let mut crc = !0u32;
    for byte in bytes {
        crc ^= u32::from(*byte);
        for _ in 0..8 {
            crc = if crc & 1 == 1 { (crc >> 1) ^ 0xEDB8_8320 } else { crc >> 1 };
        }
    }
    !crc
}

/// Pseudo-random bytes, as compressed streams look.
fn noise(len: usize, seed: u64) -> Vec<u8> {
    let mut state = seed;
    (0..len)
        .map(|_| {
            state = state.wrapping_mul(6364136223846793005).wrapping_add(1442695040888963407);
            (state >> 56) as u8
        })
        .collect()
}

/// A PDF as writers make them: a header, a binary comment, a compressed stream.
fn pdf(len: usize) -> Vec<u8> {
    let mut out = b"%PDF-1.7\n%\xE2\xE3\xCF\xD3\n1 0 obj\n<< /Length 0 /Filter /FlateDecode >>\nstream\n".to_vec();
    out.extend(noise(len, 7));
    out.extend_from_slice(b"\nendstream\nendobj\ntrailer\n<< /Root 1 0 R >>\n%%EOF\n");
    out
}

/// An xlsx: a zip whose entries are the workbook's XML parts (one here) and a compressed-looking payload.
fn xlsx(len: usize) -> Vec<u8> {
    let mut sheet =
        b"<?xml version=\"1.0\"?><worksheet><sheetData><row><c t=\"s\"><v>0</v></c></row></sheetData></worksheet>"
            .to_vec();
    sheet.extend(noise(len, 11));
    zip("xl/worksheets/sheet1.xml", &sheet)
}

fn cases() -> Vec<Case> {
    use Column::*;
    let nfd = |n: usize| "e\u{301}".repeat(n);
    let mut cases = vec![
        // Spreadsheet formulas.
        cell(
            "formula hyperlink in a name",
            FirstName,
            "=HYPERLINK(\"http://evil.example\",\"x\")",
            &["firstname.invalid"],
        ),
        cell("formula sum in a name", LastName, "+1+1", &["lastname.invalid"]),
        cell("formula at-sum in a name", FirstName, "@SUM(A1:A9)", &["firstname.invalid"]),
        cell("formula after a tab", FirstName, "\t=1+1", &["firstname.invalid"]),
        cell("formula after a carriage return", LastName, "\r=1+1", &["lastname.invalid"]),
        cell("formula as identifier", Identifier, "=1+1", &["identifier.invalid"]),
        cell("formula as email", Email, "=HYPERLINK(\"x\")@example.org", &["email.invalid"]),
        // Valid as an identifier; the app's own CSV files neutralise it (a leading `'`).
        cell("formula-like identifier", Identifier, "-23", &[]),
        // Control and invisible characters. In a file, a NUL byte makes it binary, not CSV; as a value sent to the
        // confirm, it is an invalid character.
        Case {
            expect: Expect::File("file.not_csv"),
            ..cell("NUL in a name", FirstName, "An\u{0}a", &["firstname.invalid"])
        },
        cell("escape sequence in a name", LastName, "Ro\u{1b}[31mux", &["lastname.invalid"]),
        cell("zero-width space in a name", FirstName, "An\u{200b}a", &["firstname.invalid"]),
        cell("zero-width joiner in an email", Email, "an\u{200d}a@example.org", &["email.invalid"]),
        cell("byte order mark in a name", LastName, "Ro\u{feff}ux", &["lastname.invalid"]),
        cell("bidi override in a name", FirstName, "\u{202e}anA", &["firstname.invalid"]),
        cell("bidi override in an email", Email, "ana@exa\u{202e}mple.org", &["email.invalid"]),
        cell("bidi isolate in an identifier", Identifier, "A\u{2066}1", &["identifier.invalid"]),
        // NFC, and lengths counted after it.
        cell("64 decomposed letters", FirstName, &nfd(64), &[]),
        cell("65 decomposed letters", FirstName, &nfd(65), &["firstname.too_long"]),
        cell("no-break space inside a name", FirstName, "Anne\u{a0}Marie", &[]),
        cell("narrow no-break space inside a name", LastName, "de\u{202f}la Tour", &[]),
        cell("only a period", FirstName, ".", &["firstname.invalid"]),
        cell("only hyphens", LastName, "--", &["lastname.invalid"]),
        cell("circled letter", FirstName, "\u{24b6}na", &["firstname.invalid"]),
        cell("roman numeral", LastName, "Louis \u{216b}", &["lastname.invalid"]),
        cell("squared letter", FirstName, "\u{1f170}na", &["firstname.invalid"]),
        cell("emoji", LastName, "Roux \u{1f600}", &["lastname.invalid"]),
        cell("vulgar fraction identifier", Identifier, "A\u{bd}", &["identifier.invalid"]),
        cell("superscript identifier", Identifier, "A\u{b2}", &["identifier.invalid"]),
        cell("circled digit identifier", Identifier, "\u{2460}", &["identifier.invalid"]),
        cell("65-character identifier", Identifier, &"A".repeat(65), &["identifier.too_long"]),
        // HTML in every column.
        cell("html firstname", FirstName, "<script>alert(1)</script>", &["firstname.invalid"]),
        cell("html lastname", LastName, "<img src=x onerror=alert(1)>", &["lastname.invalid"]),
        cell("html email", Email, "<b>ana</b>@example.org", &["email.invalid"]),
        cell("html identifier", Identifier, "<i>1</i>", &["identifier.invalid"]),
        cell("html country", Country, "<FR>", &["country.invalid"]),
        cell("html language", Language, "<fr>", &["language.invalid"]),
        // Emails.
        cell("display name", Email, "Ana Roux <ana@example.org>", &["email.invalid"]),
        cell("ip literal", Email, "ana@[127.0.0.1]", &["email.invalid"]),
        cell("ipv6 literal", Email, "ana@[IPv6:::1]", &["email.invalid"]),
        cell("header injection", Email, "ana@example.org\r\nBcc: x@evil.example", &["email.invalid"]),
        cell("header injection with LF", Email, "ana@example.org\nBcc: x@evil.example", &["email.invalid"]),
        cell("two at signs", Email, "ana@roux@example.org", &["email.invalid"]),
        cell("no dot in the domain", Email, "ana@localhost", &["email.invalid"]),
        cell("65-character local part", Email, &format!("{}@example.org", "a".repeat(65)), &["email.invalid"]),
        cell("255-character email", Email, &format!("ana@{}.org", "a".repeat(247)), &["email.invalid"]),
        // An internationalised domain is accepted, even one that imitates another (the spec accepts IDN).
        cell("homoglyph domain", Email, "ana@ex\u{430}mple.org", &[]),
        cell("internationalised domain", Email, "ana@\u{e9}cole.fr", &[]),
        // Countries and languages in every wrong form.
        cell("lower-case country", Country, "fr", &["country.invalid"]),
        cell("alpha-3 country", Country, "FRA", &["country.invalid"]),
        cell("country name", Country, "France", &["country.invalid"]),
        cell("UK for GB", Country, "UK", &["country.invalid"]),
        cell("unassigned country", Country, "XX", &["country.invalid"]),
        cell("dotless i in a country", Country, "\u{131}T", &["country.invalid"]),
        cell("upper-case language", Language, "EN", &["language.invalid"]),
        cell("alpha-3 language", Language, "eng", &["language.invalid"]),
        cell("regional language", Language, "en-GB", &["language.invalid"]),
        cell("language name", Language, "English", &["language.invalid"]),
        cell("missing language", Language, "", &["language.missing"]),
        // Whole files.
        file("unclosed quote", format!("{HEADER}\nAna,\"Roux,ana@example.org,,,fr\n").into_bytes(), "file.unreadable"),
        file("no data rows", format!("{HEADER}\n").into_bytes(), "file.empty"),
        file("empty", Vec::new(), "file.empty"),
        file("missing columns", b"firstname,email\nAna,ana@example.org\n".to_vec(), "file.missing_columns"),
        file("duplicate columns", format!("{HEADER},e-mail\n").into_bytes(), "file.duplicate_columns"),
        file(
            "too many rows",
            {
                let rows: String = (0..260).map(|i| format!("Ana,Roux,a{i}@example.org,,,fr\n")).collect();
                format!("{HEADER}\n{rows}").into_bytes()
            },
            "file.too_many_rows",
        ),
        file("small zip", zip("a.txt", b"hello"), "file.not_csv"),
        file("small xlsx", xlsx(2_000), "file.not_csv"),
        file("xlsx over 1 MB", xlsx(1_200_000), "file.not_csv"),
        file("small pdf", pdf(2_000), "file.not_csv"),
        file("pdf over 1 MB", pdf(1_200_000), "file.not_csv"),
        file("a 40 KB binary", noise(40_000, 3), "file.not_csv"),
    ];
    // Ten thousand columns: the six known ones and 9,994 unknown ones (ignored with a warning).
    let many: Vec<String> = (0..9_994).map(|i| format!("extra{i}")).collect();
    cases.push(Case {
        name: "10,000 columns".into(),
        bytes: format!("{HEADER},{}\nAna,Roux,ana@example.org,,,fr\n", many.join(",")).into_bytes(),
        expect: Expect::Row(Vec::new()),
        value: None,
    });
    // A ragged row: fewer cells than the header (the missing ones are empty: the required ones are missing).
    cases.push(Case {
        name: "ragged row".into(),
        bytes: format!("{HEADER}\nAna,Roux\n").into_bytes(),
        expect: Expect::Row(vec!["email.missing", "language.missing"]),
        value: None,
    });
    // One line of 100 MB: refused at the size limit without being read whole.
    if full() {
        let mut line = HEADER.as_bytes().to_vec();
        line.extend(std::iter::repeat_n(b'a', 100 * 1024 * 1024));
        cases.push(file("a 100 MB single line", line, "file.too_large"));
    }
    cases
}

/// The codes a report gives, as an [`Expect`].
fn observed(report: &serde_json::Value) -> Expect {
    if let Some(code) = report["file_error"]["code"].as_str() {
        let code: &'static str = Box::leak(code.to_owned().into_boxed_str());
        return Expect::File(code);
    }
    let rows = report["rows"].as_array().cloned().unwrap_or_default();
    let codes: BTreeSet<&'static str> = rows
        .iter()
        .flat_map(|r| r["errors"].as_array().cloned().unwrap_or_default())
        .filter_map(|e| e["code"].as_str().map(|c| &*Box::leak(c.to_owned().into_boxed_str())))
        .collect();
    Expect::Row(codes.into_iter().collect())
}

fn sorted(expect: &Expect) -> Expect {
    match expect {
        Expect::Row(codes) => Expect::Row(codes.iter().copied().collect::<BTreeSet<_>>().into_iter().collect()),
        other => other.clone(),
    }
}

#[test]
fn hostile_files_get_their_codes_from_the_rules_and_from_server_check() {
    let cases = cases();
    assert!(cases.len() >= 60, "{} cases", cases.len());
    let dir = delivery::testing::temp_dir("hostile");
    let mut failures = Vec::new();
    for case in &cases {
        let report = rules::check_bytes("hostile.csv", &case.bytes, &Existing::default());
        let from_rules = observed(&serde_json::to_value(&report).unwrap());
        if from_rules != sorted(&case.expect) {
            failures.push(format!("rules, {}: expected {:?}, got {from_rules:?}", case.name, case.expect));
        }
        let path = dir.join("hostile.csv");
        std::fs::write(&path, &case.bytes).unwrap();
        // No DATABASE_URL and no default database file where it runs: the check reads no database.
        let output = Command::new(env!("CARGO_BIN_EXE_server"))
            .args(["check", "--json"])
            .arg(&path)
            .current_dir(&dir)
            .env_remove("DATABASE_URL")
            .env("RUST_LOG", "off")
            .output()
            .unwrap();
        let expected_status = match &case.expect {
            Expect::File(_) => 2,
            Expect::Row(codes) if codes.is_empty() => 0,
            Expect::Row(_) => 1,
        };
        match serde_json::from_slice::<serde_json::Value>(&output.stdout) {
            Ok(json) if output.status.code() == Some(expected_status) && observed(&json) == sorted(&case.expect) => {}
            Ok(json) => failures.push(format!(
                "server check, {}: exit {:?}, {:?}, expected {:?}",
                case.name,
                output.status.code(),
                observed(&json),
                case.expect
            )),
            Err(_) => failures.push(format!(
                "server check, {}: exit {:?}, no JSON: {}",
                case.name,
                output.status.code(),
                String::from_utf8_lossy(&output.stderr)
            )),
        }
    }
    assert!(failures.is_empty(), "{} of {} cases:\n{}", failures.len(), cases.len(), failures.join("\n"));
}

#[tokio::test]
async fn hostile_rows_get_their_codes_from_the_confirm_server_function() {
    let t = storage::testing::sqlite().await;
    service::auth::create_admin(&t.db, "hostile@example.com", "a hostile passphrase").await.unwrap();
    let server = crate::support::Server::start(&t.url, &[]).await;
    let client = reqwest::Client::new();
    let cookie = crate::support::sign_in(&client, &server.address, "hostile@example.com", "a hostile passphrase").await;
    let mut failures = Vec::new();
    for (n, case) in cases().iter().enumerate() {
        let Some((column, value, codes)) = &case.value else { continue };
        // Each case its own learner, so that one case's import is not another's `email.exists`.
        let mut values = valid_row();
        values[Column::Email.index()] = format!("case{n}@example.org");
        values[Column::Identifier.index()] = format!("C-{n}");
        values[column.index()] = value.clone();
        let request = ConfirmRequest {
            request_id: format!("hostile-{n}"),
            file_name: "hostile.csv".into(),
            file_sha256: "0".repeat(64),
            rows: vec![SubmittedRow { row: 2, values: values.to_vec(), seen: None }],
            send_invitations: false,
            ignore_errors: false,
            roster: Default::default(),
        };
        let response = client
            .post(format!("{}/api/confirm_import", server.address))
            .header("origin", &server.address)
            .header("cookie", &cookie)
            .json(&serde_json::json!({ "request": request }))
            .send()
            .await
            .unwrap();
        let status = response.status();
        let answer: serde_json::Value = response.json().await.unwrap_or_default();
        let got: BTreeSet<String> = answer["rows"]
            .as_array()
            .cloned()
            .unwrap_or_default()
            .iter()
            .flat_map(|r| r["problems"].as_array().cloned().unwrap_or_default())
            .filter_map(|p| p["code"].as_str().map(str::to_owned))
            .collect();
        let want: BTreeSet<String> = codes.iter().map(|c| c.to_string()).collect();
        if status != 200 || got != want {
            failures.push(format!("confirm, {}: {status}, expected {want:?}, got {got:?}", case.name));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn the_naughty_strings_as_names_identifiers_and_emails_give_only_their_columns_codes() {
    let allowed = |column: Column| -> &'static [&'static str] {
        match column {
            Column::FirstName => &["firstname.missing", "firstname.too_long", "firstname.invalid"],
            Column::LastName => &["lastname.missing", "lastname.too_long", "lastname.invalid"],
            Column::Identifier => &["identifier.invalid", "identifier.too_long"],
            _ => &["email.missing", "email.invalid"],
        }
    };
    let mut checked = 0;
    for value in naughty_strings::BLNS {
        for column in [Column::FirstName, Column::LastName, Column::Identifier, Column::Email] {
            // The rows as the confirm checks them (a file would be refused whole for the control characters
            // some of these strings hold: `file.not_csv`).
            let mut values = valid_row();
            values[column.index()] = value.to_string();
            let sheet = rules::Sheet::new(vec![(2, rules::UserValues::from(values))], Existing::default());
            let codes: Vec<&str> = sheet.rows()[0].errors.iter().map(|p| p.code().as_str()).collect();
            assert!(codes.iter().all(|c| allowed(column).contains(c)), "{value:?} as {column:?}: {codes:?}");
            checked += 1;
        }
    }
    assert!(checked >= 2000, "{checked}");
}
