//! The confirmed import on both databases: all or nothing, idempotent, safe under concurrent overlapping imports,
//! and never trusting the rows the browser sends.

use domain::InvitationState;
use domain::{ConfirmAnswer, ConfirmRequest, Outcome, SubmittedRow};
use rules::Code;
use sea_orm::{ConnectionTrait, EntityTrait, PaginatorTrait};
use service::import::{ImportError, SyncPolicy};

/// The confirm with the default sync threshold.
async fn confirm(
    db: &service::DatabaseConnection,
    actor: domain::Actor,
    request: domain::ConfirmRequest,
) -> Result<domain::ConfirmAnswer, ImportError> {
    service::import::confirm(db, actor, request, SyncPolicy::default()).await
}
use storage::entity::{imports, invitations, users};
use storage::testing::TestDb;
use storage::{Backend, DatabaseConnection};

fn row(row: u32, first: &str, email: &str, identifier: &str, country: &str, language: &str) -> SubmittedRow {
    SubmittedRow {
        row,
        values: [first, "Roux", email, identifier, country, language].iter().map(|s| s.to_string()).collect(),
        seen: None,
    }
}

fn request(id: &str, rows: Vec<SubmittedRow>, ignore_errors: bool) -> ConfirmRequest {
    ConfirmRequest {
        request_id: id.to_owned(),
        file_name: "learners.csv".into(),
        file_sha256: "ab".repeat(32),
        rows,
        send_invitations: true,
        ignore_errors,
        roster: Default::default(),
    }
}

async fn admin(db: &DatabaseConnection) -> domain::Actor {
    let id = storage::admins::create(db, "admin@example.com", "admin@example.com", "not-a-real-hash")
        .await
        .expect("admin")
        .id;
    domain::Actor::admin(id)
}

#[derive(Debug, PartialEq, Eq)]
struct Counts {
    users: u64,
    imports: u64,
    rows: u64,
    invitations: u64,
}

async fn counts(db: &DatabaseConnection) -> Counts {
    Counts {
        users: users::Entity::find().count(db).await.expect("count"),
        imports: imports::Entity::find().count(db).await.expect("count"),
        rows: imports::Entity::find()
            .all(db)
            .await
            .expect("imports")
            .iter()
            .map(|i| serde_json::from_str::<Vec<serde_json::Value>>(&i.outcomes).expect("outcomes").len() as u64)
            .sum(),
        invitations: invitations::Entity::find().count(db).await.expect("count"),
    }
}

fn outcome(answer: &ConfirmAnswer, row: u32) -> (Outcome, Vec<Code>) {
    let o = answer.rows.iter().find(|o| o.row == row).expect("row in the answer");
    (o.outcome, o.problems.iter().map(|p| p.code()).collect())
}

#[tokio::test]
async fn valid_rows_become_pending_users_with_their_import_record_and_invitations() {
    for t in storage::testing::all().await {
        let admin = admin(&t.db).await;
        let rows =
            vec![row(2, "Ana", "Ana@Example.org", "A-1", "FR", "fr"), row(3, "Luc", "luc@example.org", "", "", "en")];
        let answer = confirm(&t.db, admin, request("req-1", rows, false)).await.expect("confirm");
        assert!(answer.imported);
        assert_eq!((answer.created, answer.skipped), (2, 0));
        assert_eq!(counts(&t.db).await, Counts { users: 2, imports: 1, rows: 2, invitations: 2 }, "{:?}", t.backend);
        let stored = users::Entity::find().all(&t.db).await.expect("users");
        let ana = stored.iter().find(|u| u.email == "Ana@Example.org").expect("Ana, email as given");
        assert_eq!(ana.email_normalized, "ana@example.org");
        assert_eq!(ana.identifier.as_deref(), Some("A-1"));
        assert_eq!(ana.import_id, answer.import_id);
        assert!(stored.iter().all(|u| format!("{:?}", u.status) == "Pending"), "{stored:?}");
        let import = imports::Entity::find().one(&t.db).await.expect("import").expect("one import");
        assert_eq!((import.admin_id, import.created_count, import.skipped_count), (admin.admin_id, 2, 0));
        assert_eq!(import.file_name, "learners.csv");
        // The record keeps each row's outcome, and each created user has one queued invitation.
        let outcomes: serde_json::Value = serde_json::from_str(&import.outcomes).expect("outcomes");
        assert_eq!(outcomes[0]["row"], 2);
        assert_eq!(outcomes[0]["outcome"], "created");
        assert_eq!(outcomes[0]["email"], "Ana@Example.org");
        assert_eq!(outcomes[1]["email"], "luc@example.org");
        let mut invited: Vec<i64> = invitations::Entity::find()
            .all(&t.db)
            .await
            .expect("invitations")
            .into_iter()
            .inspect(|i| assert_eq!(i.state, InvitationState::Queued))
            .map(|i| i.user_id)
            .collect();
        invited.sort_unstable();
        let mut ids: Vec<i64> = stored.iter().map(|u| u.id).collect();
        ids.sort_unstable();
        assert_eq!(invited, ids, "{:?}", t.backend);
    }
}

