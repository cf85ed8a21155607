//! A valid user: what a row with no error becomes, and the only way code outside the rules gets one.

use crate::row::normalize_email;
use crate::{Column, Existing, Problem, RowReport, Sheet, UserValues};

/// A row with no error, ready to become a user. Only the rules build one (from a checked [`Sheet`] or
/// [`ValidUser::check`]), so every value in it is trimmed, in NFC and valid, and its email key is the rules' own.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ValidUser {
    row: u32,
    firstname: String,
    lastname: String,
    email: String,
    email_normalized: String,
    identifier: Option<String>,
    country: Option<String>,
    language: String,
}

impl ValidUser {
    /// One row's values checked alone, without the file or the portal around it: the valid user, or the row's
    /// errors.
    pub fn check(values: impl Into<UserValues>) -> Result<ValidUser, Vec<Problem>> {
        ValidUser::check_with(values, Existing::default())
    }

    /// One user's values checked as an import row is, against the emails and identifiers other users of the portal
    /// have (`email.exists`, `identifier.exists`): the single-user form's check, in the browser and on the server.
    pub fn check_with(values: impl Into<UserValues>, existing: Existing) -> Result<ValidUser, Vec<Problem>> {
        let sheet = Sheet::new(vec![(2, values.into())], existing);
        match sheet.valid_users().pop() {
            Some(user) => Ok(user),
            None => Err(sheet.into_rows().into_iter().flat_map(|r| r.errors).collect()),
        }
    }

    /// The user of a row the rules found without error.
    pub(crate) fn from_checked_row(r: &RowReport) -> ValidUser {
        let optional = |c: Column| Some(r.value(c).to_owned()).filter(|v| !v.is_empty());
        ValidUser {
            row: r.row,
            firstname: r.value(Column::FirstName).to_owned(),
            lastname: r.value(Column::LastName).to_owned(),
            email: r.value(Column::Email).to_owned(),
            email_normalized: normalize_email(r.value(Column::Email)),
            identifier: optional(Column::Identifier),
            country: optional(Column::Country),
            language: r.value(Column::Language).to_owned(),
        }
    }

    /// The spreadsheet row it came from.
    pub fn row(&self) -> u32 {
        self.row
    }
    pub fn firstname(&self) -> &str {
        &self.firstname
    }
    pub fn lastname(&self) -> &str {
        &self.lastname
    }
    /// The email as the admin typed it (trimmed, NFC).
    pub fn email(&self) -> &str {
        &self.email
    }
    /// The key emails are unique and compared under: NFC, lower case ([`crate::normalize_email`]).
    pub fn email_normalized(&self) -> &str {
        &self.email_normalized
    }
    pub fn identifier(&self) -> Option<&str> {
        self.identifier.as_deref()
    }
    pub fn country(&self) -> Option<&str> {
        self.country.as_deref()
    }
    pub fn language(&self) -> &str {
        &self.language
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::Code;

    #[test]
    fn a_valid_user_is_only_made_by_the_rules() {
        let user = ValidUser::check([" Ann ", "Roux", " Ann@Example.FR", "", "", "fr"]).unwrap();
        assert_eq!(user.firstname(), "Ann");
        assert_eq!(user.email_normalized(), "ann@example.fr");
        let errors = ValidUser::check(["Ann", "Roux", "not an email", "", "", "EN"]).unwrap_err();
        let codes: Vec<Code> = errors.iter().map(|p| p.code()).collect();
        assert_eq!(codes, [Code::EmailInvalid, Code::LanguageInvalid]);
    }
}
