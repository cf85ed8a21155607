//! Every problem the rules report: a stable code (the specification's), the column for row problems, the details
//! its message needs, and the message itself in English and French — saying what is wrong and how to fix it.

use serde::{Deserialize, Serialize};

use crate::{Column, Lang, MAX_NAME_CHARS, MAX_ROWS};

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Code {
    #[serde(rename = "file.not_csv")]
    FileNotCsv,
    #[serde(rename = "file.too_large")]
    FileTooLarge,
    #[serde(rename = "file.too_many_rows")]
    FileTooManyRows,
    #[serde(rename = "file.missing_columns")]
    FileMissingColumns,
    #[serde(rename = "file.duplicate_columns")]
    FileDuplicateColumns,
    #[serde(rename = "file.empty")]
    FileEmpty,
    #[serde(rename = "file.unreadable")]
    FileUnreadable,
    #[serde(rename = "file.converted_encoding")]
    FileConvertedEncoding,
    #[serde(rename = "file.unknown_columns")]
    FileUnknownColumns,
    #[serde(rename = "firstname.missing")]
    FirstnameMissing,
    #[serde(rename = "firstname.too_long")]
    FirstnameTooLong,
    #[serde(rename = "firstname.invalid")]
    FirstnameInvalid,
    #[serde(rename = "lastname.missing")]
    LastnameMissing,
    #[serde(rename = "lastname.too_long")]
    LastnameTooLong,
    #[serde(rename = "lastname.invalid")]
    LastnameInvalid,
    #[serde(rename = "email.missing")]
    EmailMissing,
    #[serde(rename = "email.invalid")]
    EmailInvalid,
    #[serde(rename = "email.duplicate")]
    EmailDuplicate,
    #[serde(rename = "email.exists")]
    EmailExists,
    #[serde(rename = "identifier.invalid")]
    IdentifierInvalid,
    #[serde(rename = "identifier.too_long")]
    IdentifierTooLong,
    #[serde(rename = "identifier.duplicate")]
    IdentifierDuplicate,
    #[serde(rename = "identifier.exists")]
    IdentifierExists,
    #[serde(rename = "country.invalid")]
    CountryInvalid,
    #[serde(rename = "language.missing")]
    LanguageMissing,
    #[serde(rename = "language.invalid")]
    LanguageInvalid,
    /// A warning: a valid language with no invitation translation gets the English email.
    #[serde(rename = "language.english_invitation")]
    LanguageEnglishInvitation,
}

impl Code {
    pub const ALL: [Code; 27] = [
        Code::FileNotCsv,
        Code::FileTooLarge,
        Code::FileTooManyRows,
        Code::FileMissingColumns,
        Code::FileDuplicateColumns,
        Code::FileEmpty,
        Code::FileUnreadable,
        Code::FileConvertedEncoding,
        Code::FileUnknownColumns,
        Code::FirstnameMissing,
        Code::FirstnameTooLong,
        Code::FirstnameInvalid,
        Code::LastnameMissing,
        Code::LastnameTooLong,
        Code::LastnameInvalid,
        Code::EmailMissing,
        Code::EmailInvalid,
        Code::EmailDuplicate,
        Code::EmailExists,
        Code::IdentifierInvalid,
        Code::IdentifierTooLong,
        Code::IdentifierDuplicate,
        Code::IdentifierExists,
        Code::CountryInvalid,
        Code::LanguageMissing,
        Code::LanguageInvalid,
        Code::LanguageEnglishInvitation,
    ];

    /// A warning informs and never blocks the import; every other code is an error.
    pub fn is_warning(self) -> bool {
        matches!(self, Code::FileConvertedEncoding | Code::FileUnknownColumns | Code::LanguageEnglishInvitation)
    }

    /// The specification's string, stable across versions (scripts match on it).
    pub fn as_str(self) -> &'static str {
        use Code::*;
        match self {
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
        }
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

    pub(crate) fn with_row(mut self, row: u32) -> Problem {
        self.row = Some(row);
        self
    }

