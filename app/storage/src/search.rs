//! The users search's keys: names, email and identifier folded (lower case, accents taken off), so `zoe` finds
//! `Zoé` and `DUPONT` finds `Dupont-Martin`. The same fold is applied to what the admin types.

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
