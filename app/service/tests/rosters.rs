//! Rosters against SQLite and a real PostgreSQL: each mode's counts, values, groups and statuses; a sync's
//! leavers and its safety threshold; a learner changed since the preview is not overwritten; two syncs of one
//! group at once; and the undo putting every value, membership and status back byte for byte.

use std::collections::BTreeSet;

use domain::{
    Actor, ConfirmAnswer, ConfirmRequest, InvitationState, Missing, Outcome, RosterOptions, Seen, SubmittedRow,
    UserStatus,
};
use rules::{EmptyCells, Mode};
use sea_orm::{ColumnTrait, DatabaseConnection, EntityTrait, QueryFilter};
use service::import::{ImportError, SyncPolicy};
use storage::entity::{invitations, users};
use storage::testing;

const WINDOW_HOURS: i64 = 24;

async fn admin(db: &DatabaseConnection) -> Actor {
    Actor::admin(storage::admins::create(db, "admin@x.fr", "admin@x.fr", "$argon2id$test").await.expect("an admin").id)
}

/// A row: first name, last name, email, identifier, country, language, groups, status.
fn row(row: u32, values: [&str; 8]) -> SubmittedRow {
    SubmittedRow { row, values: values.map(String::from).into(), seen: None }
}

fn request(id: &str, rows: Vec<SubmittedRow>, roster: RosterOptions) -> ConfirmRequest {
    ConfirmRequest {
        request_id: id.to_owned(),
        file_name: format!("{id}.csv"),
        file_sha256: format!("{:0>64}", id.len()),
        rows,
        send_invitations: true,
        ignore_errors: false,
        roster,
    }
}

fn mode(mode: Mode) -> RosterOptions {
    RosterOptions { mode, ..Default::default() }
}

fn sync(group: &str, missing: Missing, allow: Option<u32>) -> RosterOptions {
    RosterOptions {
        mode: Mode::Sync,
        group: Some(group.to_owned()),
        missing,
        allow_removals: allow,
        ..Default::default()
    }
}

async fn confirm(db: &DatabaseConnection, actor: Actor, request: ConfirmRequest) -> Result<ConfirmAnswer, ImportError> {
    service::import::confirm(db, actor, request, SyncPolicy::default()).await
}

async fn user(db: &DatabaseConnection, email: &str) -> users::Model {
    users::Entity::find().filter(users::Column::EmailNormalized.eq(email)).one(db).await.unwrap().expect("the user")
}

async fn groups_of(db: &DatabaseConnection, email: &str) -> Vec<String> {
    let id = user(db, email).await.id;
    storage::groups::names_of_users(db, &[id]).await.unwrap().remove(&id).unwrap_or_default()
}

/// Every user's values, status and groups: what an undo must put back byte for byte.
async fn snapshot(db: &DatabaseConnection) -> BTreeSet<String> {
    let all = users::Entity::find().all(db).await.unwrap();
    let ids: Vec<i64> = all.iter().map(|u| u.id).collect();
    let groups = storage::groups::names_of_users(db, &ids).await.unwrap();
    all.into_iter()
        .map(|u| {
            format!(
                "{}|{}|{}|{:?}|{:?}|{}|{:?}|{:?}|{:?}",
                u.firstname,
                u.lastname,
                u.email,
                u.identifier,
                u.country,
                u.language,
                u.status,
                u.status_before,
                groups.get(&u.id)
            )
        })
        .collect()
}

/// Ana (S-1, 3B), Bob (S-2, 3B), Cid (S-3, 3B, Active), Dan (S-4, 4C).
async fn class(db: &DatabaseConnection, actor: Actor) {
    let rows = vec![
        row(2, ["Ana", "Roux", "ana@x.fr", "S-1", "FR", "fr", "3B", ""]),
        row(3, ["Bob", "Roux", "bob@x.fr", "S-2", "FR", "fr", "3B", ""]),
        row(4, ["Cid", "Roux", "cid@x.fr", "S-3", "", "fr", "3B", ""]),
        row(5, ["Dan", "Roux", "dan@x.fr", "S-4", "", "fr", "4C", ""]),
    ];
    let answer = confirm(db, actor, request("class", rows, mode(Mode::Add))).await.expect("the class");
    assert_eq!(answer.created, 4, "{answer:?}");
    let cid = user(db, "cid@x.fr").await.id;
    assert!(storage::users::activate(db, cid, "$argon2id$x").await.unwrap());
}

