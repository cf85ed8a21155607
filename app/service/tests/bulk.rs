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

#[tokio::test]
async fn bulk_suspend_reactivate_and_group_membership_on_a_selection_and_a_filter() {
    for t in testing::all().await {
        let actor = Actor::admin(storage::admins::create(&t.db, "a@x.fr", "a@x.fr", "x").await.unwrap().id);
        let many = BATCH as usize + 30;
        let learners: Vec<ValidUser> = (0..many)
            .map(|i| {
                let country = if i % 2 == 0 { "BE" } else { "FR" };
                ValidUser::check(["Ana", "Roux", &format!("g{i}@x.fr"), "", country, "fr"]).unwrap()
            })
            .collect();
        storage::users::insert_many(&t.db, &learners, None).await.unwrap();
        let ids: Vec<i64> = users::Entity::find().all(&t.db).await.unwrap().iter().map(|u| u.id).collect();
        storage::invitations::queue_many(&t.db, &ids).await.unwrap();
        assert!(storage::users::activate(&t.db, ids[0], "$argon2id$x").await.unwrap());
        let status_of = |id: i64| {
            let db = t.db.clone();
            async move { users::Entity::find_by_id(id).one(&db).await.unwrap().unwrap().status }
        };

        // Add every Belgian (more than a batch) to a new group, typed with spaces around its name.
        let belgians = BulkTarget::Filter(UserQuery { country: Some("BE".into()), ..Default::default() });
        let expected = many.div_ceil(2) as u64;
        let added = bulk::apply(&t.db, actor, &belgians, &BulkAction::AddToGroup("  Belgique ".into())).await.unwrap();
        assert_eq!(added, expected, "{:?}", t.backend);
        let group = storage::groups::find_by_name(&t.db, "belgique").await.unwrap().expect("created");
        assert_eq!(group.name, "Belgique");
        assert_eq!(storage::groups::members_of(&t.db, group.id).await.unwrap().len() as u64, expected);
        // Again: nobody is added twice; a selection naming a deleted user adds the others.
        assert_eq!(bulk::apply(&t.db, actor, &belgians, &BulkAction::AddToGroup("BELGIQUE".into())).await.unwrap(), 0);
        let selection = BulkTarget::Selection(vec![ids[1], ids[3], 999_999]);
        assert_eq!(bulk::apply(&t.db, actor, &selection, &BulkAction::AddToGroup("Belgique".into())).await.unwrap(), 2);
        for bad in ["", "a|b", "tab\there", &"x".repeat(65)] {
            let refused = bulk::apply(&t.db, actor, &selection, &BulkAction::AddToGroup(bad.into())).await;
            assert!(matches!(refused, Err(bulk::BulkError::GroupName)), "{bad:?}: {refused:?}");
        }

        // The group's members as a view: remove the French among them.
        let members = UserQuery { group: Some(group.id), ..Default::default() };
        assert_eq!(bulk::count(&t.db, &BulkTarget::Filter(members.clone())).await.unwrap(), expected + 2);
        let french = BulkTarget::Filter(UserQuery { country: Some("FR".into()), ..Default::default() });
        let removed = bulk::apply(&t.db, actor, &french, &BulkAction::RemoveFromGroup(group.id)).await.unwrap();
        assert_eq!(removed, 2, "{:?}: only memberships that were there", t.backend);
        let gone = bulk::apply(&t.db, actor, &french, &BulkAction::RemoveFromGroup(999_999)).await;
        assert!(matches!(gone, Err(bulk::BulkError::NoSuchGroup)), "{gone:?}");

        // Suspend the group's members: the waiting invitations go; the Active one (ids[0]) keeps its state to
        // come back to.
        let suspended = bulk::apply(&t.db, actor, &BulkTarget::Filter(members.clone()), &BulkAction::Suspend).await;
        assert_eq!(suspended.unwrap(), expected, "{:?}", t.backend);
        assert_eq!(status_of(ids[0]).await, UserStatus::Suspended);
        let suspended_view = UserQuery { status: Some(UserStatus::Suspended), ..Default::default() };
        assert_eq!(bulk::count(&t.db, &BulkTarget::Filter(suspended_view.clone())).await.unwrap(), expected);
        let waiting = invitations::Entity::find()
            .filter(invitations::Column::State.eq(InvitationState::Queued))
            .count(&t.db)
            .await
            .unwrap();
        assert_eq!(
            waiting,
            many as u64 - expected,
            "{:?}: the suspended learners' invitations were cancelled",
            t.backend
        );
        // Resend skips them: a Suspended learner gets no invitation.
        assert_eq!(
            bulk::apply(&t.db, actor, &BulkTarget::Selection(vec![ids[2]]), &BulkAction::Resend).await.unwrap(),
            0
        );

        // Reactivate everyone suspended: each gets back the state they had.
        let all = BulkTarget::Filter(UserQuery::default());
        assert_eq!(bulk::apply(&t.db, actor, &all, &BulkAction::Reactivate).await.unwrap(), expected);
        assert_eq!(status_of(ids[0]).await, UserStatus::Active, "{:?}", t.backend);
        assert_eq!(status_of(ids[2]).await, UserStatus::Pending);
        assert_eq!(bulk::count(&t.db, &BulkTarget::Filter(suspended_view)).await.unwrap(), 0);

        let (log, _) = storage::activity::page(&t.db, None, None, None, 20).await.unwrap();
        let actions: Vec<&str> = log.iter().rev().map(|e| e.action.as_str()).collect();
        let expected_log = [
            ActivityAction::BulkAddToGroup,
            ActivityAction::BulkAddToGroup,
            ActivityAction::BulkAddToGroup,
            ActivityAction::BulkRemoveFromGroup,
            ActivityAction::BulkSuspend,
            ActivityAction::BulkResend,
            ActivityAction::BulkReactivate,
        ];
        assert_eq!(actions, expected_log.map(ActivityAction::as_str), "{:?}: refusals record nothing", t.backend);
        assert_eq!(log.last().and_then(|e| e.subject_id), Some(group.id), "the group is the subject");
    }
}
