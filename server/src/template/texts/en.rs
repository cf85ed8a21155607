//! The Excel template in English.

use super::TemplateTexts;

pub(super) static TEXTS: TemplateTexts = TemplateTexts {
    users_sheet: "Users",
    rules_sheet: "Rules",
    title: "Bulk user import: the rules of each column",
    save_as_csv: "Fill in the Users sheet, one learner per row, then save it with File → Save As → \
                  “CSV UTF-8 (Comma delimited) (*.csv)”. The import takes CSV files only.",
    text_cells: "Every cell of the Users sheet is formatted as text, so leading zeros and long numbers stay as typed.",
    lists: "The country and language cells offer a drop-down list of the accepted codes.",
    column: "Column",
    required: "Required",
    format: "Rule",
    examples: "Examples",
    yes: "yes",
    no: "no",
    firstname: "1 to 64 letters (any script, accents included); spaces, hyphens, apostrophes and periods allowed; \
                no digits or symbols.",
    lastname: "Same rule as firstname.",
    email: "A valid address (name@domain.tld), at most 254 characters; unique in the file and in the portal.",
    identifier: "Up to 64 characters among A–Z, a–z, 0–9, - _ and .; unique in the file and in the portal.",
    country: "Two capital letters, ISO 3166-1 alpha-2 (drop-down list); may be left empty.",
    language: "Two lower-case letters, ISO 639-1 (drop-down list): the learner's language, used for the invitation.",
    groups: "Group names (a class, a cohort), separated by |: up to 20, each 1 to 64 characters. Missing groups are created.",
    status: "active or suspended (a suspended learner cannot sign in); empty keeps the learner's status.",
    sample_row: "A filled-in row looks like this (do not copy it to the Users sheet):",
    country_error_title: "Country code",
    country_error: "Choose a country code from the list: two capital letters, ISO 3166-1 (FR, GB, US, DE…).",
    language_error_title: "Language code",
    language_error: "Choose a language code from the list: two lower-case letters, ISO 639-1 (fr, en, de, it…).",
};