#[tokio::test]
async fn add_mode_creates_the_files_groups_and_still_refuses_known_learners() {
    for t in testing::all().await {
        let actor = admin(&t.db).await;
        class(&t.db, actor).await;
        assert_eq!(groups_of(&t.db, "ana@x.fr").await, ["3B"]);
        let list = storage::groups::list(&t.db).await.unwrap();
        let counts: Vec<(String, i64)> = list.into_iter().map(|g| (g.name, g.members)).collect();
        assert_eq!(counts, [("3B".to_owned(), 3), ("4C".to_owned(), 1)], "{:?}", t.backend);
        let again = vec![row(2, ["Ana", "Roux", "ANA@x.fr", "", "", "fr", "3b", ""])];
        let answer = confirm(&t.db, actor, request("again", again, mode(Mode::Add))).await.unwrap();
        assert!(!answer.imported);
        assert_eq!(answer.rows[0].problems[0].code().as_str(), "email.exists");
    }
}

#[tokio::test]
async fn update_mode_adds_new_learners_updates_known_ones_and_counts_the_unchanged() {
    for t in testing::all().await {
        let actor = admin(&t.db).await;
        class(&t.db, actor).await;
        let ana_version = user(&t.db, "ana@x.fr").await.updated_at;
        let rows = vec![
            // Ana: matched by identifier, new surname, a second group, country kept (empty cell).
            row(2, ["Ana", "Roux-Martin", "ana@x.fr", "S-1", "", "fr", "4C", ""]),
            // Bob: already as in the portal.
            row(3, ["Bob", "Roux", "BOB@x.fr", "S-2", "FR", "fr", "3B", ""]),
            // Eve: new.
            row(4, ["Eve", "Lune", "eve@x.fr", "S-5", "", "en", "5A", ""]),
            // Dan: suspended by the file.
            row(5, ["Dan", "Roux", "dan@x.fr", "S-4", "", "fr", "", "suspended"]),
        ];
        let answer = confirm(&t.db, actor, request("update", rows, mode(Mode::Update))).await.expect("the update");
        assert!(answer.imported, "{answer:?}");
        let outcomes: Vec<Outcome> = answer.rows.iter().map(|r| r.outcome).collect();
        assert_eq!(outcomes, [Outcome::Updated, Outcome::Unchanged, Outcome::Created, Outcome::Updated]);
        assert_eq!((answer.created, answer.counts.updated, answer.counts.unchanged), (1, 2, 1));
        let ana = user(&t.db, "ana@x.fr").await;
        assert_eq!((ana.lastname.as_str(), ana.country.as_deref()), ("Roux-Martin", Some("FR")));
        assert_ne!(ana.updated_at, ana_version);
        assert_eq!(groups_of(&t.db, "ana@x.fr").await, ["3B", "4C"]);
        let changed: Vec<(&str, &str, &str)> =
            answer.rows[0].changes.iter().map(|c| (c.column.as_str(), c.old.as_str(), c.new.as_str())).collect();
        assert_eq!(changed, [("lastname", "Roux", "Roux-Martin"), ("groups", "3B", "3B|4C")]);
        let dan = user(&t.db, "dan@x.fr").await;
        assert_eq!((dan.status, dan.status_before), (UserStatus::Suspended, Some(UserStatus::Pending)));
        // A Suspended learner's waiting invitation is cancelled; Eve's is queued.
        let dans = invitations::Entity::find().filter(invitations::Column::UserId.eq(dan.id)).all(&t.db).await.unwrap();
        assert!(dans.iter().all(|i| i.state != InvitationState::Queued), "{dans:?}");
        let eve = user(&t.db, "eve@x.fr").await;
        assert_eq!(groups_of(&t.db, "eve@x.fr").await, ["5A"]);
        assert!(invitations::Entity::find()
            .filter(invitations::Column::UserId.eq(eve.id))
            .one(&t.db)
            .await
            .unwrap()
            .is_some());
        // The history keeps the counts and each change.
        let detail = service::history::detail(
            &t.db,
            answer.import_id.unwrap(),
            chrono::Utc::now(),
            chrono::Duration::hours(WINDOW_HOURS),
        )
        .await
        .unwrap()
        .unwrap();
        assert_eq!((detail.summary.mode, detail.summary.counts.updated), (Mode::Update, 2));
        assert_eq!(detail.rows[0].changes.len(), 2);
    }
}

