//! Groups against SQLite and a real PostgreSQL: the Groups page's list, rename (a clash ignoring case and accents
//! is refused) and delete (members kept), the Users list's group filter and groups column, one learner suspended
//! and reactivated, a Suspended learner's sign-in and link, and an export that re-imports in `update` mode as all
//! Unchanged.

use chrono::Utc;
use domain::{
    ActivityAction, Actor, ConfirmRequest, LearnerAnswer, LinkState, Outcome, RosterOptions, SubmittedRow, UserQuery,
    UserStatus,
};
use rules::Mode;
use sea_orm::{ColumnTrait, DatabaseConnection, EntityTrait, QueryFilter};
use service::groups::GroupError;
use storage::entity::{invitations, users};
use storage::testing;

async fn admin(db: &DatabaseConnection) -> Actor {
    Actor::admin(storage::admins::create(db, "admin@x.fr", "admin@x.fr", "$argon2id$test").await.expect("an admin").id)
}

/// A row: first name, last name, email, identifier, country, language, groups, status.
fn row(row: u32, values: [&str; 8]) -> SubmittedRow {
    SubmittedRow { row, values: values.map(String::from).into(), seen: None }
}

fn request(id: &str, rows: Vec<SubmittedRow>, mode: Mode) -> ConfirmRequest {
    ConfirmRequest {
        request_id: id.to_owned(),
        file_name: format!("{id}.csv"),
        file_sha256: format!("{:0>64}", id.len()),
        rows,
        send_invitations: true,
        ignore_errors: false,
        roster: RosterOptions { mode, ..Default::default() },
    }
}

async fn import(db: &DatabaseConnection, actor: Actor, id: &str, rows: Vec<SubmittedRow>, mode: Mode) -> Vec<Outcome> {
    let answer = service::import::confirm(db, actor, request(id, rows, mode), Default::default()).await.expect(id);
    assert!(answer.imported, "{answer:?}");
    answer.rows.iter().map(|r| r.outcome).collect()
}

async fn user(db: &DatabaseConnection, email: &str) -> users::Model {
    users::Entity::find().filter(users::Column::EmailNormalized.eq(email)).one(db).await.unwrap().expect("the user")
}

/// Ana (3B, Élite), Bob (3B), Cid (4C, Active), Dan (no group).
async fn class(db: &DatabaseConnection, actor: Actor) {
    let rows = vec![
        row(2, ["Ana", "Roux", "ana@x.fr", "S-1", "FR", "fr", "3B|Élite", ""]),
        row(3, ["Bob", "Roux", "bob@x.fr", "S-2", "FR", "fr", "3B", ""]),
        row(4, ["Cid", "Roux", "cid@x.fr", "", "", "de", "4C", ""]),
        row(5, ["Dan", "Roux", "dan@x.fr", "", "", "fr", "", ""]),
    ];
    assert_eq!(import(db, actor, "class", rows, Mode::Add).await, [Outcome::Created; 4]);
    let cid = user(db, "cid@x.fr").await.id;
    assert!(storage::users::activate(db, cid, "$argon2id$x").await.unwrap());
}

/// Sends a learner's queued invitation as the worker does; returns its link's token.
async fn sent_link(db: &DatabaseConnection, user_id: i64) -> String {
    let claimed = storage::invitations::claim(db, "test", Utc::now(), chrono::Duration::minutes(1), 10).await.unwrap();
    let invitation = claimed.iter().find(|c| c.user.id == user_id).expect("the learner's invitation").invitation.id;
    let token = storage::tokens::new_token();
    let (hash, expires) = (storage::tokens::hash_token(&token), Utc::now() + chrono::Duration::days(7));
    assert!(storage::queue::set_token::<storage::queue::Learners>(db, invitation, "test", &hash, expires)
        .await
        .unwrap());
    storage::queue::mark_sent::<storage::queue::Learners>(db, invitation, "test", Utc::now()).await.unwrap();
    token
}

fn hash(password: &str) -> String {
    use argon2::password_hash::{rand_core::OsRng, PasswordHasher, SaltString};
    let salt = SaltString::generate(&mut OsRng);
    argon2::Argon2::default().hash_password(password.as_bytes(), &salt).expect("a hash").to_string()
}

fn counts(groups: &[domain::GroupRow]) -> Vec<(&str, u64)> {
    groups.iter().map(|g| (g.name.as_str(), g.members)).collect()
}

async fn actions(db: &DatabaseConnection) -> Vec<String> {
    let (log, _) = storage::activity::page(db, None, None, None, 50).await.unwrap();
    log.iter().rev().map(|e| e.action.clone()).collect()
}

