//! What the storage tests share: learners as the rules make them, and going back to before a migration.

use rules::ValidUser;
use sea_orm_migration::MigratorTrait;
use storage::migration::Migrator;

/// A learner as the rules make one (the only way to get a [`ValidUser`]).
pub fn learner_named(lastname: &str, email: &str, identifier: Option<&str>) -> ValidUser {
    ValidUser::check(["Ana", lastname, email, identifier.unwrap_or(""), "PT", "pt"]).expect("a valid test learner")
}

pub fn learner(email: &str, identifier: Option<&str>) -> ValidUser {
    learner_named("Lima", email, identifier)
}

/// How many migrations to undo to be just before `name`, however many later ones there are.
pub fn steps_back_to_before(name: &str) -> u32 {
    let names: Vec<String> = Migrator::migrations().iter().map(|m| m.name().to_owned()).collect();
    let position = names.iter().position(|n| n == name).unwrap_or_else(|| panic!("no migration {name}"));
    (names.len() - position) as u32
}