#[tokio::test]
async fn update_only_skips_unknown_rows_and_a_new_email_reinvites_a_pending_learner() {
    for t in testing::all().await {
        let actor = admin(&t.db).await;
        class(&t.db, actor).await;
        let before = user(&t.db, "bob@x.fr").await;
        let rows = vec![
            row(2, ["Zed", "Nobody", "zed@x.fr", "", "", "fr", "", ""]),
            row(3, ["Bob", "Roux", "bob.roux@x.fr", "S-2", "", "fr", "", ""]),
        ];
        let refused = confirm(&t.db, actor, request("only-1", rows.clone(), mode(Mode::UpdateOnly))).await.unwrap();
        assert!(!refused.imported);
        assert_eq!(refused.rows[0].problems[0].code().as_str(), "user.not_found");
        let mut ignoring = request("only-2", rows, mode(Mode::UpdateOnly));
        ignoring.ignore_errors = true;
        let answer = confirm(&t.db, actor, ignoring).await.unwrap();
        assert_eq!((answer.created, answer.skipped, answer.counts.updated), (0, 1, 1));
        let bob = user(&t.db, "bob.roux@x.fr").await;
        assert_eq!(bob.id, before.id);
        let invitation =
            invitations::Entity::find().filter(invitations::Column::UserId.eq(bob.id)).one(&t.db).await.unwrap();
        assert_eq!(invitation.map(|i| i.state), Some(InvitationState::Queued));
    }
}

#[tokio::test]
async fn a_sync_adds_updates_and_removes_the_members_not_in_the_file_and_its_undo_puts_everything_back() {
    for t in testing::all().await {
        let actor = admin(&t.db).await;
        class(&t.db, actor).await;
        let before = snapshot(&t.db).await;
        // The term's list of 3B: Ana (renamed), Cid, and a newcomer; Bob left.
        let rows = vec![
            row(2, ["Anna", "Roux", "ana@x.fr", "S-1", "", "fr", "", ""]),
            row(3, ["Cid", "Roux", "cid@x.fr", "S-3", "", "fr", "", ""]),
            row(4, ["Fay", "Sol", "fay@x.fr", "S-6", "", "de", "", ""]),
            // Dan moves to 3B (and stays in 4C).
            row(5, ["Dan", "Roux", "dan@x.fr", "S-4", "", "fr", "", ""]),
        ];
        let answer = confirm(&t.db, actor, request("sync-3b", rows, sync("3b", Missing::Remove, None))).await.unwrap();
        assert!(answer.imported, "{answer:?}");
        assert_eq!(
            (answer.created, answer.counts.updated, answer.counts.unchanged, answer.counts.removed),
            (1, 2, 1, 1)
        );
        let group = storage::groups::find_by_name(&t.db, "3B").await.unwrap().expect("3B");
        let members: BTreeSet<i64> = storage::groups::members_of(&t.db, group.id).await.unwrap().into_iter().collect();
        let expected: BTreeSet<i64> = [
            user(&t.db, "ana@x.fr").await.id,
            user(&t.db, "cid@x.fr").await.id,
            user(&t.db, "fay@x.fr").await.id,
            user(&t.db, "dan@x.fr").await.id,
        ]
        .into();
        assert_eq!(members, expected, "{:?}", t.backend);
        assert_eq!(groups_of(&t.db, "bob@x.fr").await, Vec::<String>::new());
        assert_eq!(groups_of(&t.db, "dan@x.fr").await, ["3B", "4C"]);
        // The same sync again changes nothing.
        let rows = vec![
            row(2, ["Anna", "Roux", "ana@x.fr", "S-1", "", "fr", "", ""]),
            row(3, ["Cid", "Roux", "cid@x.fr", "S-3", "", "fr", "", ""]),
            row(4, ["Fay", "Sol", "fay@x.fr", "S-6", "", "de", "", ""]),
            row(5, ["Dan", "Roux", "dan@x.fr", "S-4", "", "fr", "", ""]),
        ];
        let again =
            confirm(&t.db, actor, request("sync-3b-again", rows, sync("3B", Missing::Remove, None))).await.unwrap();
        assert_eq!((again.created, again.counts.updated, again.counts.unchanged, again.counts.removed), (0, 0, 4, 0));
        service::history::undo(
            &t.db,
            again.import_id.unwrap(),
            actor.admin_id,
            chrono::Utc::now(),
            chrono::Duration::hours(WINDOW_HOURS),
        )
        .await
        .expect("undo the second");
        let undone = service::history::undo(
            &t.db,
            answer.import_id.unwrap(),
            actor.admin_id,
            chrono::Utc::now(),
            chrono::Duration::hours(WINDOW_HOURS),
        )
        .await
        .expect("undo the sync");
        assert_eq!(undone.removed, 1, "Fay");
        assert!(undone.kept.is_empty(), "{:?}", undone.kept);
        assert_eq!(snapshot(&t.db).await, before, "{:?}", t.backend);
    }
}

