//! Every problem the rules report: a stable code (the specification's), the column for row problems, the details
//! its message needs, and the message itself in every language — saying what is wrong and how to fix it.

mod texts;

use serde::{Deserialize, Serialize};

use crate::{Catalog, Column, Lang, MAX_GROUPS, MAX_GROUP_CHARS, MAX_NAME_CHARS, MAX_ROWS};
use texts::ProblemTexts;

/// Declares the codes once: each variant with the specification's string, which is also how it is serialised
/// (scripts and the golden fixtures match on it).
macro_rules! codes {
    ($($variant:ident => $code:literal,)*) => {
        #[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
        pub enum Code {
            $($variant,)*
        }

        impl Code {
            pub const ALL: [Code; [$($code),*].len()] = [$(Code::$variant),*];

            /// The specification's string, stable across versions (scripts match on it).
            pub fn as_str(self) -> &'static str {
                match self {
                    $(Code::$variant => $code,)*
                }
            }

            /// The code of a specification string.
            pub fn parse(code: &str) -> Option<Code> {
                match code {
                    $($code => Some(Code::$variant),)*
                    _ => None,
                }
            }
        }
    };
}

codes! {
    FileNotCsv => "file.not_csv",
    FileTooLarge => "file.too_large",
    FileTooManyRows => "file.too_many_rows",
    FileMissingColumns => "file.missing_columns",
    FileDuplicateColumns => "file.duplicate_columns",
    FileEmpty => "file.empty",
    FileUnreadable => "file.unreadable",
    FileConvertedEncoding => "file.converted_encoding",
    FileUnknownColumns => "file.unknown_columns",
    FirstnameMissing => "firstname.missing",
    FirstnameTooLong => "firstname.too_long",
    FirstnameInvalid => "firstname.invalid",
    LastnameMissing => "lastname.missing",
    LastnameTooLong => "lastname.too_long",
    LastnameInvalid => "lastname.invalid",
    EmailMissing => "email.missing",
    EmailInvalid => "email.invalid",
    EmailDuplicate => "email.duplicate",
    EmailExists => "email.exists",
    IdentifierInvalid => "identifier.invalid",
    IdentifierTooLong => "identifier.too_long",
    IdentifierDuplicate => "identifier.duplicate",
    IdentifierExists => "identifier.exists",
    CountryInvalid => "country.invalid",
    LanguageMissing => "language.missing",
    LanguageInvalid => "language.invalid",
    LanguageEnglishInvitation => "language.english_invitation",
    GroupsInvalid => "groups.invalid",
    GroupsTooMany => "groups.too_many",
    StatusInvalid => "status.invalid",
    UserNotFound => "user.not_found",
    UserConflict => "user.conflict",
    UserChangedSincePreview => "user.changed_since_preview",
    UserDuplicate => "user.duplicate",
    SyncTooManyRemovals => "sync.too_many_removals",
}

impl Serialize for Code {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(self.as_str())
    }
}

impl<'de> Deserialize<'de> for Code {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Code, D::Error> {
        let code = <std::borrow::Cow<'de, str>>::deserialize(deserializer)?;
        Code::parse(&code).ok_or_else(|| serde::de::Error::custom(format!("unknown problem code {code:?}")))
    }
}

impl Code {
    /// A warning informs and never blocks the import; every other code is an error.
    pub fn is_warning(self) -> bool {
        matches!(self, Code::FileConvertedEncoding | Code::FileUnknownColumns | Code::LanguageEnglishInvitation)
    }
}

/// One problem with its details. Built by the rules; read through [`Problem::message`].
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Problem {
    pub code: Code,
    /// The column of a row problem; `None` for the file's.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub column: Option<Column>,
    /// A duplicate's first row; the row where reading failed (`file.unreadable`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub row: Option<u32>,
    /// The value to use instead, when the rules can tell (`fr` → `FR`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub suggestion: Option<String>,
    /// Column names for the column problems; the offending characters for `*.invalid` names.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub names: Vec<String>,
}

impl Problem {
    pub fn file(code: Code) -> Problem {
        Problem { code, column: None, row: None, suggestion: None, names: Vec::new() }
    }

    pub fn cell(code: Code, column: Column) -> Problem {
        Problem { code, column: Some(column), row: None, suggestion: None, names: Vec::new() }
    }

    pub fn with_row(mut self, row: u32) -> Problem {
        self.row = Some(row);
        self
    }

    pub(crate) fn with_suggestion(mut self, suggestion: Option<String>) -> Problem {
        self.suggestion = suggestion;
        self
    }

    pub fn with_names(mut self, names: Vec<String>) -> Problem {
        self.names = names;
        self
    }

    /// The browser could not read the file's bytes at all.
    pub fn unreadable_file() -> Problem {
        Problem::file(Code::FileUnreadable)
    }

    pub fn code(&self) -> Code {
        self.code
    }

    pub fn suggestion(&self) -> Option<&str> {
        self.suggestion.as_deref()
    }

