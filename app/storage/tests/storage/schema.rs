//! The schema: migrations up, down and up again, the data they move, and the constraints the database itself
//! enforces (one email in any case, unique identifiers, a multi-row insert all or nothing).

use sea_orm::{ConnectionTrait, EntityTrait, PaginatorTrait};
use sea_orm_migration::MigratorTrait;
use storage::entity::{admins, column_matchings, imports, invitations, notices, sessions, users};
use storage::migration::Migrator;
use storage::testing;

use crate::helpers::*;

#[tokio::test]
async fn migrations_create_every_table_and_can_be_undone_and_redone() {
    for t in testing::all().await {
        let db = &t.db;
        assert_eq!(users::Entity::find().count(db).await.unwrap(), 0, "{:?}", t.backend);
        assert_eq!(admins::Entity::find().count(db).await.unwrap(), 0);
        assert_eq!(imports::Entity::find().count(db).await.unwrap(), 0);
        assert_eq!(sessions::Entity::find().count(db).await.unwrap(), 0);
        for table in ["sign_in_throttle", "sign_in_addresses"] {
            db.execute_unprepared(&format!("SELECT * FROM {table}")).await.expect(table);
        }
        assert_eq!(invitations::Entity::find().count(db).await.unwrap(), 0);
        assert_eq!(column_matchings::Entity::find().count(db).await.unwrap(), 0);
        assert_eq!(notices::Entity::find().count(db).await.unwrap(), 0);

        let applied = Migrator::get_applied_migrations(db).await.unwrap().len();
        assert_eq!(applied, Migrator::migrations().len());

        // Every `down` works, and the schema comes back.
        Migrator::down(db, None).await.unwrap();
        assert!(users::Entity::find().count(db).await.is_err(), "users should be gone");
        assert!(notices::Entity::find().count(db).await.is_err(), "notices should be gone");
        Migrator::up(db, None).await.unwrap();
        assert_eq!(users::Entity::find().count(db).await.unwrap(), 0);

        // Running the migrations again at the next start is a no-op.
        let again = storage::connect(&t.url).await.unwrap();
        assert_eq!(Migrator::get_pending_migrations(&again).await.unwrap().len(), 0);
    }
}

#[tokio::test]
async fn row_outcomes_kept_in_the_old_table_move_onto_their_import_record() {
    for t in testing::all().await {
        let db = &t.db;
        // Back to the schema before outcomes moved: an import with its rows in `import_rows`.
        Migrator::down(db, Some(steps_back_to_before("m20261125_000009_outcomes_on_import"))).await.unwrap();
        let sql = [
            "INSERT INTO admins (id, email, email_normalized, password_hash, created_at) \
             VALUES (1, 'a@example.com', 'a@example.com', 'x', '2026-11-25 10:00:00+00:00')",
            "INSERT INTO imports (id, request_id, admin_id, file_name, file_sha256, send_invitations, total_rows, \
             created_count, skipped_count, created_at) \
             VALUES (7, 'r', 1, 'f.csv', '00', true, 2, 1, 1, '2026-11-25 10:00:00+00:00')",
            r#"INSERT INTO import_rows (import_id, "row", outcome, user_id, email, problems) VALUES
             (7, 3, 'skipped', NULL, 'bad', '[{"code":"email.invalid","column":"email"}]'),
             (7, 2, 'created', NULL, 'ana@example.com', '[]')"#,
        ];
        for statement in sql {
            db.execute_unprepared(statement).await.unwrap_or_else(|e| panic!("{:?}: {e}", t.backend));
        }
        Migrator::up(db, None).await.unwrap();
        let import = imports::Entity::find_by_id(7).one(db).await.unwrap().expect("the import");
        let outcomes: serde_json::Value = serde_json::from_str(&import.outcomes).unwrap();
        assert_eq!(
            outcomes,
            serde_json::json!([
                {"row": 2, "outcome": "created", "email": "ana@example.com", "problems": []},
                {"row": 3, "outcome": "skipped", "email": "bad",
                 "problems": [{"code": "email.invalid", "column": "email"}]},
            ]),
            "{:?}",
            t.backend
        );
    }
}

#[tokio::test]
async fn the_database_refuses_the_same_email_in_another_case() {
    for t in testing::all().await {
        storage::users::insert_many(&t.db, &[learner("A@x.com", None)], None).await.unwrap();
        let err = storage::users::insert_many(&t.db, &[learner("a@X.com", None)], None)
            .await
            .expect_err("a@X.com must be refused after A@x.com");
        assert!(storage::is_unique_violation(&err), "{:?}: {err}", t.backend);
        assert_eq!(users::Entity::find().count(&t.db).await.unwrap(), 1);
    }
}

#[tokio::test]
async fn identifiers_are_unique_when_set_and_may_be_absent_many_times() {
    for t in testing::all().await {
        storage::users::insert_many(
            &t.db,
            &[learner("a@x.com", None), learner("b@x.com", None), learner("c@x.com", Some("E-1"))],
            None,
        )
        .await
        .unwrap();
        let err = storage::users::insert_many(&t.db, &[learner("d@x.com", Some("E-1"))], None).await.unwrap_err();
        assert!(storage::is_unique_violation(&err), "{:?}", t.backend);
    }
}

#[tokio::test]
async fn a_multi_row_insert_with_one_duplicate_writes_nothing() {
    for t in testing::all().await {
        storage::users::insert_many(&t.db, &[learner("taken@x.com", None)], None).await.unwrap();
        let batch = vec![learner("new1@x.com", None), learner("TAKEN@x.com", None), learner("new2@x.com", None)];
        assert!(storage::users::insert_many(&t.db, &batch, None).await.is_err());
        assert_eq!(users::Entity::find().count(&t.db).await.unwrap(), 1, "{:?}", t.backend);
    }
}