#[tokio::test]
async fn a_sync_that_would_remove_too_many_is_refused_unless_the_removals_are_allowed_and_can_suspend() {
    for t in testing::all().await {
        let actor = admin(&t.db).await;
        let rows: Vec<SubmittedRow> =
            (0..10).map(|i| row(i + 2, ["Ana", "Roux", &format!("a{i}@x.fr"), "", "", "fr", "6D", ""])).collect();
        confirm(&t.db, actor, request("six-d", rows, mode(Mode::Add))).await.unwrap();
        // Only 3 of the 10 are in the file: 7 would go, more than 5 and more than 20 %.
        let three: Vec<SubmittedRow> =
            (0..3).map(|i| row(i + 2, ["Ana", "Roux", &format!("a{i}@x.fr"), "", "", "fr", "", ""])).collect();
        let refused =
            confirm(&t.db, actor, request("sync-6d-1", three.clone(), sync("6D", Missing::Suspend, None))).await;
        assert!(matches!(refused, Err(ImportError::TooManyRemovals { count: 7, members: 10 })), "{refused:?}");
        let short =
            confirm(&t.db, actor, request("sync-6d-2", three.clone(), sync("6D", Missing::Suspend, Some(6)))).await;
        assert!(matches!(short, Err(ImportError::TooManyRemovals { .. })));
        assert_eq!(user(&t.db, "a9@x.fr").await.status, UserStatus::Pending, "nothing was written");
        let answer =
            confirm(&t.db, actor, request("sync-6d-3", three, sync("6D", Missing::Suspend, Some(7)))).await.unwrap();
        assert_eq!((answer.counts.suspended, answer.counts.removed), (7, 0));
        let a9 = user(&t.db, "a9@x.fr").await;
        assert_eq!((a9.status, a9.status_before), (UserStatus::Suspended, Some(UserStatus::Pending)));
        assert_eq!(groups_of(&t.db, "a9@x.fr").await, ["6D"], "a suspended member stays in the group");
        // Reactivated by a file's status column: back to Pending.
        let back = vec![row(2, ["Ana", "Roux", "a9@x.fr", "", "", "fr", "", "active"])];
        confirm(&t.db, actor, request("back", back, mode(Mode::UpdateOnly))).await.unwrap();
        let a9 = user(&t.db, "a9@x.fr").await;
        assert_eq!((a9.status, a9.status_before), (UserStatus::Pending, None));
    }
}