    pub(crate) fn with_suggestion(mut self, suggestion: Option<String>) -> Problem {
        self.suggestion = suggestion;
        self
    }

    pub(crate) fn with_names(mut self, names: Vec<String>) -> Problem {
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

    /// What is wrong and what to do, for the admin.
    pub fn message(&self, lang: Lang) -> String {
        let names = self.names.join(", ");
        let row = self.row.unwrap_or_default();
        let fr = lang == Lang::Fr;
        let mut text = match self.code {
            Code::FileNotCsv => pick(
                fr,
                "This is not a CSV file. In Excel, Google Sheets or Numbers, save or export it as \"CSV UTF-8\" and try again.",
                "Ce fichier n’est pas un CSV. Dans Excel, Google Sheets ou Numbers, enregistrez-le ou exportez-le au format « CSV UTF-8 » et réessayez.",
            ),
            Code::FileTooLarge => pick(
                fr,
                "The file is larger than 100 MB. A list of learners is far smaller: check that you picked the right file.",
                "Le fichier dépasse 100 Mo. Une liste d’apprenants est bien plus petite : vérifiez que vous avez choisi le bon fichier.",
            ),
            Code::FileTooManyRows => if fr {
                format!("Le fichier contient plus de {MAX_ROWS} lignes de données. Découpez la liste en plusieurs fichiers de {MAX_ROWS} lignes au plus.")
            } else {
                format!("The file has more than {MAX_ROWS} data rows. Split the list into several files of at most {MAX_ROWS} rows each.")
            },
            Code::FileMissingColumns => if fr {
                format!("Colonnes obligatoires absentes : {names}. Ajoutez-les à la ligne d’en-tête (le modèle les contient toutes).")
            } else {
                format!("Required columns are missing: {names}. Add them to the header row (the template has them all).")
            },
            Code::FileDuplicateColumns => if fr {
                format!("Ces colonnes apparaissent deux fois : {names}. Gardez-en une seule de chaque.")
            } else {
                format!("These columns appear twice: {names}. Keep only one of each.")
            },
            Code::FileEmpty => pick(
                fr,
                "The file has no learners: it needs a header row and at least one data row. Start from the template.",
                "Le fichier ne contient aucun apprenant : il faut une ligne d’en-tête et au moins une ligne de données. Partez du modèle.",
            ),
            Code::FileUnreadable => if let Some(row) = self.row {
                if fr {
                    format!("Le fichier ne peut pas être lu à partir de la ligne {row} : un guillemet ouvert n’est jamais refermé. Corrigez cette ligne, ou enregistrez à nouveau le fichier en « CSV UTF-8 ».")
                } else {
                    format!("The file cannot be read from row {row} on: a quote opened there is never closed. Fix that row, or save the file again as \"CSV UTF-8\".")
                }
            } else {
                pick(
                    fr,
                    "The file could not be read. Save it again as \"CSV UTF-8\" and try again.",
                    "Le fichier n’a pas pu être lu. Enregistrez-le à nouveau en « CSV UTF-8 » et réessayez.",
                )
            },
            Code::FileConvertedEncoding => pick(
                fr,
                "The file is not in UTF-8; it was read as Windows-1252 (Excel's plain \"CSV\"). Check that accents look right, or save it as \"CSV UTF-8\".",
                "Le fichier n’est pas en UTF-8 ; il a été lu en Windows-1252 (le « CSV » simple d’Excel). Vérifiez les accents, ou enregistrez-le en « CSV UTF-8 ».",
            ),
            Code::FileUnknownColumns => if fr {
                format!("Colonnes inconnues ignorées : {names}.")
            } else {
                format!("Unknown columns were ignored: {names}.")
            },
            Code::FirstnameMissing | Code::LastnameMissing | Code::EmailMissing | Code::LanguageMissing => {
                pick(fr, "Required: fill it in.", "Obligatoire : complétez cette case.")
            }
            Code::FirstnameTooLong | Code::LastnameTooLong | Code::IdentifierTooLong => if fr {
                format!("Trop long : {MAX_NAME_CHARS} caractères au plus.")
            } else {
                format!("Too long: at most {MAX_NAME_CHARS} characters.")
            },
            Code::FirstnameInvalid | Code::LastnameInvalid => {
                let base = pick(
                    fr,
                    "Only letters, spaces, hyphens, apostrophes and periods are allowed",
                    "Seuls les lettres, espaces, traits d’union, apostrophes et points sont permis",
                );
                if names.is_empty() {
                    format!("{base}.")
                } else if fr {
                    format!("{base} (à retirer : {names}).")
                } else {
                    format!("{base} (remove: {names}).")
                }
            }
            Code::EmailInvalid => pick(
                fr,
                "Not a valid email address: it should look like name@example.com, with no name or brackets around it.",
                "Adresse e-mail non valide : elle doit ressembler à nom@exemple.fr, sans nom ni chevrons autour.",
            ),
            Code::EmailDuplicate => if fr {
                format!("Cette adresse figure déjà à la ligne {row}. Supprimez l’une des deux lignes.")
            } else {
                format!("This email is already on row {row}. Delete one of the two rows.")
            },
            Code::EmailExists => pick(
                fr,
                "A user of the portal already has this email. Remove the row, or use another address.",
                "Un utilisateur du portail a déjà cette adresse. Retirez la ligne ou utilisez une autre adresse.",
            ),
            Code::IdentifierInvalid => pick(
                fr,
                "Only letters, digits, hyphens (-), underscores (_) and periods (.) are allowed.",
                "Seuls les lettres, chiffres, traits d’union (-), tirets bas (_) et points (.) sont permis.",
            ),
            Code::IdentifierDuplicate => if fr {
                format!("Cet identifiant figure déjà à la ligne {row}. Chaque identifiant doit être unique.")
            } else {
                format!("This identifier is already on row {row}. Each identifier must be unique.")
            },
            Code::IdentifierExists => pick(
                fr,
                "A user of the portal already has this identifier. Use another one, or leave it empty.",
                "Un utilisateur du portail a déjà cet identifiant. Utilisez-en un autre, ou laissez la case vide.",
            ),
            Code::CountryInvalid => pick(
                fr,
                "Not an ISO 3166-1 country code: use two capital letters, such as FR, US, GB or DE, or leave it empty.",
                "Ce n’est pas un code pays ISO 3166-1 : utilisez deux lettres majuscules, comme FR, US, GB ou DE, ou laissez vide.",
            ),
            Code::LanguageInvalid => pick(
                fr,
                "Not an ISO 639-1 language code: use two lower-case letters, such as fr, en, de or it.",
                "Ce n’est pas un code langue ISO 639-1 : utilisez deux lettres minuscules, comme fr, en, de ou it.",
            ),
            Code::LanguageEnglishInvitation => pick(
                fr,
                "No invitation exists in this language yet: this learner will get the English one.",
                "L’invitation n’existe pas encore dans cette langue : cet apprenant recevra la version anglaise.",
            ),
        };
        if let Some(suggestion) = &self.suggestion {
            if fr {
                text.push_str(&format!(" Vouliez-vous dire « {suggestion} » ?"));
            } else {
                text.push_str(&format!(" Did you mean \"{suggestion}\"?"));
            }
        }
        text
    }
}

fn pick(fr: bool, en: &str, fr_text: &str) -> String {
    if fr { fr_text } else { en }.to_owned()
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
    fn every_code_has_a_message_in_both_languages() {
        for code in Code::ALL {
            let p = Problem::file(code).with_row(3).with_names(vec!["email".into()]);
            let en = p.message(Lang::En);
            let fr = p.message(Lang::Fr);
            assert!(en.len() > 10 && fr.len() > 10, "{code:?}");
            assert_ne!(en, fr, "{code:?} is not translated");
        }
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
    }
}
