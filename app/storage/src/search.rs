//! The users search's keys: names, email and identifier folded (lower case, accents taken off), so `zoe` finds
//! `Zoé` and `DUPONT` finds `Dupont-Martin`. The same fold is applied to what the admin types. And the SQLite
//! index's upkeep: its segments are merged a bounded step at a time, outside the admins' writes.

use sea_orm::{ConnectionTrait, DbBackend, DbErr};
use unicode_normalization::char::is_combining_mark;
use unicode_normalization::UnicodeNormalization;

/// Lower case, no accents: `Zoé Dupont-Martin` → `zoe dupont-martin`.
pub fn fold(text: &str) -> String {
    text.nfd().filter(|c| !is_combining_mark(*c)).flat_map(char::to_lowercase).collect()
}

/// What the substring search looks in: first name, last name, email and identifier, folded, one space apart.
pub fn search_text(firstname: &str, lastname: &str, email: &str, identifier: Option<&str>) -> String {
    fold(format!("{firstname} {lastname} {email} {}", identifier.unwrap_or("")).trim_end())
}

/// What "sort by name" orders by: last name, then first name, folded.
pub fn sort_name(firstname: &str, lastname: &str) -> String {
    fold(&format!("{lastname} {firstname}"))
}

/// How many pages of the SQLite search index one [`merge_step`] writes at most (about 800 KB): a bounded step, so
/// an admin's write that waits for it never waits for a whole merge.
pub const MERGE_PAGES: u32 = 200;

/// One bounded step of merging the SQLite search index's segments (each write adds one; FTS5's own merging inside
/// the writes is off, see migration 000020). Does nothing when no level has enough segments to be worth merging,
/// and nothing on PostgreSQL. Run by the server's upkeep task every few seconds.
pub async fn merge_step(db: &impl ConnectionTrait) -> Result<(), DbErr> {
    if db.get_database_backend() != DbBackend::Sqlite {
        return Ok(());
    }
    let merge = format!("INSERT INTO users_search(users_search, rank) VALUES ('merge', {MERGE_PAGES})");
    db.execute_unprepared(&merge).await.map(|_| ())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn accents_and_case_are_folded() {
        assert_eq!(fold("Zoé DUPONT-Martin"), "zoe dupont-martin");
        assert_eq!(fold("Łukasz Björn Ñ"), "łukasz bjorn n");
        assert_eq!(search_text("Zoé", "Dupont", "Zoe@X.fr", None), "zoe dupont zoe@x.fr");
        assert_eq!(search_text("A", "B", "a@b.c", Some("ID-7")), "a b a@b.c id-7");
        assert_eq!(sort_name("Anaïs", "Roux"), "roux anais");
    }
}
