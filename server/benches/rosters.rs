//! Rosters at scale, on SQLite and PostgreSQL, in the kept portals of 10,000 and 1,000,000 users (`common::kept`):
//! the preview's look-up of 250 matched learners; a confirm of 250 rows that all update known learners, against a
//! bare multi-row UPDATE of the same rows; a sync of a 250-member group (10 new, 30 changed, 5 leaving) against an
//! `add` import of 250 new rows; and the undo of that sync. Each run puts the portal back as it was. Records
//! benchkit rows; asserts nothing about time.

use std::time::{Duration, Instant};

use benchkit::{seconds, Figure, Goal, Row};
use domain::{Actor, ConfirmRequest, Missing, RosterOptions, SubmittedRow};
use rules::Mode;
use sea_orm::ConnectionTrait;
use service::import::{confirm, SyncPolicy};
use storage::testing::TestDb;

mod common;

use common::{COUNTRIES, FIRST, LANGUAGES, LAST};

const ROWS: usize = 250;
const SECTION: &str = "Rosters at scale";

fn runs() -> usize {
    std::env::var("BENCH_RUNS").ok().and_then(|n| n.parse().ok()).unwrap_or(11)
}

/// The values the kept portal gave its user number `i` (see `common::fill`), with another last name if asked.
fn existing(i: usize, lastname: Option<&str>) -> Vec<String> {
    let (first, last) = (FIRST[i % 8], LAST[(i / 8) % 8]);
    vec![
        first.to_owned(),
        lastname.unwrap_or(last).to_owned(),
        format!("{}.{}{i}@example.org", first.to_lowercase(), last.to_lowercase()),
        format!("ID-{i:07}"),
        COUNTRIES[i % 5].to_owned(),
        LANGUAGES[i % 4].to_owned(),
        String::new(),
        String::new(),
    ]
}

fn new_row(tag: &str, run: usize, i: usize) -> Vec<String> {
    vec![
        FIRST[i % 8].to_owned(),
        "Nouveau".to_owned(),
        format!("{tag}{run}-{i}@bench.example.com"),
        format!("{tag}{run}-{i}"),
        "FR".to_owned(),
        "fr".to_owned(),
        String::new(),
        String::new(),
    ]
}

fn request(id: String, values: Vec<Vec<String>>, roster: RosterOptions) -> ConfirmRequest {
    ConfirmRequest {
        request_id: id,
        file_name: "rosters.csv".into(),
        file_sha256: "00".repeat(32),
        rows: values
            .into_iter()
            .enumerate()
            .map(|(i, values)| SubmittedRow { row: i as u32 + 2, values, seen: None })
            .collect(),
        send_invitations: true,
        ignore_errors: false,
        roster,
    }
}

fn unique() -> u64 {
    std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).map(|d| d.as_nanos() as u64).unwrap_or(0)
}

struct Figures {
    preview: Figure,
    update: Figure,
    bare_update: Figure,
    sync: Figure,
    add: Figure,
    undo: Figure,
}

