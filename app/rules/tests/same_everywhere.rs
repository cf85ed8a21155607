//! The same bytes give the same report natively and in wasm. Both builds compare their reports with one committed
//! expectation (`tests/golden/`): hand-written files in full, and 600 generated files by fingerprint. Run natively
//! with `UPDATE_GOLDEN=1` to rewrite the expectation after an intended change of the rules or messages.

use rules::{check_bytes, ColumnMatching, Existing, Lang, Report, SheetReader};

#[cfg(target_arch = "wasm32")]
use wasm_bindgen_test::wasm_bindgen_test as test;

const FIXTURES: &str = include_str!("golden/fixtures.json");
const FINGERPRINTS: &str = include_str!("golden/fingerprints.txt");
const GENERATED: usize = 600;

fn fixtures() -> Vec<(&'static str, Vec<u8>)> {
    let header = "firstname,lastname,email,identifier,country,language\n";
    let mut utf16 = vec![0xFF, 0xFE];
    for unit in "prénom\tnom\tcourriel\tlangue\r\nJosé\tNúñez\tjose@example.es\tes\r\n".encode_utf16() {
        utf16.extend_from_slice(&unit.to_le_bytes());
    }
    vec![
        ("valid", format!("{header}Ana,Roux,ana@example.fr,A-1,FR,fr\n").into_bytes()),
        (
            "every row code",
            format!(
                "{header},,,,,\nAn4,Ro$,a@b,x/y,fr,EN\nAna,Roux,x@example.fr,A,UK,eng\nAna,Roux,X@example.fr,A,FR,ja\n"
            )
            .into_bytes(),
        ),
        (
            "excel fr",
            b"\xEF\xBB\xBFPr\xC3\xA9nom;Nom;E-mail;Langue\r\n\xC3\x89lodie;Lef\xC3\xA8vre;e@example.fr;fr\r\n".to_vec(),
        ),
        ("windows-1252", b"firstname;lastname;email;language\r\nH\xE9l\xE8ne;M\xFCller;h@example.de;de\r\n".to_vec()),
        ("utf-16", utf16),
        ("unknown columns", b"Email,Notes,First Name,Last Name,Language\na@example.fr,x,Ana,Roux,fr\n".to_vec()),
        ("missing columns", b"firstname,email\nAna,a@example.fr\n".to_vec()),
        ("duplicate columns", b"email,e-mail,firstname,lastname,language\n".to_vec()),
        ("unclosed quote", format!("{header}Ana,\"Roux,a@example.fr,,,fr\n").into_bytes()),
        (
            // NFC and combining marks: the browser takes them from the JavaScript engine, natively from a crate.
            "unicode forms",
            format!(
                "{header}E\u{301}lodie,\u{212B}ngstr\u{F6}m,e@example.fr,,,fr\n\
                 \u{1100}\u{1161}\u{11A8},Ra\u{301}\u{323}j,k@example.fr,,,en\n\
                 \u{928}\u{93F}\u{924}\u{93F}\u{928},O\u{20DD},n@example.fr,,,en\n\
                 {},\u{301}x,l@example.fr,,,en\n{},A,m@example.fr,,,en\n",
                "e\u{301}".repeat(64),
                "e\u{301}".repeat(65)
            )
            .into_bytes(),
        ),
        (
            // Lower case: the browser takes it from the JavaScript engine, natively from the standard library.
            "case mapping",
            "PRÉNOM;NOM;COURRIEL;PAYS;LANGUE\nZoé;Roux;Zoé@ÉCOLE.fr;ﬁ;Français\nΣοφία;Ρ;ΟΔΟΣ@example.gr;États-Unis;DE\n\
             Ana;Roux;zoé@école.fr;ıt;EN-gb\nİlker;Şen;İLKER@example.tr;usa;ENGLISH\n"
                .as_bytes()
                .to_vec(),
        ),
        (
            // Names need a letter of a script: Rust's `is_alphabetic` also says yes to Ⓐ, Ⅻ, 🅰 and 𝐀, and marks
            // (Devanagari vowel signs) come from the JavaScript engine in the browser. No-break spaces are spaces,
            // stored plain. Identifiers are ASCII.
            "name letters",
            format!(
                "{header}\u{24B6}nna,Louis \u{216B},n1@example.fr,\u{BD},,fr\n\u{1F170}na,.,n2@example.fr,x\u{B2},,fr\n\
                 -,Roux,n3@example.fr,\u{2460},,fr\nJean\u{A0}Pierre,Le\u{202F}Roux,n4@example.fr,AB-1,,fr\n\
                 \u{1D400}na,\u{211D}oux,n5@example.fr,\u{E9},,fr\n\u{938}\u{940}\u{924}\u{93E},\u{2BB}Iolani,n6@example.fr,,,hi\n\
                 \u{93E}\u{940},' - .,n7@example.fr,,,hi\n"
            )
            .into_bytes(),
        ),
        ("not csv", b"PK\x03\x04\x00\x00".to_vec()),
        (
            // A PDF renamed .csv, past the size where its line-break bytes used to count as rows.
            "pdf over 32 KB",
            {
                let mut pdf = b"%PDF-1.7\n%\xE2\xE3\xCF\xD3\n1 0 obj\n<< /Length 40000 /Filter /FlateDecode >>\nstream\n".to_vec();
                let mut state = 0x9E3779B97F4A7C15u64;
                pdf.extend((0..40_000).map(|_| {
                    state ^= state << 13;
                    state ^= state >> 7;
                    state ^= state << 17;
                    (state >> 24) as u8
                }));
                pdf.extend_from_slice(b"\nendstream\nendobj\n%%EOF\n");
                pdf
            },
        ),
        ("empty", Vec::new()),
    ]
}

