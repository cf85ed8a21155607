//! The same bytes give the same report natively and in wasm. Both builds compare their reports with one committed
//! expectation (`tests/golden/`): hand-written files in full, and 600 generated files by fingerprint. Run natively
//! with `UPDATE_GOLDEN=1` to rewrite the expectation after an intended change of the rules or messages.

use rules::{check_bytes, ColumnMatching, Existing, Lang, Report, SheetReader};

#[cfg(target_arch = "wasm32")]
use wasm_bindgen_test::wasm_bindgen_test as test;

const FIXTURES: &str = include_str!("golden/fixtures.json");
const FINGERPRINTS: &str = include_str!("golden/fingerprints.txt");
const GENERATED: usize = 600;

mod corpus;
use corpus::{fixtures, generated};

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
