//! The Excel template's words (sheet names, the rules sheet, the drop-down lists' messages), one file per
//! language: the template is written in the language of the admin who downloads it.

mod de;
mod en;
mod fr;

use rules::{Catalog, Lang};

rules::catalog! {
    pub struct TemplateTexts {
        /// The first sheet's name, where the learners go (at most 31 characters, no `[]:*?/\`).
        pub users_sheet: &'static str,
        /// The second sheet's name.
        pub rules_sheet: &'static str,
        pub title: &'static str,
        /// How to turn the workbook into the file the import takes.
        pub save_as_csv: &'static str,
        pub text_cells: &'static str,
        pub lists: &'static str,
        /// The rules table's headings.
        pub column: &'static str,
        pub required: &'static str,
        pub format: &'static str,
        pub examples: &'static str,
        pub yes: &'static str,
        pub no: &'static str,
        /// Each column's rule, in the order of `rules::Column::ALL`.
        pub firstname: &'static str,
        pub lastname: &'static str,
        pub email: &'static str,
        pub identifier: &'static str,
        pub country: &'static str,
        pub language: &'static str,
        pub groups: &'static str,
        pub status: &'static str,
        /// Above a filled-in row showing what a learner looks like.
        pub sample_row: &'static str,
        /// The drop-down lists' message when a typed value is not in the list (at most 255 characters).
        pub country_error_title: &'static str,
        pub country_error: &'static str,
        pub language_error_title: &'static str,
        pub language_error: &'static str,
    }
}

/// The template's words in `lang`.
pub fn template_texts(lang: Lang) -> &'static TemplateTexts {
    TemplateTexts::of(lang)
}

#[cfg(test)]
mod tests {
    #[test]
    fn every_text_is_written_in_every_language() {
        assert_eq!(rules::empty_texts::<super::TemplateTexts>(), Vec::<String>::new());
    }
}