/// Deterministic pseudo-random files: a header and rows joined by one of the delimiters and line ends, their cells
/// made of fragments of real values and odd bytes (quotes, BOMs, NUL, Windows-1252, emoji, combining marks).
fn generated(seed: u64) -> Vec<u8> {
    const HEADERS: &[&str] =
        &["firstname", "lastname", "email", "identifier", "country", "language", "Prénom", "e-mail", "Notes"];
    #[rustfmt::skip]
    const PIECES: &[&[u8]] = &[
        b"Ana", b"\xC3\x89lodie", b"e\xCC\x81", b"O'Brien", b"a@example.fr", b"A@EXAMPLE.fr", b"b@example.org",
        b"x@y", b"<a@b.c>", b"FR", b"fr", b"UK", b"en", b"EN", b"ja", b"id-1", b"ID-2", b"123", b" ", b"\"", b"\"\"",
        b",", b";", b"\n", b"\xF0\x9F\x98\x80", b"-", b".",
    ];
    // Bytes that change how the whole file is read: rare, or nearly every file would be rejected for them.
    const RARE: &[&[u8]] = &[b"\xE9", b"\xEF\xBB\xBF", b"\xFF\xFE", b"\x00", b"\x1B"];
    let mut state = seed.wrapping_mul(6364136223846793005).wrapping_add(1442695040888963407);
    let mut next = move |n: usize| {
        state = state.wrapping_mul(6364136223846793005).wrapping_add(1442695040888963407);
        (state >> 33) as usize % n
    };
    let delimiter = [b",", b";", b"\t"][next(3)];
    let line_end: &[u8] = [&b"\n"[..], b"\r\n", b"\r"][next(3)];
    let columns = if next(8) == 0 { 3 + next(5) } else { 6 };
    let mut bytes = Vec::new();
    for c in 0..columns {
        if c > 0 {
            bytes.extend_from_slice(delimiter);
        }
        let name = if next(10) == 0 { HEADERS[next(HEADERS.len())] } else { HEADERS[c % 6] };
        bytes.extend_from_slice(name.as_bytes());
    }
    bytes.extend_from_slice(line_end);
    for _ in 0..1 + next(8) {
        for c in 0..columns {
            if c > 0 {
                bytes.extend_from_slice(delimiter);
            }
            for _ in 0..next(4) {
                let piece = if next(80) == 0 { RARE[next(RARE.len())] } else { PIECES[next(PIECES.len())] };
                bytes.extend_from_slice(piece);
            }
        }
        bytes.extend_from_slice(line_end);
    }
    bytes
}

fn report(bytes: &[u8]) -> (String, String) {
    let existing = Existing {
        emails: ["a@example.fr".to_owned()].into_iter().collect(),
        identifiers: ["id-1".to_owned()].into_iter().collect(),
    };
    let report = check_bytes("file.csv", bytes, &existing);
    (report.to_json(Lang::En), report.to_json(Lang::Fr))
}

/// FNV-1a: a stable fingerprint on every target (std's hasher is not promised to be).
fn fingerprint(text: &str) -> u64 {
    text.bytes().fold(0xcbf29ce484222325, |h, b| (h ^ u64::from(b)).wrapping_mul(0x100000001b3))
}

