//! The same bytes give the same report natively and in wasm, and the same (row, learner) pairs the same roster
//! difference. Both builds compare their answers with one committed expectation (`tests/golden/`): hand-written
//! files in full, 600 generated files and 400 generated (row, learner) pairs by fingerprint. Run natively with
//! `UPDATE_GOLDEN=1` to rewrite the expectation after an intended change of the rules or messages.

use rules::{check_bytes, ColumnMatching, EmptyCells, Existing, Lang, Learner, Report, SheetReader, UserValues};

#[cfg(target_arch = "wasm32")]
use wasm_bindgen_test::wasm_bindgen_test as test;

const FIXTURES: &str = include_str!("golden/fixtures.json");
const FINGERPRINTS: &str = include_str!("golden/fingerprints.txt");
const DIFFS: &str = include_str!("golden/diffs.txt");
const GENERATED: usize = 600;
const PAIRS: u64 = 400;

mod corpus;
use corpus::{fixtures, generated};

fn report(bytes: &[u8]) -> (String, String) {
    let existing = Existing::new([
        Learner { id: 1, values: UserValues::from(["Al", "Bo", "a@example.fr", "", "", "fr"]), version: 1 },
        Learner { id: 2, values: UserValues::from(["Cy", "Do", "c@example.fr", "id-1", "", "fr"]), version: 1 },
    ]);
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

/// Pseudo-random cells for the (row, learner) pairs: the same on every target (a fixed LCG), and chosen so that
/// values are often equal, differ by case, accents or spaces, or are empty.
fn pick<'a>(state: &mut u64, pool: &[&'a str]) -> &'a str {
    *state = state.wrapping_mul(6364136223846793005).wrapping_add(1442695040888963407);
    pool[((*state >> 33) % pool.len() as u64) as usize]
}

fn pair(seed: u64) -> (UserValues, Learner) {
    let mut state = seed ^ 0x9e37_79b9_7f4a_7c15;
    let pools: [&[&str]; 8] = [
        &["Ana", "ana", "Élodie", "E\u{301}lodie", "Zoé"],
        &["Roux", "Roux-Martin", "ROUX", "Lefèvre"],
        &["ana@x.fr", "ANA@x.fr", "ana.roux@x.fr", "zoé@école.fr", "Zoé@École.fr"],
        &["", "S-1", "S-2", "s-1"],
        &["", "FR", "BE"],
        &["fr", "en", "de"],
        &["", "3B", "3b", "3B|4C", "Élite|3B", "elite", "4C | 3B"],
        &["", "active", "suspended", "Pending", "Active", "Suspended", "gesperrt"],
    ];
    let cells = |state: &mut u64| pools.map(|pool| pick(state, pool));
    let row = UserValues::from(cells(&mut state));
    let learner = Learner { id: 1, values: UserValues::from(cells(&mut state)), version: 1 };
    (row, learner)
}

fn diffs_now() -> String {
    (0..PAIRS)
        .map(|seed| {
            let (row, learner) = pair(seed);
            let (empty, group) = match seed % 3 {
                0 => (EmptyCells::Keep, None),
                1 => (EmptyCells::Clear, None),
                _ => (EmptyCells::Keep, Some("3b")),
            };
            let diff = rules::diff(&row, Some(&learner), false, empty, group);
            let json = serde_json::to_string(&diff).expect("json");
            format!("{seed} {:016x}\n", fingerprint(&json))
        })
        .collect()
}

#[cfg(not(target_arch = "wasm32"))]
fn update_if_asked(files: &[(&str, &str)]) -> bool {
    if std::env::var_os("UPDATE_GOLDEN").is_none() {
        return false;
    }
    let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/golden");
    for (name, text) in files {
        std::fs::write(format!("{dir}/{name}"), text).expect("write the expectation");
    }
    true
}

#[cfg(target_arch = "wasm32")]
fn update_if_asked(_: &[(&str, &str)]) -> bool {
    false
}

#[test]
fn reports_match_the_committed_expectation() {
    let (fixtures, fingerprints) = (fixtures_now(), fingerprints_now());
    if update_if_asked(&[("fixtures.json", &fixtures), ("fingerprints.txt", &fingerprints)]) {
        return;
    }
    assert_eq!(fixtures, FIXTURES, "hand-written files: the reports differ from tests/golden/fixtures.json");
    for (now, expected) in fingerprints.lines().zip(FINGERPRINTS.lines()) {
        let seed: u64 = now.split(' ').next().and_then(|s| s.parse().ok()).expect("seed");
        assert_eq!(now, expected, "generated file {seed}: {:?}", String::from_utf8_lossy(&generated(seed)));
    }
    assert_eq!(FINGERPRINTS.lines().count(), GENERATED);
}

#[test]
fn roster_differences_match_the_committed_expectation() {
    let diffs = diffs_now();
    if update_if_asked(&[("diffs.txt", &diffs)]) {
        return;
    }
    for (now, expected) in diffs.lines().zip(DIFFS.lines()) {
        let seed: u64 = now.split(' ').next().and_then(|s| s.parse().ok()).expect("seed");
        let (row, learner) = pair(seed);
        assert_eq!(now, expected, "pair {seed}: {row:?} against {learner:?}");
    }
    assert_eq!(DIFFS.lines().count() as u64, PAIRS);
}