#[tokio::test]
async fn the_groups_page_lists_renames_and_deletes_groups_and_deleting_keeps_the_members() {
    for t in testing::all().await {
        let actor = admin(&t.db).await;
        class(&t.db, actor).await;
        let groups = service::groups::list(&t.db).await.unwrap();
        assert_eq!(counts(&groups), [("3B", 2), ("4C", 1), ("Élite", 1)], "{:?}", t.backend);
        let id = |name: &str| groups.iter().find(|g| g.name == name).unwrap().id;

        // Another group's name, ignoring case and accents, is refused; the group's own in another case is a rename.
        let clash = service::groups::rename(&t.db, actor, id("3B"), "  elite ").await;
        assert!(matches!(clash, Err(GroupError::NameTaken)), "{:?}: {clash:?}", t.backend);
        let clash = service::groups::rename(&t.db, actor, id("4C"), "3b").await;
        assert!(matches!(clash, Err(GroupError::NameTaken)), "{clash:?}");
        for bad in ["", "   ", "a|b", &"x".repeat(65)] {
            let refused = service::groups::rename(&t.db, actor, id("4C"), bad).await;
            assert!(matches!(refused, Err(GroupError::BadName)), "{bad:?}: {refused:?}");
        }
        assert!(matches!(service::groups::rename(&t.db, actor, 999_999, "Z").await, Err(GroupError::NotFound)));
        service::groups::rename(&t.db, actor, id("3B"), "3b").await.expect("its own name in lower case");
        service::groups::rename(&t.db, actor, id("4C"), " 4ème C ").await.expect("a new name");
        let renamed = service::groups::list(&t.db).await.unwrap();
        assert_eq!(counts(&renamed), [("3b", 2), ("4ème C", 1), ("Élite", 1)]);
        let found = service::groups::find_by_name(&t.db, "4EME c").await.unwrap().expect("case and accents aside");
        assert_eq!((found.id, found.members), (id("4C"), 1));

        // Deleting 3b: its two members stay learners, with their other groups.
        assert_eq!(service::groups::delete(&t.db, actor, id("3B")).await.unwrap(), 2);
        assert!(matches!(service::groups::delete(&t.db, actor, id("3B")).await, Err(GroupError::NotFound)));
        assert_eq!(counts(&service::groups::list(&t.db).await.unwrap()), [("4ème C", 1), ("Élite", 1)]);
        assert_eq!(users::Entity::find().all(&t.db).await.unwrap().len(), 4, "{:?}: members kept", t.backend);
        let ana = user(&t.db, "ana@x.fr").await.id;
        let left = storage::groups::names_of_users(&t.db, &[ana]).await.unwrap();
        assert_eq!(left.get(&ana).cloned().unwrap_or_default(), ["Élite"]);

        // Two renames and one delete were recorded; refusals were not.
        let log = actions(&t.db).await;
        let ours: Vec<&str> = log.iter().map(String::as_str).filter(|a| a.starts_with("group.")).collect();
        assert_eq!(ours, ["group.rename", "group.rename", "group.delete"], "{:?}", t.backend);
    }
}

#[tokio::test]
async fn the_users_list_filters_by_group_and_shows_each_learners_groups() {
    for t in testing::all().await {
        let actor = admin(&t.db).await;
        class(&t.db, actor).await;
        let b3 = storage::groups::find_by_name(&t.db, "3b").await.unwrap().expect("3B").id;

        let everyone = service::users::list(&t.db, &UserQuery::default()).await.unwrap();
        let groups: Vec<(&str, Vec<String>)> =
            everyone.users.iter().map(|u| (u.firstname.as_str(), u.groups.clone())).collect();
        let expected = [
            ("Dan", vec![]),
            ("Cid", vec!["4C".to_owned()]),
            ("Bob", vec!["3B".to_owned()]),
            ("Ana", vec!["3B".to_owned(), "Élite".to_owned()]),
        ];
        assert_eq!(groups, expected, "{:?}: each learner's groups, by name", t.backend);

        let members = UserQuery { group: Some(b3), ..Default::default() };
        let list = service::users::list(&t.db, &members).await.unwrap();
        let names: Vec<&str> = list.users.iter().map(|u| u.firstname.as_str()).collect();
        assert_eq!(names, ["Bob", "Ana"], "{:?}", t.backend);
        assert_eq!(list.total, domain::Total::Exact(2));
        // With the other filters and sorts, and in the bulk actions' walk of a view.
        let active_members = UserQuery { status: Some(UserStatus::Active), ..members.clone() };
        assert!(service::users::list(&t.db, &active_members).await.unwrap().users.is_empty());
        let by_name = UserQuery { sort: domain::UserSort::Name, descending: false, ..members.clone() };
        assert_eq!(service::users::list(&t.db, &by_name).await.unwrap().users.len(), 2);
        assert_eq!(service::bulk::count(&t.db, &domain::BulkTarget::Filter(members.clone())).await.unwrap(), 2);
        // A group that does not exist (deleted since the address was written) finds nobody.
        let gone = UserQuery { group: Some(999_999), ..Default::default() };
        assert!(service::users::list(&t.db, &gone).await.unwrap().users.is_empty());
    }
}

