//! Properties over generated input: the rules never panic, editing a sheet cell by cell ends where checking the
//! edited rows from scratch does, and the template always reads back as a valid file with no rows.
#![cfg(not(target_arch = "wasm32"))]

use proptest::prelude::*;
use rules::{check_bytes, template_csv, Code, Column, Existing, Lang, Learner, Mode, Sheet, UserValues};

fn cell() -> impl Strategy<Value = String> {
    prop_oneof![
        Just(String::new()),
        Just("Ana".to_owned()),
        Just("a@example.fr".to_owned()),
        Just("A@Example.FR".to_owned()),
        Just("b@example.org".to_owned()),
        Just("c@example.org".to_owned()),
        Just("id-1".to_owned()),
        Just("FR".to_owned()),
        Just("fr".to_owned()),
        Just("UK".to_owned()),
        Just("ja".to_owned()),
        "\\PC{0,12}",
        ".{0,70}",
    ]
}

fn row() -> impl Strategy<Value = [String; 6]> {
    [cell(), cell(), cell(), cell(), cell(), cell()]
}

fn existing() -> Existing {
    Existing::new([
        Learner { id: 1, values: UserValues::from(["Bo", "Lé", "b@example.org", "", "", "fr"]), version: 1 },
        Learner { id: 2, values: UserValues::from(["Cy", "Lé", "c@example.org", "id-1", "", "fr"]), version: 1 },
    ])
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(512))]

    #[test]
    fn arbitrary_bytes_never_panic_and_give_a_consistent_report(bytes in proptest::collection::vec(any::<u8>(), 0..2048)) {
        let report = check_bytes("any.csv", &bytes, &Existing::default());
        let summary = report.summary();
        prop_assert_eq!(summary.total, summary.valid + summary.invalid);
        if report.file_error.is_some() {
            prop_assert!(report.rows.is_empty());
        }
        prop_assert!(report.rows.len() <= rules::MAX_ROWS);
        let _ = report.to_json(Lang::Fr);
        let _ = report.to_table(Lang::En);
    }

    #[test]
    fn csv_shaped_text_never_panics(text in "([a-zé@.\"; ,\t\r\n]|firstname|lastname|email|language){0,200}") {
        let report = check_bytes("any.csv", text.as_bytes(), &Existing::default());
        prop_assert_eq!(report.summary().total, report.rows.len());
    }

    #[test]
    fn editing_cell_by_cell_matches_checking_from_scratch(
        start in proptest::collection::vec(row(), 1..12),
        edits in proptest::collection::vec((any::<prop::sample::Index>(), 0..6usize, cell()), 0..24),
        mode in prop_oneof![Just(Mode::Add), Just(Mode::Update), Just(Mode::UpdateOnly)],
    ) {
        let numbered = |rows: Vec<[String; 6]>| {
            rows.into_iter().enumerate().map(|(i, r)| (i as u32 + 2, UserValues::from(r))).collect()
        };
        // In every mode: the update modes' matches (conflicts, a learner named by two rows) are recomposed too.
        let mut edited = Sheet::new(numbered(start.clone()), existing()).with_mode(mode);
        let mut values = start;
        for (index, column, value) in edits {
            let i = index.index(values.len());
            let column = Column::ALL[column];
            edited.set_cell(i, column, &value);
            values[i][column.index()] = value;
        }
        let fresh = Sheet::new(numbered(values), existing()).with_mode(mode);
        prop_assert_eq!(edited.rows(), fresh.rows());
        prop_assert_eq!(edited.summary(), fresh.summary());
    }

    #[test]
    fn deleting_rows_matches_checking_the_rest_from_scratch(
        start in proptest::collection::vec(row(), 1..12),
        deletions in proptest::collection::vec(any::<prop::sample::Index>(), 0..6),
    ) {
        let mut rows: Vec<(u32, UserValues)> =
            start.into_iter().enumerate().map(|(i, r)| (i as u32 + 2, UserValues::from(r))).collect();
        let mut edited = Sheet::new(rows.clone(), existing());
        for index in deletions {
            if rows.is_empty() {
                break;
            }
            let i = index.index(rows.len());
            edited.delete_row(i);
            rows.remove(i);
        }
        let fresh = Sheet::new(rows, existing());
        prop_assert_eq!(edited.rows(), fresh.rows());
    }
}

#[test]
fn the_template_reads_back_as_a_valid_file_with_no_rows() {
    let template = template_csv();
    let report = check_bytes("template.csv", template.as_bytes(), &Existing::default());
    assert_eq!(report.file_error.map(|p| p.code()), Some(Code::FileEmpty));
    assert!(report.warnings.is_empty(), "{:?}", report.warnings);
    // With one data row under it, every column of the template is recognised.
    let filled = format!("{template}Ana,Roux,ana@example.fr,A-1,FR,fr\r\n");
    let report = check_bytes("template.csv", filled.as_bytes(), &Existing::default());
    assert_eq!(report.file_error, None);
    assert!(report.warnings.is_empty());
    assert!(report.rows[0].errors.is_empty(), "{:?}", report.rows[0].errors);
    assert_eq!(report.rows[0].value(Column::Identifier), "A-1");
}
