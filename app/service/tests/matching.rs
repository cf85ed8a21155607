//! Remembered column matchings on SQLite and PostgreSQL: fetched for the same header row (as the rules compare
//! it), per admin, replaced by the next one, refused when they do not fit.

use rules::{Column, ColumnMatching};
use service::matching::{remember, remembered, MatchingError};

fn cells(headers: &[&str]) -> Vec<String> {
    headers.iter().map(|h| (*h).to_owned()).collect()
}

#[tokio::test]
async fn a_matching_is_remembered_per_admin_and_header_row_and_replaced_by_the_next() {
    for t in storage::testing::all().await {
        let db = &t.db;
        let ana = storage::admins::create(db, "ana@example.com", "ana@example.com", "x").await.expect("admin");
        let luc = storage::admins::create(db, "luc@example.com", "luc@example.com", "x").await.expect("admin");
        let headers = cells(&["Prénom", "Nom", "Adresse électronique", "Langue préférée", "Notes"]);
        assert_eq!(remembered(db, ana.id, &headers).await.expect("read"), None, "{:?}", t.backend);

        let columns =
            [Some(Column::FirstName), Some(Column::LastName), Some(Column::Email), Some(Column::Language), None];
        let matching = ColumnMatching::new(&headers, &columns);
        remember(db, ana.id, &headers, &matching).await.expect("remember");
        assert_eq!(remembered(db, ana.id, &headers).await.expect("read"), Some(matching.clone()));
        // The same row written otherwise (case, accents, spaces) is the same row; another admin has none.
        let shouted = cells(&["PRENOM", "nom", "Adresse-électronique", "Langue préférée", "notes"]);
        assert_eq!(remembered(db, ana.id, &shouted).await.expect("read"), Some(matching.clone()));
        assert_eq!(remembered(db, luc.id, &headers).await.expect("read"), None);
        assert_eq!(remembered(db, ana.id, &headers[..4]).await.expect("read"), None, "another row");

        // The next confirm replaces it.
        let mut columns = columns;
        columns[4] = Some(Column::Identifier);
        let next = ColumnMatching::new(&headers, &columns);
        remember(db, ana.id, &headers, &next).await.expect("remember again");
        assert_eq!(remembered(db, ana.id, &headers).await.expect("read"), Some(next));
    }
}

#[tokio::test]
async fn a_matching_that_does_not_fit_its_header_row_is_refused() {
    for t in storage::testing::all().await {
        let db = &t.db;
        let ana = storage::admins::create(db, "ana@example.com", "ana@example.com", "x").await.expect("admin");
        let headers = cells(&["Mail", "Courriel"]);
        let twice = ColumnMatching::new(&headers, &[Some(Column::Email), Some(Column::Email)]);
        assert!(matches!(remember(db, ana.id, &headers, &twice).await, Err(MatchingError::Invalid(_))));
        let elsewhere = ColumnMatching::new(&cells(&["Email"]), &[Some(Column::Email)]);
        assert!(matches!(remember(db, ana.id, &headers, &elsewhere).await, Err(MatchingError::Invalid(_))));
        assert!(matches!(remembered(db, ana.id, &[]).await, Err(MatchingError::BadRequest(_))));
        assert_eq!(remembered(db, ana.id, &headers).await.expect("read"), None, "{:?}", t.backend);
    }
}
