//! The file's columns, by the specification's names, and how header cells are matched to them.

use serde::{Deserialize, Serialize};

use crate::unicode;

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Column {
    FirstName,
    LastName,
    Email,
    Identifier,
    Country,
    Language,
    /// The learner's groups (classes, cohorts), separated by `|`.
    Groups,
    /// `active` or `suspended`.
    Status,
}

impl Column {
    /// In the template's order.
    pub const ALL: [Column; 8] = [
        Column::FirstName,
        Column::LastName,
        Column::Email,
        Column::Identifier,
        Column::Country,
        Column::Language,
        Column::Groups,
        Column::Status,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            Column::FirstName => "firstname",
            Column::LastName => "lastname",
            Column::Email => "email",
            Column::Identifier => "identifier",
            Column::Country => "country",
            Column::Language => "language",
            Column::Groups => "groups",
            Column::Status => "status",
        }
    }

    pub fn index(self) -> usize {
        self as usize
    }

    pub fn is_required(self) -> bool {
        !matches!(self, Column::Identifier | Column::Country | Column::Groups | Column::Status)
    }

    /// The column a header cell names, ignoring case, surrounding spaces, `_`, `-`, inner spaces and accents on
    /// the usual French aliases; `None` for an unknown header.
    pub fn from_header(cell: &str) -> Option<Column> {
        let column = match header_key(cell).as_str() {
            "firstname" | "givenname" | "forename" | "prenom" | "first" => Column::FirstName,
            "lastname" | "surname" | "familyname" | "nom" | "nomdefamille" | "last" => Column::LastName,
            "email"
            | "emailaddress"
            | "mail"
            | "courriel"
            | "adressemail"
            | "adresseemail"
            | "adressecourriel"
            | "adresseelectronique" => Column::Email,
            "identifier" | "id" | "identifiant" | "userid" | "employeeid" | "externalid" | "matricule" => {
                Column::Identifier
            }
            "country" | "countrycode" | "pays" | "codepays" => Column::Country,
            "language" | "languagecode" | "lang" | "langue" | "codelangue" => Column::Language,
            "groups" | "group" | "cohort" | "cohorts" | "class" | "classes" | "classe" | "groupe" | "groupes"
            | "gruppe" | "gruppen" | "klasse" | "klassen" | "kohorte" => Column::Groups,
            // The Users export writes `status` (Pending, Active, Suspended): it re-imports as is.
            "status" | "statut" | "etat" | "zustand" | "kontostatus" => Column::Status,
            _ => return None,
        };
        Some(column)
    }

    /// The column of one of the portal's names (`firstname`, ..., exactly as [`Column::as_str`] writes them).
    pub fn parse(name: &str) -> Option<Column> {
        Column::ALL.into_iter().find(|c| c.as_str() == name)
    }
}

/// Whether a header cell is a column the portal itself writes besides the template's: the error report's `errors`
/// (in any of its languages: `errors`, `erreurs`, `Fehler`) and the Users export's `invitation` and `created`. A report fixed in a spreadsheet, or an export, drops straight back in, so these columns are expected
/// and ignored without the unknown-columns warning.
pub fn is_portal_header(cell: &str) -> bool {
    matches!(header_key(cell).as_str(), "errors" | "erreurs" | "fehler" | "invitation" | "created")
}

/// A header cell as it is compared: trimmed, without BOM, `_`, `-`, `.` and spaces, lower case, and the French
/// accents folded (`Prénom` → `prenom`).
pub(crate) fn header_key(cell: &str) -> String {
    let squeezed: String = cell
        .trim()
        .trim_start_matches('\u{feff}')
        .chars()
        .filter(|c| !c.is_whitespace() && !matches!(c, '_' | '-' | '.'))
        .collect();
    unicode::lowercase(&squeezed)
        .chars()
        .map(|c| match c {
            'é' | 'è' | 'ê' => 'e',
            'ç' => 'c',
            c => c,
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn headers_match_ignoring_case_spaces_underscores_and_hyphens() {
        for cell in ["firstname", "First name", "first_name", "FIRSTNAME", " First-Name ", "Prénom", "prenom"] {
            assert_eq!(Column::from_header(cell), Some(Column::FirstName), "{cell}");
        }
        for cell in ["e-mail", "Email address", "courriel", "Adresse e-mail", "MAIL"] {
            assert_eq!(Column::from_header(cell), Some(Column::Email), "{cell}");
        }
        assert_eq!(Column::from_header("Nom"), Some(Column::LastName));
        assert_eq!(Column::from_header("pays"), Some(Column::Country));
        assert_eq!(Column::from_header("Langue"), Some(Column::Language));
        assert_eq!(Column::from_header("\u{feff}firstname"), Some(Column::FirstName));
        assert_eq!(Column::from_header("department"), None);
        for cell in ["groups", "Group", "Classe", "Klasse", "cohort", "Gruppen"] {
            assert_eq!(Column::from_header(cell), Some(Column::Groups), "{cell}");
        }
        for cell in ["status", "Statut", "État", "Zustand"] {
            assert_eq!(Column::from_header(cell), Some(Column::Status), "{cell}");
        }
    }

    #[test]
    fn the_error_reports_errors_column_is_known_in_every_language_the_portal_writes() {
        for cell in ["errors", "Errors", " ERRORS ", "erreurs", "Erreurs", "Fehler", "\u{feff}errors"] {
            assert!(is_portal_header(cell), "{cell}");
            assert_eq!(Column::from_header(cell), None, "{cell}");
        }
        for cell in ["Invitation", "created"] {
            assert!(is_portal_header(cell), "{cell}");
        }
        assert!(!is_portal_header("error"));
        assert!(!is_portal_header("notes"));
    }
}
