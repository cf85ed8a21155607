//! The import history and its undo, against SQLite and a real PostgreSQL: an undo removes the import's Pending
//! users and their invitations in one transaction or nothing at all, keeps and names the Active ones, refuses
//! after its window, is idempotent, and never leaves a user half-removed when an accept races it.

use chrono::{Duration, Utc};
use domain::{ConfirmRequest, InvitationState, SubmittedRow, UndoState, UserStatus};
use rules::{Existing, Lang};
use sea_orm::{ColumnTrait, ConnectionTrait, DatabaseConnection, EntityTrait, QueryFilter};
use service::history::{self, UndoError};
use storage::entity::{invitations, users};
use storage::{testing, Backend};

const WINDOW: i64 = 24;

fn window() -> Duration {
    Duration::hours(WINDOW)
}

async fn admin(db: &DatabaseConnection, email: &str) -> i64 {
    storage::admins::create(db, email, email, "$argon2id$test").await.expect("an admin").id
}

fn row(row: u32, values: [&str; 6]) -> SubmittedRow {
    SubmittedRow { row, values: values.map(String::from).into(), seen: None }
}

/// Imports these rows (errors ignored, invitations queued) and returns the import's id.
async fn import(db: &DatabaseConnection, admin_id: i64, request_id: &str, rows: Vec<SubmittedRow>) -> i64 {
    let request = ConfirmRequest {
        request_id: request_id.to_owned(),
        file_name: format!("{request_id}.csv"),
        file_sha256: format!("{:0>64}", request_id.len()),
        rows,
        send_invitations: true,
        ignore_errors: true,
        roster: Default::default(),
    };
    let answer = service::import::confirm(db, domain::Actor::admin(admin_id), request, Default::default())
        .await
        .expect("the import");
    answer.import_id.expect("an import record")
}

/// Sends the invitation of this user as the worker does, and returns the accept link's token.
async fn send(db: &DatabaseConnection, user_id: i64) -> String {
    let invitation =
        invitations::Entity::find().filter(invitations::Column::UserId.eq(user_id)).one(db).await.unwrap().unwrap();
    let token = storage::tokens::new_token();
    let hash = storage::tokens::hash_token(&token);
    let expires = Utc::now() + Duration::days(7);
    invitations::Entity::update_many()
        .col_expr(invitations::Column::State, sea_orm::sea_query::Expr::value(InvitationState::Sent))
        .col_expr(invitations::Column::TokenHash, sea_orm::sea_query::Expr::value(hash))
        .col_expr(invitations::Column::TokenExpiresAt, sea_orm::sea_query::Expr::value(expires))
        .filter(invitations::Column::Id.eq(invitation.id))
        .exec(db)
        .await
        .expect("mark sent");
    token
}

async fn user_id(db: &DatabaseConnection, email: &str) -> Option<i64> {
    users::Entity::find().filter(users::Column::Email.eq(email)).one(db).await.expect("read").map(|u| u.id)
}

async fn invitation_count(db: &DatabaseConnection, user_id: i64) -> usize {
    invitations::Entity::find().filter(invitations::Column::UserId.eq(user_id)).all(db).await.expect("read").len()
}

fn three_learners() -> Vec<SubmittedRow> {
    vec![
        row(2, ["Ana", "Roux", "ana@example.org", "A1", "FR", "fr"]),
        row(3, ["Luc", "Martin", "luc@example.org", "", "FR", "fr"]),
        row(4, ["Zoé", "Dupont", "zoe@example.org", "", "BE", "fr"]),
    ]
}