#[tokio::test]
async fn a_learner_changed_since_the_preview_is_not_overwritten() {
    for t in testing::all().await {
        let actor = admin(&t.db).await;
        class(&t.db, actor).await;
        let ana = user(&t.db, "ana@x.fr").await;
        let seen = Seen { learner: ana.id, version: ana.updated_at.timestamp_micros() };
        // Another admin edits Ana after the preview.
        let edited = rules::ValidUser::check(["Ana", "Roux", "ana@x.fr", "S-1", "BE", "fr"]).unwrap();
        storage::users::update(&t.db, ana.id, &edited, chrono::Utc::now()).await.unwrap();
        let mut rows = vec![row(2, ["Ana", "Durand", "ana@x.fr", "S-1", "", "fr", "", ""])];
        rows[0].seen = Some(seen);
        let answer = confirm(&t.db, actor, request("stale", rows.clone(), mode(Mode::Update))).await.unwrap();
        assert!(!answer.imported);
        assert_eq!(answer.rows[0].problems[0].code().as_str(), "user.changed_since_preview");
        assert_eq!(user(&t.db, "ana@x.fr").await.lastname, "Roux");
        // Checked again (the preview shows the new version), it goes through.
        let ana = user(&t.db, "ana@x.fr").await;
        rows[0].seen = Some(Seen { learner: ana.id, version: ana.updated_at.timestamp_micros() });
        let answer = confirm(&t.db, actor, request("fresh", rows, mode(Mode::Update))).await.unwrap();
        assert!(answer.imported, "{answer:?}");
        let ana = user(&t.db, "ana@x.fr").await;
        assert_eq!((ana.lastname.as_str(), ana.country.as_deref()), ("Durand", Some("BE")));
    }
}

#[tokio::test]
async fn empty_cells_clear_values_and_replace_groups_when_asked() {
    for t in testing::all().await {
        let actor = admin(&t.db).await;
        class(&t.db, actor).await;
        let rows = vec![row(2, ["Ana", "Roux", "ana@x.fr", "S-1", "", "fr", "4C", ""])];
        let options = RosterOptions { mode: Mode::Update, empty: EmptyCells::Clear, ..Default::default() };
        confirm(&t.db, actor, request("clear", rows, options)).await.unwrap();
        let ana = user(&t.db, "ana@x.fr").await;
        assert_eq!(ana.country, None);
        assert_eq!(groups_of(&t.db, "ana@x.fr").await, ["4C"]);
    }
}

#[tokio::test]
async fn two_syncs_of_one_group_at_once_leave_one_membership_each_and_lose_no_update() {
    for t in testing::all().await {
        let actor = admin(&t.db).await;
        class(&t.db, actor).await;
        let first = vec![
            row(2, ["Ana", "Roux", "ana@x.fr", "S-1", "", "fr", "", ""]),
            row(3, ["Gil", "Mer", "gil@x.fr", "S-7", "", "fr", "", ""]),
        ];
        let second = vec![
            row(2, ["Ana", "Roux", "ana@x.fr", "S-1", "", "fr", "", ""]),
            row(3, ["Gil", "Mer", "gil@x.fr", "S-7", "", "fr", "", ""]),
            row(4, ["Bob", "Roux", "bob@x.fr", "S-2", "BE", "fr", "", ""]),
        ];
        let options = sync("3B", Missing::Remove, Some(10));
        let (a, b) = tokio::join!(
            confirm(&t.db, actor, request("race-1", first, options.clone())),
            confirm(&t.db, actor, request("race-2", second, options.clone())),
        );
        let (a, b) = (a.expect("first sync"), b.expect("second sync"));
        assert!(a.imported && b.imported);
        // One of them ran last: Gil exists once, a member once.
        let gils =
            users::Entity::find().filter(users::Column::EmailNormalized.eq("gil@x.fr")).all(&t.db).await.unwrap();
        assert_eq!(gils.len(), 1);
        assert_eq!(a.created + b.created, 1, "{a:?} {b:?}");
        let group = storage::groups::find_by_name(&t.db, "3B").await.unwrap().unwrap();
        let members = storage::groups::members_of(&t.db, group.id).await.unwrap();
        let unique: BTreeSet<i64> = members.iter().copied().collect();
        assert_eq!(unique.len(), members.len());
        assert_eq!(user(&t.db, "bob@x.fr").await.country.as_deref(), Some("BE"), "the second sync's update stays");
    }
}

/// Marks this learner's invitation sent, as the worker does, and returns its accept link's token.
async fn sent_link(db: &DatabaseConnection, user_id: i64) -> String {
    use sea_orm::sea_query::Expr;
    let token = storage::tokens::new_token();
    invitations::Entity::update_many()
        .col_expr(invitations::Column::State, Expr::value(InvitationState::Sent))
        .col_expr(invitations::Column::TokenHash, Expr::value(storage::tokens::hash_token(&token)))
        .col_expr(invitations::Column::TokenExpiresAt, Expr::value(chrono::Utc::now() + chrono::Duration::days(7)))
        .filter(invitations::Column::UserId.eq(user_id))
        .exec(db)
        .await
        .expect("the invitation sent");
    token
}