    /// What is wrong and what to do, for the admin, in `lang` (the texts are in `problem/texts/`).
    pub fn message(&self, lang: Lang) -> String {
        let t = ProblemTexts::of(lang);
        let names = self.names.join(", ");
        let row = self.row.unwrap_or_default();
        let mut text = match self.code {
            Code::FileNotCsv => t.file_not_csv.to_owned(),
            Code::FileTooLarge => t.file_too_large.to_owned(),
            Code::FileTooManyRows => (t.file_too_many_rows)(MAX_ROWS),
            Code::FileMissingColumns => (t.file_missing_columns)(&names),
            Code::FileDuplicateColumns => (t.file_duplicate_columns)(&names),
            Code::FileEmpty => t.file_empty.to_owned(),
            Code::FileUnreadable => match self.row {
                Some(row) => (t.file_unreadable_at)(row),
                None => t.file_unreadable.to_owned(),
            },
            Code::FileConvertedEncoding => t.file_converted_encoding.to_owned(),
            Code::FileUnknownColumns => (t.file_unknown_columns)(&names),
            Code::FirstnameMissing | Code::LastnameMissing | Code::EmailMissing | Code::LanguageMissing => {
                t.missing.to_owned()
            }
            Code::FirstnameTooLong | Code::LastnameTooLong | Code::IdentifierTooLong => (t.too_long)(MAX_NAME_CHARS),
            Code::FirstnameInvalid | Code::LastnameInvalid => (t.name_invalid)(&names),
            Code::EmailInvalid => t.email_invalid.to_owned(),
            Code::EmailDuplicate => (t.email_duplicate)(row),
            Code::EmailExists => t.email_exists.to_owned(),
            Code::IdentifierInvalid => t.identifier_invalid.to_owned(),
            Code::IdentifierDuplicate => (t.identifier_duplicate)(row),
            Code::IdentifierExists => t.identifier_exists.to_owned(),
            Code::CountryInvalid => t.country_invalid.to_owned(),
            Code::LanguageInvalid => t.language_invalid.to_owned(),
            Code::LanguageEnglishInvitation => t.language_english_invitation.to_owned(),
            Code::GroupsInvalid => (t.groups_invalid)(&names, MAX_GROUP_CHARS),
            Code::GroupsTooMany => (t.groups_too_many)(MAX_GROUPS),
            Code::StatusInvalid => t.status_invalid.to_owned(),
            Code::UserNotFound => t.user_not_found.to_owned(),
            Code::UserConflict => {
                let name = |i: usize| self.names.get(i).map(String::as_str).unwrap_or("");
                (t.user_conflict)(name(0), name(1))
            }
            Code::UserChangedSincePreview => t.user_changed_since_preview.to_owned(),
            Code::UserDuplicate => (t.user_duplicate)(row),
            Code::SyncTooManyRemovals => {
                let number = |i: usize| self.names.get(i).and_then(|n| n.parse().ok()).unwrap_or(0);
                (t.sync_too_many_removals)(number(0), number(1))
            }
        };
        if let Some(suggestion) = &self.suggestion {
            text.push(' ');
            text.push_str(&(t.did_you_mean)(suggestion));
        }
        text
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_code_has_its_specification_string_and_serialises_as_it() {
        for code in Code::ALL {
            let json = serde_json::to_string(&code).unwrap();
            assert_eq!(json, format!("\"{}\"", code.as_str()));
            let (prefix, rest) = code.as_str().split_once('.').unwrap();
            assert!(!prefix.is_empty() && !rest.is_empty());
        }
    }

    #[test]
    fn every_code_has_a_message_in_every_language() {
        for code in Code::ALL {
            let p = Problem::file(code).with_row(3).with_names(vec!["email".into()]).with_suggestion(Some("x".into()));
            let messages: Vec<String> = Lang::ALL.into_iter().map(|lang| p.message(lang)).collect();
            for (lang, message) in Lang::ALL.into_iter().zip(&messages) {
                assert!(message.len() > 10, "{code:?} in {lang:?}");
                for (other, other_message) in Lang::ALL.into_iter().zip(&messages) {
                    assert!(lang == other || message != other_message, "{code:?}: {lang:?} and {other:?} are the same");
                }
            }
        }
    }

    #[test]
    fn every_problem_text_is_written_in_every_language() {
        assert_eq!(crate::empty_texts::<ProblemTexts>(), Vec::<String>::new());
    }

    #[test]
    fn messages_say_how_to_fix() {
        assert!(Problem::file(Code::FileNotCsv).message(Lang::En).contains("CSV UTF-8"));
        assert!(Problem::file(Code::FileTooManyRows).message(Lang::En).contains("Split"));
        let dup = Problem::cell(Code::EmailDuplicate, Column::Email).with_row(7);
        assert!(dup.message(Lang::En).contains("row 7"));
        assert!(dup.message(Lang::Fr).contains("ligne 7"));
        let c = Problem::cell(Code::CountryInvalid, Column::Country).with_suggestion(Some("GB".into()));
        assert!(c.message(Lang::En).ends_with("Did you mean \"GB\"?"));
        assert!(c.message(Lang::De).ends_with("Meinten Sie „GB“?"));
        assert!(dup.message(Lang::De).contains("Zeile 7"));
    }
}