#[tokio::test]
async fn an_undo_removes_pending_users_and_keeps_active_ones_named() {
    for t in testing::all().await {
        let admin_id = admin(&t.db, "admin@example.org").await;
        let id = import(&t.db, admin_id, "undo-keeps-active", three_learners()).await;
        let zoe = user_id(&t.db, "zoe@example.org").await.expect("Zoé");
        let token = send(&t.db, zoe).await;
        service::invitations::accept(&t.db, &token, "a long passphrase".into()).await.expect("accept");

        let preview = history::undo_preview(&t.db, id, Utc::now(), window()).await.expect("preview");
        assert_eq!(preview.removable, 2, "{:?}", t.backend);
        assert_eq!(preview.kept.iter().map(|k| k.email.as_str()).collect::<Vec<_>>(), ["zoe@example.org"]);

        let answer = history::undo(&t.db, id, admin_id, Utc::now(), window()).await.expect("undo");
        assert_eq!((answer.removed, answer.already_undone), (2, false), "{:?}", t.backend);
        assert_eq!(answer.kept.len(), 1);
        assert_eq!((answer.kept[0].id, answer.kept[0].status), (zoe, UserStatus::Active));
        assert_eq!(user_id(&t.db, "ana@example.org").await, None, "{:?}", t.backend);
        assert_eq!(user_id(&t.db, "luc@example.org").await, None);
        assert_eq!(invitation_count(&t.db, zoe).await, 1, "the Active learner keeps its invitation");
        let left = invitations::Entity::find().all(&t.db).await.expect("read").len();
        assert_eq!(left, 1, "{:?}: the removed users' invitations are gone", t.backend);

        // The history says who undid it, and again is the same answer with nothing changed.
        let page = history::page(&t.db, None, Utc::now(), window()).await.expect("history");
        match &page.imports[0].undo {
            UndoState::Done { by, removed, kept, .. } => {
                assert_eq!((by.as_str(), *removed, *kept), ("admin@example.org", 2, 1))
            }
            other => panic!("{:?}: {other:?}", t.backend),
        }
        let again = history::undo(&t.db, id, admin_id, Utc::now(), window()).await.expect("undo again");
        assert_eq!((again.removed, again.already_undone, again.kept.len()), (2, true, 1), "{:?}", t.backend);
        assert_eq!(users::Entity::find().all(&t.db).await.expect("read").len(), 1);

        // The activity log has the import and one undo (the repeated undo changed nothing, so is not logged).
        let log = service::activity::page(&t.db, None, None, None).await.expect("the log");
        type Line<'a> = (&'a str, Option<i64>, Vec<(String, i64)>);
        let entries: Vec<Line> =
            log.entries.iter().map(|e| (e.action.as_str(), e.subject_id, e.details.clone())).collect();
        assert_eq!(
            entries,
            vec![
                ("import.undo", Some(id), vec![("kept".into(), 1), ("removed".into(), 2)]),
                ("import", Some(id), vec![("added".into(), 3), ("skipped".into(), 0)]),
            ],
            "{:?}",
            t.backend
        );
        assert!(log.entries.iter().all(|e| e.admin == "admin@example.org"));
    }
}

#[tokio::test]
async fn an_undo_after_its_window_is_refused_and_changes_nothing() {
    for t in testing::all().await {
        let admin_id = admin(&t.db, "admin@example.org").await;
        let id = import(&t.db, admin_id, "undo-too-late", three_learners()).await;
        let later = Utc::now() + window() + Duration::minutes(1);
        let result = history::undo(&t.db, id, admin_id, later, window()).await;
        assert!(matches!(result, Err(UndoError::WindowPassed)), "{:?}: {result:?}", t.backend);
        assert!(matches!(history::undo_preview(&t.db, id, later, window()).await, Err(UndoError::WindowPassed)));
        assert_eq!(users::Entity::find().all(&t.db).await.expect("read").len(), 3, "{:?}", t.backend);
        let page = history::page(&t.db, None, later, window()).await.expect("history");
        assert_eq!(page.imports[0].undo, UndoState::Expired);
        let missing = history::undo(&t.db, id + 100, admin_id, Utc::now(), window()).await;
        assert!(matches!(missing, Err(UndoError::NotFound)), "{missing:?}");
    }
}