#[tokio::test]
async fn without_invitations_nothing_is_queued() {
    for t in storage::testing::all().await {
        let admin = admin(&t.db).await;
        let mut req = request("req-quiet", vec![row(2, "Ana", "ana@example.org", "", "", "fr")], false);
        req.send_invitations = false;
        confirm(&t.db, admin, req).await.expect("confirm");
        assert_eq!(counts(&t.db).await, Counts { users: 1, imports: 1, rows: 1, invitations: 0 });
    }
}

#[tokio::test]
async fn rows_with_errors_are_refused_unless_the_admin_ignores_them() {
    for t in storage::testing::all().await {
        let admin = admin(&t.db).await;
        let rows =
            || vec![row(2, "Ana", "ana@example.org", "", "FR", "fr"), row(3, "Luc", "not-an-email", "", "fr", "fr")];
        let refused = confirm(&t.db, admin, request("req-e1", rows(), false)).await.expect("answer");
        assert!(!refused.imported);
        assert_eq!(outcome(&refused, 3), (Outcome::Skipped, vec![Code::EmailInvalid, Code::CountryInvalid]));
        assert_eq!(counts(&t.db).await, Counts { users: 0, imports: 0, rows: 0, invitations: 0 }, "{:?}", t.backend);
        let ignored = confirm(&t.db, admin, request("req-e2", rows(), true)).await.expect("answer");
        assert!(ignored.imported);
        assert_eq!((ignored.created, ignored.skipped), (1, 1));
        assert_eq!(outcome(&ignored, 2).0, Outcome::Created);
        assert_eq!(counts(&t.db).await, Counts { users: 1, imports: 1, rows: 2, invitations: 1 }, "{:?}", t.backend);
        // Nothing valid: even ignoring errors, nothing is written.
        let none = confirm(&t.db, admin, request("req-e3", vec![row(2, "Luc", "bad", "", "", "fr")], true)).await;
        assert!(!none.expect("answer").imported);
        assert_eq!(counts(&t.db).await.imports, 1, "{:?}", t.backend);
    }
}

#[tokio::test]
async fn the_server_checks_again_whatever_the_browser_sent() {
    for t in storage::testing::all().await {
        let admin = admin(&t.db).await;
        // Rows a tampered browser could call valid: a name with digits, an in-file duplicate, an unknown language.
        let rows = vec![
            row(2, "R2D2", "r2@example.org", "", "", "en"),
            row(3, "Ana", "ana@example.org", "", "", "fr"),
            row(4, "Ana", "ANA@example.org", "", "", "fr"),
            row(5, "Luc", "luc@example.org", "", "", "xx"),
        ];
        let answer = confirm(&t.db, admin, request("req-t", rows, false)).await.expect("answer");
        assert!(!answer.imported);
        assert_eq!(outcome(&answer, 2).1, vec![Code::FirstnameInvalid]);
        assert_eq!(outcome(&answer, 4).1, vec![Code::EmailDuplicate]);
        assert_eq!(outcome(&answer, 5).1, vec![Code::LanguageInvalid]);
        assert_eq!(counts(&t.db).await.users, 0);
        // A malformed request is refused outright.
        let mut bad = request("req-bad", vec![row(2, "Ana", "a@example.org", "", "", "fr")], false);
        bad.rows[0].values.pop();
        assert!(matches!(confirm(&t.db, admin, bad).await, Err(ImportError::BadRequest(_))));
        let too_many = (0..251).map(|i| row(i + 2, "Ana", &format!("a{i}@example.org"), "", "", "fr")).collect();
        assert!(matches!(
            confirm(&t.db, admin, request("req-big", too_many, false)).await,
            Err(ImportError::BadRequest(_))
        ));
    }
}

#[tokio::test]
async fn sending_the_same_confirm_twice_creates_the_users_once_and_answers_the_same() {
    for t in storage::testing::all().await {
        let admin = admin(&t.db).await;
        let rows = vec![row(2, "Ana", "ana@example.org", "", "", "fr"), row(3, "Luc", "bad", "", "", "fr")];
        let first = confirm(&t.db, admin, request("req-twice", rows.clone(), true)).await.expect("first");
        let second = confirm(&t.db, admin, request("req-twice", rows.clone(), true)).await.expect("second");
        assert_eq!(first, second, "{:?}", t.backend);
        // Both at once: still one import.
        let (a, b) = tokio::join!(
            confirm(&t.db, admin, request("req-race", vec![row(2, "Mia", "mia@example.org", "", "", "fr")], false)),
            confirm(&t.db, admin, request("req-race", vec![row(2, "Mia", "mia@example.org", "", "", "fr")], false)),
        );
        assert_eq!(a.expect("a"), b.expect("b"), "{:?}", t.backend);
        assert_eq!(counts(&t.db).await, Counts { users: 2, imports: 2, rows: 3, invitations: 2 }, "{:?}", t.backend);
    }
}

