//! One learner at a time, against SQLite and a real PostgreSQL: the same rules as an import row (codes included),
//! a Pending learner's new email gets a new invitation, an Active learner's email stays, and a deletion takes the
//! invitation along.

use domain::{ActivityAction, Actor, InvitationState, SaveAnswer};
use sea_orm::{ColumnTrait, EntityTrait, QueryFilter};
use service::users::{self, UserError};
use storage::entity::{invitations, users as user_rows};
use storage::testing;

fn values(first: &str, last: &str, email: &str, identifier: &str) -> rules::UserValues {
    rules::UserValues::from([first, last, email, identifier, "FR", "fr"])
}

fn codes(answer: &SaveAnswer) -> Vec<&'static str> {
    match answer {
        SaveAnswer::Invalid { problems } => problems.iter().map(|p| p.code().as_str()).collect(),
        SaveAnswer::Saved { .. } => vec![],
    }
}

fn saved(answer: SaveAnswer) -> i64 {
    match answer {
        SaveAnswer::Saved { id } => id,
        other => panic!("not saved: {other:?}"),
    }
}

#[tokio::test]
async fn a_learner_is_added_edited_and_deleted_under_the_import_rules() {
    for t in testing::all().await {
        let actor = Actor::admin(storage::admins::create(&t.db, "a@x.fr", "a@x.fr", "x").await.unwrap().id);
        let ana = saved(users::add(&t.db, actor, values("Ana", "Roux", "ana@x.fr", "A-1"), true).await.unwrap());
        let luc = saved(users::add(&t.db, actor, values("Luc", "Roux", "luc@x.fr", ""), false).await.unwrap());
        // The same codes as an import row: a bad email, a taken email (any case), a taken identifier.
        let bad = users::add(&t.db, actor, values("Zoé", "Roux", "zoe@", ""), true).await.unwrap();
        assert_eq!(codes(&bad), ["email.invalid"], "{:?}", t.backend);
        let taken = users::add(&t.db, actor, values("Zoé", "Roux", "ANA@x.fr", "A-1"), true).await.unwrap();
        assert_eq!(codes(&taken), ["email.exists", "identifier.exists"]);

        // Editing keeps one's own email and identifier, refuses another's.
        saved(users::edit(&t.db, actor, ana, values("Anna", "Roux", "ana@x.fr", "A-1")).await.unwrap());
        let clash = users::edit(&t.db, actor, luc, values("Luc", "Roux", "ana@x.fr", "")).await.unwrap();
        assert_eq!(codes(&clash), ["email.exists"]);

        // A Pending learner's new email: the old invitation goes, a new one is queued.
        let before = invitations::Entity::find().filter(invitations::Column::UserId.eq(ana)).one(&t.db).await.unwrap();
        let before = before.expect("an invitation").id;
        saved(users::edit(&t.db, actor, ana, values("Anna", "Roux", "anna@x.fr", "A-1")).await.unwrap());
        let after = invitations::Entity::find().filter(invitations::Column::UserId.eq(ana)).one(&t.db).await.unwrap();
        let after = after.expect("a new invitation");
        assert_ne!(after.id, before, "{:?}", t.backend);
        assert_eq!(after.state, InvitationState::Queued);
        let row = user_rows::Entity::find_by_id(ana).one(&t.db).await.unwrap().unwrap();
        assert_eq!(
            (row.firstname.as_str(), row.email.as_str(), row.search_text.as_str()),
            ("Anna", "anna@x.fr", "anna roux anna@x.fr a-1")
        );
        assert!(row.updated_at > row.created_at, "marked as changed");

        // An Active learner's email is not changed from here; the rest is.
        assert!(storage::users::activate(&t.db, luc, "$argon2id$x").await.unwrap());
        let refused = users::edit(&t.db, actor, luc, values("Luc", "Roux", "lucas@x.fr", "")).await;
        assert!(matches!(refused, Err(UserError::ActiveEmail)), "{refused:?}");
        saved(users::edit(&t.db, actor, luc, values("Lucas", "Roux", "luc@x.fr", "L-2")).await.unwrap());

        users::delete(&t.db, actor, ana).await.unwrap();
        assert!(user_rows::Entity::find_by_id(ana).one(&t.db).await.unwrap().is_none());
        assert!(invitations::Entity::find()
            .filter(invitations::Column::UserId.eq(ana))
            .one(&t.db)
            .await
            .unwrap()
            .is_none());
        assert!(matches!(users::delete(&t.db, actor, ana).await, Err(UserError::NotFound)));
        assert!(matches!(
            users::edit(&t.db, actor, ana, values("A", "B", "c@d.fr", "")).await,
            Err(UserError::NotFound)
        ));

        // Each change is in the activity log once, refusals are not.
        let (log, _) = storage::activity::page(&t.db, None, None, None, 50).await.unwrap();
        let actions: Vec<&str> = log.iter().rev().map(|e| e.action.as_str()).collect();
        let expected = [ActivityAction::UserAdd, ActivityAction::UserAdd]
            .into_iter()
            .chain([ActivityAction::UserEdit; 3])
            .chain([ActivityAction::UserDelete])
            .map(ActivityAction::as_str)
            .collect::<Vec<_>>();
        assert_eq!(actions, expected, "{:?}", t.backend);
        assert!(log.iter().all(|e| e.admin_id == Some(actor.admin_id) && !e.details.contains('@')));
    }
}