async fn measure(t: &TestDb, size: usize) -> Figures {
    let email = format!("bench-rosters-{}@example.com", unique());
    let admin = storage::admins::create(&t.db, &email, &email, "x").await.expect("admin").id;
    let actor = Actor::admin(admin);
    let policy = SyncPolicy::default();
    // The users the benchmark works on: a block in the middle of the portal.
    let base = size / 2;
    let updated: Vec<usize> = (base..base + ROWS).collect();
    let members: Vec<usize> = (base + ROWS..base + ROWS + 245).collect();
    let group = format!("bench-sync-{}", unique());
    // The group's 245 members.
    let emails: Vec<String> = members.iter().map(|&i| existing(i, None)[2].clone()).collect();
    let ids: Vec<i64> =
        storage::users::ids_by_email(&t.db, &emails).await.expect("ids").into_iter().map(|p| p.1).collect();
    assert_eq!(ids.len(), 245, "the kept portal has the users of the block");
    let (found, _) = storage::groups::ensure(&t.db, &[group.as_str()], None, chrono::Utc::now()).await.expect("group");
    let group_id = found[0].id;
    let pairs: Vec<(i64, i64)> = ids.iter().map(|&id| (group_id, id)).collect();
    storage::groups::add_members(&t.db, &pairs, chrono::Utc::now()).await.expect("members");

    let mut times: [Vec<Duration>; 6] = Default::default();
    for run in 0..runs() {
        // The preview's look-up: 250 emails and identifiers, every one a learner's.
        let rows: Vec<Vec<String>> = updated.iter().map(|&i| existing(i, None)).collect();
        let (emails, identifiers): (Vec<String>, Vec<String>) =
            rows.iter().map(|r| (r[2].clone(), r[3].clone())).unzip();
        let start = Instant::now();
        let learners = service::import::learners(&t.db, &emails, &identifiers).await.expect("learners");
        times[0].push(start.elapsed());
        assert_eq!(learners.len(), ROWS);

        // 250 updates: a last name that alternates from run to run, so every run changes every row.
        let last = if run % 2 == 0 { "Durand" } else { "Lefèvre" };
        let rows: Vec<Vec<String>> = updated.iter().map(|&i| existing(i, Some(last))).collect();
        let start = Instant::now();
        let answer =
            confirm(&t.db, actor, request(format!("bench-upd-{}", unique()), rows, mode(Mode::Update)), policy)
                .await
                .expect("update");
        times[1].push(start.elapsed());
        assert_eq!(answer.counts.updated as usize, ROWS, "{:?}", answer.rows.first());
        common::remove_record(t, answer.import_id.expect("an import")).await;

        // The same rows' last names by one bare statement, with what a last name is also stored as (its key, the
        // sort name, the search text, which the search indexes follow), as the import writes them.
        let other = if run % 2 == 0 { "Bare-Durand" } else { "Bare-Lefèvre" };
        let values: Vec<String> = learners
            .iter()
            .map(|l| {
                let v = &l.values;
                let search = storage::search::search_text(&v.firstname, other, &v.email, Some(&v.identifier));
                let sort = storage::search::sort_name(&v.firstname, other);
                let quoted = |text: &str| text.replace('\'', "''");
                format!("({}, '{other}', '{}', '{}', '{}')", l.id, other.to_lowercase(), quoted(&sort), quoted(&search))
            })
            .collect();
        let sql = format!(
            "WITH v(id, lastname, lastname_key, sort_name, search_text) AS (VALUES {}) UPDATE users SET \
             lastname = (SELECT v.lastname FROM v WHERE v.id = users.id), \
             lastname_key = (SELECT v.lastname_key FROM v WHERE v.id = users.id), \
             sort_name = (SELECT v.sort_name FROM v WHERE v.id = users.id), \
             search_text = (SELECT v.search_text FROM v WHERE v.id = users.id) \
             WHERE id IN (SELECT id FROM v)",
            values.join(", ")
        );
        let start = Instant::now();
        let txn = storage::begin_write(&t.db).await.expect("begin");
        txn.execute_unprepared(&sql).await.expect("bare update");
        txn.commit().await.expect("commit");
        times[2].push(start.elapsed());

        // The sync: 240 of the 245 members (30 with a new last name), 10 new; 5 leave.
        let mut rows: Vec<Vec<String>> = members[..240]
            .iter()
            .enumerate()
            .map(|(k, &i)| existing(i, (k < 30).then_some(if run % 2 == 0 { "Syncé" } else { "Synced" })))
            .collect();
        rows.extend((0..10).map(|k| new_row("sync", run, k)));
        let options = RosterOptions {
            mode: Mode::Sync,
            group: Some(group.clone()),
            missing: Missing::Remove,
            ..Default::default()
        };
        let start = Instant::now();
        let answer = confirm(&t.db, actor, request(format!("bench-sync-{}", unique()), rows, options), policy)
            .await
            .expect("sync");
        times[3].push(start.elapsed());
        assert_eq!((answer.created, answer.counts.removed), (10, 5), "{:?}", answer.counts);
        let import_id = answer.import_id.expect("an import");

        // Its undo: the 10 new learners out, the 5 members back, the 30 names back.
        let start = Instant::now();
        let undone = service::history::undo(&t.db, import_id, admin, chrono::Utc::now(), chrono::Duration::hours(24))
            .await
            .expect("undo");
        times[5].push(start.elapsed());
        assert_eq!(undone.removed, 10);
        common::remove_record(t, import_id).await;

        // The anchor: an add import of 250 new learners.
        let rows: Vec<Vec<String>> = (0..ROWS).map(|k| new_row("add", run, k)).collect();
        let start = Instant::now();
        let answer = confirm(&t.db, actor, request(format!("bench-add-{}", unique()), rows, mode(Mode::Add)), policy)
            .await
            .expect("add");
        times[4].push(start.elapsed());
        assert_eq!(answer.created as usize, ROWS);
        common::remove_import(t, answer.import_id.expect("an import")).await;
        common::upkeep(t, 1).await;
    }
    // The portal as it was: the block's names, the group gone.
    let rows_back: Vec<String> =
        updated.iter().map(|&i| existing(i, None)).map(|r| format!("('{}', '{}')", r[2], r[1])).collect();
    let sql = format!(
        "WITH v(email, lastname) AS (VALUES {}) UPDATE users SET lastname = (SELECT v.lastname FROM v WHERE v.email = \
         users.email_normalized) WHERE email_normalized IN (SELECT email FROM v)",
        rows_back.join(", ")
    );
    t.db.execute_unprepared(&sql).await.expect("names back");
    storage::groups::delete(&t.db, group_id).await.expect("group removed");
    let [preview, update, bare_update, sync, add, undo] = times.map(|t| seconds(&t).scale(1e3));
    Figures { preview, update, bare_update, sync, add, undo }
}

fn mode(mode: Mode) -> RosterOptions {
    RosterOptions { mode, ..Default::default() }
}

#[tokio::main]
async fn main() {
    let sizes: Vec<usize> = match std::env::var("BENCH_PORTAL_SIZES") {
        Ok(list) => list.split(',').filter_map(|n| n.trim().parse().ok()).collect(),
        Err(_) => vec![10_000, 1_000_000],
    };
    for &size in &sizes {
        for kept in common::kept(size).await {
            let t = kept.t;
            let name = format!("{:?}", t.backend).replace("Sqlite", "SQLite").replace("Postgres", "PostgreSQL");
            let f = measure(&t, size).await;
            let at = format!("{name}, portal of {size} users");
            Row::new(SECTION, &format!("the preview's look-up of 250 matched learners, {at}"), "ms", f.preview)
                .goal(Goal::AtMost(20.0))
                .record();
            Row::new(SECTION, &format!("confirm 250 rows that all update known learners, {at}"), "ms", f.update)
                .anchor("bare multi-row UPDATE of the same rows' last name and search text, same portal", f.bare_update)
                .goal(Goal::RatioAtMost(3.0))
                .record();
            Row::new(SECTION, &format!("sync a 250-member group (10 new, 30 changed, 5 leaving), {at}"), "ms", f.sync)
                .anchor("add import of 250 new rows, same portal", f.add)
                .goal(Goal::RatioAtMost(1.5))
                .record();
            Row::new(SECTION, &format!("undo of that sync, {at}"), "ms", f.undo)
                .anchor("the sync itself", f.sync)
                .goal(Goal::RatioAtMost(2.0))
                .record();
        }
    }
}
