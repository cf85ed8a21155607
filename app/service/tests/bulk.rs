//! Bulk actions, against SQLite and a real PostgreSQL: on a selection or a whole filter larger than a batch, the
//! count before matches what is done, and the action is one activity entry.

use domain::{ActivityAction, Actor, BulkAction, BulkTarget, InvitationState, UserQuery, UserStatus};
use rules::ValidUser;
use sea_orm::{ColumnTrait, EntityTrait, PaginatorTrait, QueryFilter};
use service::bulk::{self, BATCH};
use storage::entity::{invitations, users};
use storage::testing;

#[tokio::test]
async fn a_bulk_action_on_a_whole_filter_walks_it_in_batches_and_counts_what_it_did() {
    for t in testing::all().await {
        let actor = Actor::admin(storage::admins::create(&t.db, "a@x.fr", "a@x.fr", "x").await.unwrap().id);
        let many = BATCH as usize + 120;
        let learners: Vec<ValidUser> = (0..many)
            .map(|i| {
                let country = if i % 2 == 0 { "BE" } else { "FR" };
                ValidUser::check(["Ana", "Roux", &format!("b{i}@x.fr"), "", country, "fr"]).unwrap()
            })
            .collect();
        storage::users::insert_many(&t.db, &learners, None).await.unwrap();
        let ids: Vec<i64> = users::Entity::find().all(&t.db).await.unwrap().iter().map(|u| u.id).collect();
        assert!(storage::users::activate(&t.db, ids[0], "$argon2id$x").await.unwrap());

        // Language for every Belgian: more than a batch.
        let belgians = BulkTarget::Filter(UserQuery { country: Some("BE".into()), ..Default::default() });
        let expected = many.div_ceil(2) as u64;
        assert_eq!(bulk::count(&t.db, &belgians).await.unwrap(), expected, "{:?}", t.backend);
        let changed = bulk::apply(&t.db, actor, &belgians, &BulkAction::Language("nl".into())).await.unwrap();
        assert_eq!(changed, expected);
        let dutch = users::Entity::find().filter(users::Column::Language.eq("nl")).count(&t.db).await.unwrap();
        assert_eq!(dutch, expected);
        let bad = bulk::apply(&t.db, actor, &belgians, &BulkAction::Language("dutch".into())).await;
        assert!(bad.is_err(), "a language the rules refuse");

        // Resend to a selection: the Active learner is skipped, the others get a queued invitation.
        let selection = BulkTarget::Selection(ids[..3].to_vec());
        assert_eq!(bulk::count(&t.db, &selection).await.unwrap(), 3);
        assert_eq!(bulk::apply(&t.db, actor, &selection, &BulkAction::Resend).await.unwrap(), 2);
        let queued = invitations::Entity::find()
            .filter(invitations::Column::State.eq(InvitationState::Queued))
            .count(&t.db)
            .await
            .unwrap();
        assert_eq!(queued, 2);

        // Delete every Pending learner: invitations go too; the Active one stays.
        let pending = BulkTarget::Filter(UserQuery { status: Some(UserStatus::Pending), ..Default::default() });
        assert_eq!(bulk::apply(&t.db, actor, &pending, &BulkAction::Delete).await.unwrap(), many as u64 - 1);
        assert_eq!(users::Entity::find().count(&t.db).await.unwrap(), 1, "{:?}", t.backend);
        assert_eq!(invitations::Entity::find().count(&t.db).await.unwrap(), 0);

        let (log, _) = storage::activity::page(&t.db, None, None, None, 10).await.unwrap();
        let actions: Vec<&str> = log.iter().rev().map(|e| e.action.as_str()).collect();
        let expected = [ActivityAction::BulkLanguage, ActivityAction::BulkResend, ActivityAction::BulkDelete];
        assert_eq!(actions, expected.map(ActivityAction::as_str), "{:?}", t.backend);
    }
}