#[tokio::test]
async fn a_request_id_sent_again_with_other_rows_or_options_is_refused_and_writes_nothing() {
    for t in storage::testing::all().await {
        let admin = admin(&t.db).await;
        let rows = vec![row(2, "Ana", "ana@example.org", "", "", "fr")];
        let first = confirm(&t.db, admin, request("req-edited", rows, false)).await.expect("first");
        assert!(first.imported);
        // The file was edited after a lost reply, and sent again under the same id.
        let edited =
            vec![row(2, "Ana", "ana@example.org", "", "", "fr"), row(3, "Zoé", "zoe@example.org", "", "", "fr")];
        let again = confirm(&t.db, admin, request("req-edited", edited.clone(), false)).await;
        assert!(matches!(again, Err(ImportError::RequestReused)), "{:?}: {again:?}", t.backend);
        // The same rows with another option are another request too.
        let mut options = request("req-edited", vec![row(2, "Ana", "ana@example.org", "", "", "fr")], false);
        options.send_invitations = false;
        assert!(matches!(confirm(&t.db, admin, options).await, Err(ImportError::RequestReused)));
        assert_eq!(counts(&t.db).await, Counts { users: 1, imports: 1, rows: 1, invitations: 1 }, "{:?}", t.backend);
        // Under a new id (what the panel does next), the new row is added and the old one is an existing user.
        let renewed = confirm(&t.db, admin, request("req-edited-2", edited, true)).await.expect("renewed");
        assert_eq!((renewed.created, renewed.skipped), (1, 1), "{:?}", t.backend);
    }
}

/// Makes every insert into `invitations` fail: the last write of an import, so everything before it must roll back.
async fn break_invitations(t: &TestDb) {
    let statements: &[&str] = match t.backend {
        Backend::Sqlite => &["CREATE TRIGGER fail_invitations BEFORE INSERT ON invitations BEGIN SELECT RAISE(ABORT, 'injected failure'); END"],
        Backend::Postgres => &[
            "CREATE FUNCTION fail_invitations() RETURNS trigger AS $$ BEGIN RAISE EXCEPTION 'injected failure'; END $$ LANGUAGE plpgsql",
            "CREATE TRIGGER fail_invitations BEFORE INSERT ON invitations FOR EACH ROW EXECUTE FUNCTION fail_invitations()",
        ],
    };
    for sql in statements {
        t.db.execute_unprepared(sql).await.expect("install the failing trigger");
    }
}

#[tokio::test]
async fn a_failure_in_the_middle_leaves_nothing_behind() {
    for t in storage::testing::all().await {
        let admin = admin(&t.db).await;
        break_invitations(&t).await;
        let rows = vec![row(2, "Ana", "ana@example.org", "", "", "fr"), row(3, "Luc", "luc@example.org", "", "", "fr")];
        let result = confirm(&t.db, admin, request("req-fail", rows, false)).await;
        assert!(matches!(result, Err(ImportError::Database(_))), "{:?}: {result:?}", t.backend);
        assert_eq!(counts(&t.db).await, Counts { users: 0, imports: 0, rows: 0, invitations: 0 }, "{:?}", t.backend);
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn two_admins_importing_the_same_email_at_once_get_one_user_and_one_exists() {
    for t in storage::testing::all().await {
        let admin = admin(&t.db).await;
        for round in 0..50 {
            let shared = format!("shared{round}@example.org");
            let a = request(
                &format!("a-{round}"),
                vec![
                    row(2, "Ana", &shared, "", "", "fr"),
                    row(3, "Ana", &format!("a{round}@example.org"), "", "", "fr"),
                ],
                true,
            );
            let b = request(
                &format!("b-{round}"),
                vec![
                    row(2, "Bob", &shared.to_uppercase(), "", "", "fr"),
                    row(3, "Bob", &format!("b{round}@example.org"), "", "", "fr"),
                ],
                true,
            );
            let (a, b) = tokio::join!(confirm(&t.db, admin, a), confirm(&t.db, admin, b));
            let (a, b) = (a.expect("a never fails"), b.expect("b never fails"));
            let winners = [&a, &b].iter().filter(|x| outcome(x, 2).0 == Outcome::Created).count();
            assert_eq!(winners, 1, "{:?} round {round}: {a:?} {b:?}", t.backend);
            let loser = if outcome(&a, 2).0 == Outcome::Created { &b } else { &a };
            assert_eq!(outcome(loser, 2), (Outcome::Skipped, vec![Code::EmailExists]), "{:?} round {round}", t.backend);
            assert_eq!(outcome(loser, 3).0, Outcome::Created, "the loser's other row is still added");
        }
        assert_eq!(counts(&t.db).await.users, 150, "{:?}", t.backend);
    }
}