#[tokio::test]
async fn an_accept_racing_an_update_of_the_same_learner_loses_neither() {
    for t in testing::all().await {
        let actor = admin(&t.db).await;
        let rows: Vec<SubmittedRow> = (0..8)
            .map(|i| row(i + 2, ["Ana", "Roux", &format!("r{i}@x.fr"), &format!("R-{i}"), "", "fr", "", ""]))
            .collect();
        confirm(&t.db, actor, request("racers", rows, mode(Mode::Add))).await.unwrap();
        for i in 0..8u32 {
            let email = format!("r{i}@x.fr");
            let id = user(&t.db, &email).await.id;
            let token = sent_link(&t.db, id).await;
            // The learner accepts while the nightly file changes their surname.
            let update = vec![row(2, ["Ana", "Durand", &email, &format!("R-{i}"), "", "fr", "", ""])];
            let (accepted, updated) = tokio::join!(
                service::invitations::accept(&t.db, &token, "a long enough password".to_owned()),
                confirm(&t.db, actor, request(&format!("race-{i}"), update, mode(Mode::Update))),
            );
            assert!(accepted.is_ok(), "{:?}: {accepted:?}", t.backend);
            let updated = updated.expect("the update");
            assert_eq!(updated.counts.updated, 1, "{:?}", t.backend);
            let after = user(&t.db, &email).await;
            assert_eq!(
                (after.lastname.as_str(), after.status),
                ("Durand", UserStatus::Active),
                "{:?} race {i}",
                t.backend
            );
            assert!(after.password_hash.is_some());
        }
    }
}

#[tokio::test]
async fn two_rows_naming_one_learner_by_identifier_and_by_email_are_one_update_and_one_duplicate() {
    for t in testing::all().await {
        let actor = admin(&t.db).await;
        class(&t.db, actor).await;
        // Row 2 is Ana by her identifier (with a new address), row 3 is Ana by her old address.
        let rows = vec![
            row(2, ["Ana", "Roux", "ana.roux@x.fr", "S-1", "", "fr", "", ""]),
            row(3, ["Anna", "Roux", "ana@x.fr", "", "", "fr", "", ""]),
        ];
        let refused = confirm(&t.db, actor, request("twice-1", rows.clone(), mode(Mode::Update))).await.unwrap();
        assert!(!refused.imported);
        assert_eq!(refused.rows[1].problems[0].code().as_str(), "user.duplicate");
        assert_eq!(refused.rows[1].problems[0].row, Some(2));
        let mut ignoring = request("twice-2", rows, mode(Mode::Update));
        ignoring.ignore_errors = true;
        let answer = confirm(&t.db, actor, ignoring).await.expect("not a busy database");
        assert_eq!((answer.counts.updated, answer.skipped), (1, 1), "{answer:?}");
        assert_eq!(user(&t.db, "ana.roux@x.fr").await.firstname, "Ana");
    }
}

#[tokio::test]
async fn a_new_learner_whose_status_cell_says_suspended_is_created_suspended_without_an_invitation() {
    for t in testing::all().await {
        let actor = admin(&t.db).await;
        let rows = vec![
            row(2, ["Eva", "Nuit", "eva@x.fr", "", "", "fr", "", "suspended"]),
            row(3, ["Max", "Jour", "max@x.fr", "", "", "fr", "", "active"]),
        ];
        let answer = confirm(&t.db, actor, request("new-suspended", rows, mode(Mode::Add))).await.unwrap();
        assert_eq!(answer.created, 2, "{answer:?}");
        let (eva, max) = (user(&t.db, "eva@x.fr").await, user(&t.db, "max@x.fr").await);
        assert_eq!((eva.status, eva.status_before), (UserStatus::Suspended, Some(UserStatus::Pending)));
        assert_eq!(max.status, UserStatus::Pending);
        let evas = invitations::Entity::find().filter(invitations::Column::UserId.eq(eva.id)).all(&t.db).await.unwrap();
        assert!(evas.is_empty(), "{evas:?}");
        let maxs = invitations::Entity::find().filter(invitations::Column::UserId.eq(max.id)).all(&t.db).await.unwrap();
        assert_eq!(maxs.len(), 1);
    }
}