#[tokio::test]
async fn one_learner_is_suspended_and_reactivated_back_to_the_state_they_had() {
    for t in testing::all().await {
        let actor = admin(&t.db).await;
        class(&t.db, actor).await;
        let (ana, cid) = (user(&t.db, "ana@x.fr").await.id, user(&t.db, "cid@x.fr").await.id);
        let waiting = |id: i64| {
            let db = t.db.clone();
            async move { invitations::Entity::find().filter(invitations::Column::UserId.eq(id)).all(&db).await.unwrap() }
        };
        assert_eq!(waiting(ana).await.len(), 1, "the import queued Ana's invitation");

        assert!(service::users::set_suspended(&t.db, actor, ana, true).await.unwrap());
        assert!(!service::users::set_suspended(&t.db, actor, ana, true).await.unwrap(), "already suspended");
        assert!(service::users::set_suspended(&t.db, actor, cid, true).await.unwrap());
        assert_eq!(user(&t.db, "ana@x.fr").await.status, UserStatus::Suspended);
        assert!(waiting(ana).await.is_empty(), "{:?}: the waiting invitation is cancelled", t.backend);

        assert!(service::users::set_suspended(&t.db, actor, ana, false).await.unwrap());
        assert!(service::users::set_suspended(&t.db, actor, cid, false).await.unwrap());
        assert!(!service::users::set_suspended(&t.db, actor, cid, false).await.unwrap(), "not suspended");
        assert_eq!(user(&t.db, "ana@x.fr").await.status, UserStatus::Pending);
        assert_eq!(user(&t.db, "cid@x.fr").await.status, UserStatus::Active, "{:?}", t.backend);
        let missing = service::users::set_suspended(&t.db, actor, 999_999, true).await;
        assert!(matches!(missing, Err(service::users::UserError::NotFound)));

        let log = actions(&t.db).await;
        let ours: Vec<&str> = log.iter().map(String::as_str).filter(|a| a.starts_with("user.")).collect();
        assert_eq!(ours, ["user.suspend", "user.suspend", "user.reactivate", "user.reactivate"], "{:?}", t.backend);
        assert_eq!(ActivityAction::parse("user.suspend"), Some(ActivityAction::UserSuspend));
    }
}