/// Files whose headers the aliases do not know, read with the matching the rules suggest: the preview (header,
/// samples, suggestions) and the report must be the same in the browser.
fn matched_fixtures() -> Vec<(&'static str, Vec<u8>)> {
    vec![
        (
            "matched french",
            "Prénom;Nom de naissance;Adresse électronique;Langue préférée;Pays;Service\r\n\
             Élodie;Lefèvre;elodie@example.fr;fr;FR;RH\r\nJosé;Núñez;jose@example.es;es;ES;IT\r\n"
                .as_bytes()
                .to_vec(),
        ),
        (
            "matched german",
            "\u{feff}Vorname,Nachname,E-Mail-Adresse,Sprache,Land,Personalnummer,Fehler\n\
             Jürgen,Weiß,j@example.de,de,DE,P-1,\nÖzlem,Şahin,ozlem@example.de,tr,TR,P-2,email.invalid\n"
                .as_bytes()
                .to_vec(),
        ),
        ("matched by values", b"Who,Family,Contact,Where,Speaks\nAna,Roux,ana@example.fr,FR,fr\n".to_vec()),
    ]
}

fn matched_report(bytes: &[u8]) -> serde_json::Value {
    let mut file = SheetReader::new("file.csv").expect("a csv name");
    file.push(bytes).expect("read");
    let preview = file.preview().expect("a header");
    let mut suggestions = preview.suggestions.clone();
    // The admin picks the first name the values cannot tell.
    if preview.headers[0] == "Who" {
        suggestions[0] = Some(rules::Column::FirstName);
        suggestions[1] = Some(rules::Column::LastName);
    }
    let matching = ColumnMatching::new(&preview.headers, &suggestions);
    let report = match file.finish_with(&Existing::default(), Some(&matching)) {
        Ok((sheet, warnings)) => Report::from_sheet(sheet, warnings),
        Err(problem) => Report::rejected(problem),
    };
    let json = |lang| serde_json::from_str::<serde_json::Value>(&report.to_json(lang)).expect("json");
    serde_json::json!({ "preview": preview, "en": json(Lang::En), "fr": json(Lang::Fr) })
}

fn fixtures_now() -> String {
    let mut cases: Vec<serde_json::Value> = fixtures()
        .into_iter()
        .map(|(name, bytes)| {
            let (en, fr) = report(&bytes);
            serde_json::json!({
                "name": name,
                "en": serde_json::from_str::<serde_json::Value>(&en).expect("json"),
                "fr": serde_json::from_str::<serde_json::Value>(&fr).expect("json"),
            })
        })
        .collect();
    for (name, bytes) in matched_fixtures() {
        let mut case = matched_report(&bytes);
        case["name"] = name.into();
        cases.push(case);
    }
    serde_json::to_string_pretty(&cases).expect("json") + "\n"
}

fn fingerprints_now() -> String {
    (0..GENERATED as u64)
        .map(|seed| {
            let (en, fr) = report(&generated(seed));
            format!("{seed} {:016x} {:016x}\n", fingerprint(&en), fingerprint(&fr))
        })
        .collect()
}

#[cfg(not(target_arch = "wasm32"))]
fn update_if_asked(fixtures: &str, fingerprints: &str) -> bool {
    if std::env::var_os("UPDATE_GOLDEN").is_none() {
        return false;
    }
    let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/golden");
    std::fs::write(format!("{dir}/fixtures.json"), fixtures).expect("write fixtures");
    std::fs::write(format!("{dir}/fingerprints.txt"), fingerprints).expect("write fingerprints");
    true
}

#[cfg(target_arch = "wasm32")]
fn update_if_asked(_: &str, _: &str) -> bool {
    false
}

#[test]
fn reports_match_the_committed_expectation() {
    let (fixtures, fingerprints) = (fixtures_now(), fingerprints_now());
    if update_if_asked(&fixtures, &fingerprints) {
        return;
    }
    assert_eq!(fixtures, FIXTURES, "hand-written files: the reports differ from tests/golden/fixtures.json");
    for (now, expected) in fingerprints.lines().zip(FINGERPRINTS.lines()) {
        let seed: u64 = now.split(' ').next().and_then(|s| s.parse().ok()).expect("seed");
        assert_eq!(now, expected, "generated file {seed}: {:?}", String::from_utf8_lossy(&generated(seed)));
    }
    assert_eq!(FINGERPRINTS.lines().count(), GENERATED);
}
