//! What `server import` prints, one file per language (`--lang`).

mod de;
mod en;
mod fr;

use rules::{Catalog, Lang};

rules::catalog! {
    pub struct ImportTexts {
        /// Before a skipped row's number.
        pub row: &'static str,
        /// Before the outcome: the import's number.
        pub import: fn(i64) -> String,
        /// Users added, rows skipped.
        pub added: fn(u32, u32) -> String,
        /// Users added and invited, rows skipped.
        pub added_and_invited: fn(u32, u32) -> String,
        /// Rows with errors, when nothing was added.
        pub nothing_added: fn(u32) -> String,
        /// Learners updated, and already as the file said.
        pub updated: fn(u32, u32) -> String,
        /// A sync's members removed from the group, and suspended.
        pub left_group: fn(u32, u32) -> String,
    }
}

/// What `server import` prints, in `lang`.
pub fn import_texts(lang: Lang) -> &'static ImportTexts {
    ImportTexts::of(lang)
}

#[cfg(test)]
mod tests {
    #[test]
    fn every_text_is_written_in_every_language() {
        assert_eq!(rules::empty_texts::<super::ImportTexts>(), Vec::<String>::new());
    }
}