#[tokio::test]
async fn an_undo_that_fails_midway_writes_nothing() {
    for t in testing::all().await {
        let admin_id = admin(&t.db, "admin@example.org").await;
        let id = import(&t.db, admin_id, "undo-fails", three_learners()).await;
        // The database refuses to delete one of the users, after the invitations are already deleted.
        let trigger = match t.backend {
            Backend::Sqlite => {
                vec!["CREATE TRIGGER refuse_luc BEFORE DELETE ON users WHEN old.email = 'luc@example.org' \
                 BEGIN SELECT RAISE(ABORT, 'refused by the test'); END"
                    .to_owned()]
            }
            Backend::Postgres => vec![
                "CREATE FUNCTION refuse_luc() RETURNS trigger AS $$ BEGIN \
                 IF old.email = 'luc@example.org' THEN RAISE EXCEPTION 'refused by the test'; END IF; \
                 RETURN old; END $$ LANGUAGE plpgsql"
                    .to_owned(),
                "CREATE TRIGGER refuse_luc BEFORE DELETE ON users FOR EACH ROW EXECUTE FUNCTION refuse_luc()"
                    .to_owned(),
            ],
        };
        for statement in trigger {
            t.db.execute_unprepared(&statement).await.expect("the trigger");
        }
        let result = history::undo(&t.db, id, admin_id, Utc::now(), window()).await;
        assert!(matches!(result, Err(UndoError::Database(_))), "{:?}: {result:?}", t.backend);
        assert_eq!(users::Entity::find().all(&t.db).await.expect("read").len(), 3, "{:?}", t.backend);
        assert_eq!(invitations::Entity::find().all(&t.db).await.expect("read").len(), 3, "{:?}", t.backend);
        let page = history::page(&t.db, None, Utc::now(), window()).await.expect("history");
        assert!(matches!(page.imports[0].undo, UndoState::Available { .. }), "{:?}", page.imports[0].undo);
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn an_undo_racing_an_accept_keeps_the_user_whole_or_removes_it_whole() {
    for t in testing::all().await {
        let admin_id = admin(&t.db, "admin@example.org").await;
        let (mut kept, mut removed) = (0, 0);
        for i in 0..50u32 {
            let email = format!("race{i}@example.org");
            let rows = vec![row(2, ["Ana", "Roux", &email, "", "", "fr"])];
            let id = import(&t.db, admin_id, &format!("race-{i}"), rows).await;
            let user = user_id(&t.db, &email).await.expect("the user");
            let token = send(&t.db, user).await;
            let accept = {
                let db = t.db.clone();
                tokio::spawn(async move { service::invitations::accept(&db, &token, "a long passphrase".into()).await })
            };
            // Spread the undo's start over the accept's hashing, so both orders happen.
            tokio::time::sleep(std::time::Duration::from_millis(u64::from(i % 10) * 8)).await;
            let undo = history::undo(&t.db, id, admin_id, Utc::now(), window()).await.expect("the undo");
            let accepted = accept.await.expect("the task");
            let stored = users::Entity::find_by_id(user).one(&t.db).await.expect("read");
            let invitations = invitation_count(&t.db, user).await;
            match stored {
                Some(u) => {
                    assert_eq!(u.status, UserStatus::Active, "{:?} #{i}: a kept user is Active", t.backend);
                    assert!(accepted.is_ok(), "{:?} #{i}: {accepted:?}", t.backend);
                    assert_eq!((undo.removed, undo.kept.len(), invitations), (0, 1, 1), "{:?} #{i}", t.backend);
                    kept += 1;
                }
                None => {
                    assert!(accepted.is_err(), "{:?} #{i}: an accept of a removed user failed", t.backend);
                    assert_eq!((undo.removed, undo.kept.len(), invitations), (1, 0, 0), "{:?} #{i}", t.backend);
                    removed += 1;
                }
            }
        }
        eprintln!("{:?}: of 50 races, {kept} kept the user Active and {removed} removed it", t.backend);
    }
}

#[tokio::test]
async fn the_history_counts_each_import_and_pages_newest_first() {
    for t in testing::all().await {
        let admin_id = admin(&t.db, "admin@example.org").await;
        import(&t.db, admin_id, "first", three_learners()).await;
        let rows = vec![
            row(2, ["Ana", "Roux", "ana@example.org", "", "FR", "fr"]),
            row(3, ["Max", "Weber", "max@example.org", "", "DE", "de"]),
            row(4, ["Bad", "Row", "not-an-email", "", "FR", "fr"]),
        ];
        let second = import(&t.db, admin_id, "second", rows).await;
        for i in 0..30 {
            let email = format!("filler{i}@example.org");
            import(&t.db, admin_id, &format!("filler-{i}"), vec![row(2, ["Fil", "Ler", &email, "", "", "en"])]).await;
        }
        let first_page = history::page(&t.db, None, Utc::now(), window()).await.expect("history");
        assert_eq!(first_page.imports.len(), domain::history::HISTORY_PAGE_SIZE as usize);
        let cursor = first_page.next_cursor.expect("a second page");
        let second_page = history::page(&t.db, Some(cursor), Utc::now(), window()).await.expect("page 2");
        assert_eq!(second_page.imports.len(), 32 - domain::history::HISTORY_PAGE_SIZE as usize);
        assert_eq!(second_page.next_cursor, None);
        let line = second_page.imports.iter().find(|s| s.id == second).expect("the second import");
        assert_eq!((line.total, line.added, line.with_errors, line.existing), (3, 1, 1, 1), "{:?}", t.backend);
        assert_eq!((line.invitations.queued, line.invitations.sent, line.invitations.failed), (1, 0, 0));
        assert_eq!(line.admin_email, "admin@example.org");

        let detail = history::detail(&t.db, second, Utc::now(), window()).await.expect("detail").expect("found");
        assert_eq!(detail.rows.len(), 3);
        assert_eq!(detail.rows[2].problems[0].code().as_str(), "email.invalid");
    }
}

#[tokio::test]
async fn the_same_file_is_found_until_its_import_is_undone() {
    for t in testing::all().await {
        let admin_id = admin(&t.db, "admin@example.org").await;
        let id = import(&t.db, admin_id, "same-file", three_learners()).await;
        let sha = format!("{:0>64}", "same-file".len());
        let earlier = history::earlier_import(&t.db, &sha).await.expect("look-up").expect("found");
        assert_eq!((earlier.id, earlier.admin_email.as_str()), (id, "admin@example.org"));
        assert!(history::earlier_import(&t.db, &"f".repeat(64)).await.expect("look-up").is_none());
        history::undo(&t.db, id, admin_id, Utc::now(), window()).await.expect("undo");
        assert!(history::earlier_import(&t.db, &sha).await.expect("look-up").is_none(), "{:?}", t.backend);
    }
}

#[tokio::test]
async fn an_error_report_lists_the_rows_not_added_and_reimports_cleanly_once_fixed() {
    for t in testing::all().await {
        let admin_id = admin(&t.db, "admin@example.org").await;
        let rows = vec![
            row(2, ["Ana", "Roux", "ana@example.org", "", "FR", "fr"]),
            row(3, ["Luc", "Martin", "luc@example", "", "FR", "fr"]),
            row(4, ["=cmd", "Weber", "max@example.org", "", "DE", "EN"]),
        ];
        let id = import(&t.db, admin_id, "report", rows).await;
        let (name, csv) = history::error_report(&t.db, id, Lang::Fr).await.expect("report").expect("found");
        assert_eq!(name, "report-errors.csv");
        assert!(csv.starts_with('\u{feff}'), "UTF-8 with a BOM");
        let report = rules::check_reader(&name, csv.as_bytes(), &Existing::default());
        assert!(report.file_error.is_none(), "{:?}", report.file_error);
        assert!(report.warnings.is_empty(), "the errors column is known: {:?}", report.warnings);
        assert_eq!(report.rows.len(), 2, "only the rows not added");
        assert_eq!(&report.rows[1].values[0], "=cmd", "a formula-looking value reads back as written");
        assert!(csv.contains("'=cmd"), "and is neutralised in the file");
        assert!(csv.lines().nth(1).is_some_and(|l| l.contains("luc@example")));

        // The admin fixes the two rows in a spreadsheet and drops the file again.
        let fixed = csv.replace("luc@example,", "luc@example.org,").replace(",EN,", ",en,").replace("'=cmd", "Max");
        let report = rules::check_reader(&name, fixed.as_bytes(), &Existing::default());
        assert!(report.rows.iter().all(|r| r.errors.is_empty()), "{:?}", report.rows);
        assert!(report.warnings.is_empty(), "{:?}", report.warnings);
    }
}