#[tokio::test]
async fn a_suspended_learner_is_told_so_only_with_the_right_password() {
    for t in testing::all().await {
        let actor = admin(&t.db).await;
        class(&t.db, actor).await;
        let password = "the learner's passphrase";
        // Bob accepts his invitation with this password (the hash the accept would store).
        let bob = user(&t.db, "bob@x.fr").await.id;
        assert!(storage::users::activate(&t.db, bob, &hash(password)).await.unwrap());
        let sign_in = |email: &'static str, password: &'static str, ip: &'static str| {
            let db = t.db.clone();
            async move {
                let client = service::auth::ClientAddress::new(ip.parse().unwrap());
                service::invitations::learner_sign_in(&db, email, password.into(), client, Utc::now()).await
            }
        };
        assert!(matches!(sign_in("bob@x.fr", password, "192.0.2.1").await, Ok(LearnerAnswer::Welcome { .. })));

        service::users::set_suspended(&t.db, actor, bob, true).await.unwrap();
        let right = sign_in("bob@x.fr", password, "192.0.2.1").await;
        assert_eq!(right.ok(), Some(LearnerAnswer::Suspended), "{:?}", t.backend);
        // A wrong password gets what a wrong password always gets: nothing says the account is suspended.
        let wrong = sign_in("bob@x.fr", "a wrong guess", "192.0.2.1").await;
        assert_eq!(wrong.ok(), Some(LearnerAnswer::CheckYourInbox));
        let stranger = sign_in("nobody@x.fr", "a wrong guess", "192.0.2.1").await;
        assert_eq!(stranger.ok(), Some(LearnerAnswer::CheckYourInbox));
        // The throttle counts a suspended account's wrong guesses as any: five free, then waits.
        let mut throttled = 0;
        for _ in 0..7 {
            if matches!(
                sign_in("bob@x.fr", "guess", "192.0.2.9").await,
                Err(service::auth::SignInError::TooManyAttempts { .. })
            ) {
                throttled += 1;
            }
        }
        assert_eq!(throttled, 2, "{:?}", t.backend);

        // A Pending learner suspended once their invitation was sent: the live link says the account is suspended
        // (not "ask for a new one", which would not come); the usual answer at sign-in, and no invitation is sent.
        let ana = user(&t.db, "ana@x.fr").await.id;
        let token = sent_link(&t.db, ana).await;
        assert!(matches!(service::invitations::link_state(&t.db, &token).await.unwrap(), LinkState::Valid { .. }));
        service::users::set_suspended(&t.db, actor, ana, true).await.unwrap();
        assert_eq!(service::invitations::link_state(&t.db, &token).await.unwrap(), LinkState::Suspended);
        let accepted = service::invitations::accept(&t.db, &token, "a long enough passphrase".into()).await;
        assert!(matches!(accepted, Err(service::invitations::AcceptError::UnusableLink)), "{accepted:?}");
        assert_eq!(service::invitations::link_state(&t.db, "no-such-token").await.unwrap(), LinkState::Unusable);
        assert_eq!(sign_in("ana@x.fr", "anything", "192.0.2.2").await.ok(), Some(LearnerAnswer::CheckYourInbox));
        let queued = invitations::Entity::find()
            .filter(invitations::Column::UserId.eq(ana))
            .filter(invitations::Column::State.ne(domain::InvitationState::Sent))
            .all(&t.db)
            .await
            .unwrap();
        assert!(queued.is_empty(), "{:?}: a Suspended learner's sign-in queues no invitation", t.backend);

        // Reactivated, the right password signs in again.
        service::users::set_suspended(&t.db, actor, bob, false).await.unwrap();
        assert!(matches!(sign_in("bob@x.fr", password, "192.0.2.1").await, Ok(LearnerAnswer::Welcome { .. })));
    }
}

#[tokio::test]
async fn an_export_re_imports_in_update_mode_as_all_unchanged() {
    for t in testing::all().await {
        let actor = admin(&t.db).await;
        class(&t.db, actor).await;
        // Every status the export writes: Pending (Ana, Bob), Active (Cid), Suspended (Dan).
        let dan = user(&t.db, "dan@x.fr").await.id;
        service::users::set_suspended(&t.db, actor, dan, true).await.unwrap();

        let (lines, next) = service::users::export_batch(&t.db, &UserQuery::default(), 0, 1_000).await.unwrap();
        assert_eq!(next, None);
        let mut csv = String::new();
        rules::write_csv_record(&mut csv, service::users::EXPORT_COLUMNS.iter());
        for line in &lines {
            rules::write_csv_record(&mut csv, line.iter());
        }
        let header: Vec<&str> = service::users::EXPORT_COLUMNS.to_vec();
        assert_eq!(header[6..8], ["groups", "status"]);
        let ana = lines.iter().find(|l| l[2] == "ana@x.fr").expect("Ana's line");
        assert_eq!((ana[6].as_str(), ana[7].as_str()), ("3B|Élite", "Pending"));
        let statuses: Vec<&str> = lines.iter().map(|l| l[7].as_str()).collect();
        assert_eq!(statuses, ["Pending", "Pending", "Active", "Suspended"], "{:?}", t.backend);

        let report = rules::check_bytes("export.csv", csv.as_bytes(), &rules::Existing::default());
        assert!(report.file_error.is_none(), "{:?}", report.file_error);
        assert!(
            report.warnings.is_empty(),
            "the export's own columns are read without a warning: {:?}",
            report.warnings
        );
        let rows: Vec<SubmittedRow> = report
            .rows
            .iter()
            .map(|r| {
                assert!(r.errors.is_empty(), "row {}: {:?}", r.row, r.errors);
                SubmittedRow { row: r.row, values: r.values.to_vec(), seen: None }
            })
            .collect();
        let outcomes = import(&t.db, actor, "re-import", rows, Mode::Update).await;
        assert_eq!(outcomes, [Outcome::Unchanged; 4], "{:?}", t.backend);
        assert_eq!(user(&t.db, "dan@x.fr").await.status, UserStatus::Suspended);
    }
}
