//! The admin's language: the one language type of the interface, the errors, the rules' messages and the command
//! line. Every text exists in each of them (see [`crate::Catalog`]).

use serde::{Deserialize, Serialize};

/// Adding a language: a variant here (with its code and name below), an arm in [`crate::catalog!`], then the
/// compiler lists every catalog still missing its file for it.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Lang {
    #[default]
    En,
    Fr,
    De,
}

impl Lang {
    /// Every language, in the order the language switch shows them.
    pub const ALL: [Lang; 3] = [Lang::En, Lang::Fr, Lang::De];

    /// The ISO 639-1 code: the `lang` cookie's value, the HTML `lang` attribute, the command line's `--lang`.
    pub fn code(self) -> &'static str {
        match self {
            Lang::En => "en",
            Lang::Fr => "fr",
            Lang::De => "de",
        }
    }

    /// The language's name in itself, for the language switch.
    pub fn name(self) -> &'static str {
        match self {
            Lang::En => "English",
            Lang::Fr => "Français",
            Lang::De => "Deutsch",
        }
    }

    pub fn from_code(code: &str) -> Option<Lang> {
        let code = code.trim();
        Lang::ALL.into_iter().find(|lang| lang.code() == code)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_language_reads_back_from_its_code_and_serialises_as_it() {
        for lang in Lang::ALL {
            assert_eq!(Lang::from_code(lang.code()), Some(lang));
            assert_eq!(serde_json::to_string(&lang).unwrap(), format!("\"{}\"", lang.code()));
        }
        assert_eq!(Lang::from_code(" de "), Some(Lang::De));
        assert_eq!(Lang::from_code("DE"), None);
        assert_eq!(Lang::from_code("it"), None);
    }
}
