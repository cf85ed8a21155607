//! What the benchmarks share: a portal with many users, written with the database's bulk path (multi-row
//! inserts of 1,000, not through the app), so a million users take under a minute rather than an hour.

use chrono::Utc;
use domain::UserStatus;
use sea_orm::{ConnectionTrait, DbBackend, EntityTrait, Set};
use storage::entity::users;
use storage::testing::TestDb;

pub const FIRST: [&str; 8] = ["Zoé", "Jean-Luc", "Anaïs", "Björn", "María", "Liam", "Chloé", "Łukasz"];
pub const LAST: [&str; 8] = ["Dupont", "Martin", "Müller", "García", "Rossi", "Nowak", "Smith", "Dupont-Martin"];
pub const LANGUAGES: [&str; 4] = ["fr", "en", "de", "it"];
pub const COUNTRIES: [&str; 5] = ["FR", "BE", "DE", "IT", "GB"];

/// `count` users in multi-row inserts of 1,000 (the FTS5 triggers and indexes are kept up as they go).
pub async fn fill(t: &TestDb, count: usize) {
    let now = Utc::now();
    for chunk in 0..count.div_ceil(1_000) {
        let models = (chunk * 1_000..((chunk + 1) * 1_000).min(count)).map(|i| {
            let (first, last) = (FIRST[i % 8], LAST[(i / 8) % 8]);
            let email = format!("{}.{}{i}@example.org", first.to_lowercase(), last.to_lowercase());
            let identifier = format!("ID-{i:07}");
            users::ActiveModel {
                firstname: Set(first.to_owned()),
                lastname: Set(last.to_owned()),
                email_normalized: Set(email.clone()),
                search_text: Set(storage::search::search_text(first, last, &email, Some(&identifier))),
                sort_name: Set(storage::search::sort_name(first, last)),
                email: Set(email),
                firstname_key: Set(first.to_lowercase()),
                lastname_key: Set(last.to_lowercase()),
                identifier_key: Set(Some(identifier.to_lowercase())),
                identifier: Set(Some(identifier)),
                country: Set(Some(COUNTRIES[i % 5].to_owned())),
                language: Set(LANGUAGES[i % 4].to_owned()),
                status: Set(if i % 3 == 0 { UserStatus::Active } else { UserStatus::Pending }),
                import_id: Set(None),
                password_hash: Set(None),
                created_at: Set(now),
                updated_at: Set(now),
                ..Default::default()
            }
        });
        users::Entity::insert_many(models).exec_without_returning(&t.db).await.expect("fill");
    }
    if t.db.get_database_backend() == DbBackend::Postgres {
        t.db.execute_unprepared("ANALYZE users").await.expect("analyze");
    } else {
        t.db.execute_unprepared("ANALYZE").await.expect("analyze");
    }
}
