//! The checks of one cell on its own (duplicates and existing users are the sheet's job): values are trimmed and
//! put in Unicode NFC first, and lengths are counted in characters after NFC.

use crate::codes::{is_country, is_language, suggest_country, suggest_language};
use crate::email::is_valid_email;
use crate::unicode;
use crate::{Code, Column, Problem, INVITATION_LANGUAGES, MAX_NAME_CHARS};

/// Trimmed and in NFC: the form every value is checked and stored in.
pub fn normalize(value: &str) -> String {
    let mut out = String::new();
    push_normalized(value, &mut out);
    out
}

/// [`normalize`] written at the end of `out`: the parser writes a row's six cells into one string.
pub(crate) fn push_normalized(value: &str, out: &mut String) {
    // Most cells start and end with a visible ASCII character: nothing to trim, no need to decode the ends.
    let visible = |b: Option<&u8>| b.is_some_and(|&b| b > b' ' && b < 0x7F);
    let trimmed =
        if visible(value.as_bytes().first()) && visible(value.as_bytes().last()) { value } else { value.trim() };
    if trimmed.is_ascii() {
        // ASCII is already NFC: skip the normaliser on the common path (each keystroke re-checks a cell).
        out.push_str(trimmed);
        return;
    }
    out.push_str(unicode::nfc(trimmed).trim());
}

/// [`normalize`], then what one column adds: a no-break space (U+00A0) or a narrow one (U+202F) inside a name is
/// stored as a plain space, so a name pasted from a web page or a word processor reads, sorts and searches like
/// the same name typed.
pub(crate) fn normalize_cell(column: Column, value: &str) -> String {
    let mut out = String::new();
    push_normalized_cell(column, value, &mut out);
    out
}

/// [`normalize_cell`] written at the end of `out`.
pub(crate) fn push_normalized_cell(column: Column, value: &str, out: &mut String) {
    let start = out.len();
    push_normalized(value, out);
    if column == Column::Groups && out[start..].contains('|') {
        // Each group name is trimmed: `3B | 4C` is `3B|4C`.
        let joined = out[start..].split('|').map(str::trim).collect::<Vec<_>>().join("|");
        out.truncate(start);
        out.push_str(&joined);
        return;
    }
    let names = matches!(column, Column::FirstName | Column::LastName);
    // Both spaces are outside ASCII: an ASCII value (most names) has neither.
    if names && !out[start..].is_ascii() && out[start..].contains(is_no_break_space) {
        let replaced = out[start..].replace(is_no_break_space, " ");
        out.truncate(start);
        out.push_str(&replaced);
    }
}

fn is_no_break_space(c: char) -> bool {
    matches!(c, '\u{A0}' | '\u{202F}')
}

/// The key that makes two emails the same user: trimmed, NFC, lower case. Used by the file's duplicate check,
/// the portal's existing users, and the database's unique index.
pub fn normalize_email(email: &str) -> String {
    unicode::lowercase(&normalize(email))
}

/// The problems and warnings of one normalised value of `column`.
pub(crate) fn check_cell(column: Column, value: &str, errors: &mut Vec<Problem>, warnings: &mut Vec<Problem>) {
    match column {
        Column::FirstName => {
            check_name(column, value, errors, [Code::FirstnameMissing, Code::FirstnameTooLong, Code::FirstnameInvalid])
        }
        Column::LastName => {
            check_name(column, value, errors, [Code::LastnameMissing, Code::LastnameTooLong, Code::LastnameInvalid])
        }
        Column::Email => {
            if value.is_empty() {
                errors.push(Problem::cell(Code::EmailMissing, column));
            } else if !is_valid_email(value) {
                errors.push(Problem::cell(Code::EmailInvalid, column));
            }
        }
        Column::Identifier => {
            if longer_than(value, MAX_NAME_CHARS) {
                errors.push(Problem::cell(Code::IdentifierTooLong, column));
            }
            // A key for other systems: ASCII only, so `½`, `²` or `①` (digits in Unicode's sense) stay out.
            if !value.chars().all(|c| c.is_ascii_alphanumeric() || matches!(c, '-' | '_' | '.')) {
                errors.push(Problem::cell(Code::IdentifierInvalid, column));
            }
        }
        Column::Country => {
            if !value.is_empty() && !is_country(value) {
                errors.push(Problem::cell(Code::CountryInvalid, column).with_suggestion(suggest_country(value)));
            }
        }
        Column::Groups => {
            if let Some((code, names)) = crate::roster::check_groups(value) {
                errors.push(Problem::cell(code, column).with_names(names));
            }
        }
        Column::Status => {
            if !value.is_empty() && crate::StatusValue::parse(value).is_none() {
                errors.push(Problem::cell(Code::StatusInvalid, column));
            }
        }
        Column::Language => {
            if value.is_empty() {
                errors.push(Problem::cell(Code::LanguageMissing, column));
            } else if !is_language(value) {
                errors.push(Problem::cell(Code::LanguageInvalid, column).with_suggestion(suggest_language(value)));
            } else if !INVITATION_LANGUAGES.contains(&value) {
                warnings.push(Problem::cell(Code::LanguageEnglishInvitation, column));
            }
        }
    }
}

/// Whether `value` has more than `limit` characters. A value of at most `limit` bytes has at most `limit`
/// characters: only longer ones are counted (nearly every cell of a file is short).
pub(crate) fn longer_than(value: &str, limit: usize) -> bool {
    value.len() > limit && value.chars().count() > limit
}

fn check_name(column: Column, value: &str, errors: &mut Vec<Problem>, [missing, too_long, invalid]: [Code; 3]) {
    if value.is_empty() {
        errors.push(Problem::cell(missing, column));
        return;
    }
    if longer_than(value, MAX_NAME_CHARS) {
        errors.push(Problem::cell(too_long, column));
    }
    let mut bad: Vec<String> = Vec::new();
    let mut has_letter = false;
    for c in value.chars() {
        if is_letter(c) {
            has_letter = true;
            continue;
        }
        // The punctuation first: a combining mark is asked of the JavaScript engine in the browser.
        let allowed =
            matches!(c, ' ' | '-' | '\'' | '’' | '.') || is_no_break_space(c) || unicode::is_combining_mark(c);
        if !allowed {
            let shown = if c.is_control() || c.is_whitespace() || is_invisible(c) {
                format!("U+{:04X}", c as u32)
            } else {
                c.to_string()
            };
            if !bad.contains(&shown) {
                bad.push(shown);
            }
        }
    }
    if !bad.is_empty() {
        bad.truncate(5);
        errors.push(Problem::cell(invalid, column).with_names(bad));
    } else if !has_letter {
        // Only punctuation, spaces and marks (`.`, `-`, `' '`): nothing to remove, a letter is missing.
        errors.push(Problem::cell(invalid, column));
    }
}

/// A letter of a script, for names: Unicode's general category L, written with what `char` offers (its
/// `Alphabetic` table is already in the bundle; a general-category table would add kilobytes to the browser's
/// wasm). `Alphabetic` is L plus the letter numbers (Nl: `Ⅻ`, `〇`), plus the marks and symbols that carry a
/// letter (`Ⓐ`, `🅰`, Devanagari vowel signs); marks are allowed in names on their own, the rest is removed here
/// with Unicode's blocks and Nl ranges. The letter-like blocks go as a whole, their letters included: `ℝ`, `ℓ`,
/// `𝐀` or `𝓙` are letters styled for mathematics, not for names. Tested against Unicode's tables
/// (`tests::letters_are_general_category_l_minus_the_letter_like_blocks`).
pub(crate) fn is_letter(c: char) -> bool {
    // Below U+0300 (ASCII, Latin-1, Latin Extended) there are neither marks nor letter-like symbols: no call to
    // the JavaScript engine for the common names.
    if (c as u32) < 0x300 {
        return match c as u32 {
            // Latin-1 and Latin Extended-A and B, answered without the `Alphabetic` table: letters all but `×`
            // and `÷`, and below them only `ª`, `µ` and `º` (the test below checks every code point).
            0..=0x7F => c.is_ascii_alphabetic(),
            0x80..=0xBF => matches!(c, 'ª' | 'µ' | 'º'),
            0xC0..=0x24F => !matches!(c, '×' | '÷'),
            _ => c.is_alphabetic(),
        };
    }
    // Latin Extended Additional (Vietnamese `ễ`) has no mark and no letter-like symbol.
    if matches!(c as u32, 0x1E00..=0x1EFF) {
        return c.is_alphabetic();
    }
    c.is_alphabetic() && !is_letter_like(c) && !unicode::is_combining_mark(c)
}

/// Letter-like symbols: the letter-like, number-form and enclosed blocks, mathematical alphanumerics, and the
/// letter numbers (general category Nl) outside them.
fn is_letter_like(c: char) -> bool {
    matches!(
        c,
        '\u{2100}'..='\u{218F}'       // Letterlike Symbols, Number Forms (Roman numerals)
            | '\u{2460}'..='\u{24FF}' // Enclosed Alphanumerics (Ⓐ)
            | '\u{1D400}'..='\u{1D7FF}' // Mathematical Alphanumeric Symbols (𝐀)
            | '\u{1F100}'..='\u{1F1FF}' // Enclosed Alphanumeric Supplement (🅰)
            // Letter numbers elsewhere: runic, Chinese and Hangzhou numerals, Bamum, Greek acrophonic, Gothic,
            // Old Persian, cuneiform.
            | '\u{16EE}'..='\u{16F0}'
            | '\u{3007}'
            | '\u{3021}'..='\u{3029}'
            | '\u{3038}'..='\u{303A}'
            | '\u{A6E6}'..='\u{A6EF}'
            | '\u{10140}'..='\u{10174}'
            | '\u{10341}'
            | '\u{1034A}'
            | '\u{103D1}'..='\u{103D5}'
            | '\u{12400}'..='\u{1246E}'
    )
}

fn is_invisible(c: char) -> bool {
    matches!(
        c,
        '\u{200B}'..='\u{200F}'
            | '\u{202A}'..='\u{202E}'
            | '\u{2060}'..='\u{2069}'
            | '\u{FEFF}'
            | '\u{00AD}'
            | '\u{061C}'
            | '\u{180E}'
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    fn codes(column: Column, value: &str) -> Vec<&'static str> {
        let (mut e, mut w) = (Vec::new(), Vec::new());
        check_cell(column, &normalize(value), &mut e, &mut w);
        e.iter().chain(w.iter()).map(|p| p.code.as_str()).collect()
    }

    #[test]
    fn names_accept_letters_of_any_script_and_the_allowed_punctuation() {
        for name in ["Zoé", "Jean-Luc", "O'Brien", "D’Artagnan", "J. R.", "Ævar", "Мария", "李", "أحمد", "Nguyễn"]
        {
            assert!(codes(Column::FirstName, name).is_empty(), "{name}");
        }
    }

    #[test]
    fn names_refuse_digits_symbols_emoji_and_invisible_characters() {
        for name in ["R2D2", "Anna!", "Bob 😀", "Eve\u{200B}", "Tab\tby", "a@b"] {
            assert_eq!(codes(Column::LastName, name), vec!["lastname.invalid"], "{name}");
        }
        assert_eq!(codes(Column::FirstName, "   "), vec!["firstname.missing"]);
    }

    #[test]
    fn names_refuse_letter_like_symbols_that_rust_calls_alphabetic() {
        // Circled and squared letters, Roman numerals and other letter numbers, mathematical letters: all
        // `char::is_alphabetic`, none a letter of a script.
        for (name, shown) in [
            ("Ⓐnna", "Ⓐ"),
            ("Louis Ⅻ", "Ⅻ"),
            ("🅰na", "🅰"),
            ("ⓜarie", "ⓜ"),
            ("𝐀na", "𝐀"),
            ("𝓙ean", "𝓙"),
            ("ℝoux", "ℝ"),
            ("ℓéa", "ℓ"),
            ("Ana〇", "〇"),
            ("ᛮ", "ᛮ"),
        ] {
            let (mut errors, mut warnings) = (Vec::new(), Vec::new());
            check_cell(Column::FirstName, &normalize(name), &mut errors, &mut warnings);
            assert_eq!(errors.len(), 1, "{name}: {errors:?}");
            assert_eq!(errors[0].code, Code::FirstnameInvalid, "{name}");
            assert_eq!(errors[0].names, vec![shown.to_owned()], "{name}");
        }
    }

    #[test]
    fn a_name_needs_at_least_one_letter() {
        for name in [".", "-", "'", "’", ". -", "-.-", "\u{301}", "\u{93E}"] {
            let (mut errors, mut warnings) = (Vec::new(), Vec::new());
            check_cell(Column::LastName, &normalize(name), &mut errors, &mut warnings);
            assert_eq!(errors.len(), 1, "{name:?}: {errors:?}");
            assert_eq!(errors[0].code, Code::LastnameInvalid, "{name:?}");
            assert!(errors[0].names.is_empty(), "{name:?}: nothing to remove, a letter to add");
            assert!(errors[0].message(crate::Lang::En).contains("at least one letter"), "{name:?}");
        }
        for name in ["A.", "J.-P.", "Ó", "李", "ʻIolani", "Zo\u{308}e"] {
            assert!(codes(Column::LastName, name).is_empty(), "{name}");
        }
    }

    #[test]
    fn no_break_spaces_count_as_spaces_and_are_stored_as_plain_ones() {
        for name in ["Jean\u{A0}Pierre", "Anne\u{202F}Marie", "Le\u{A0}\u{A0}Roux"] {
            assert!(codes(Column::FirstName, name).is_empty(), "{name:?}");
        }
        assert_eq!(normalize_cell(Column::FirstName, " Jean\u{A0}Pierre\u{A0}"), "Jean Pierre");
        assert_eq!(normalize_cell(Column::LastName, "Anne\u{202F}Marie"), "Anne Marie");
        // Other columns keep what they hold (and an email or identifier with one is invalid).
        assert_eq!(normalize_cell(Column::Identifier, "A\u{A0}1"), "A\u{A0}1");
        assert_eq!(codes(Column::Identifier, "A\u{A0}1"), vec!["identifier.invalid"]);
    }

    /// Unicode's own tables (the regex crate's, a test-only dependency) against [`is_letter`], for every
    /// assigned code point: general category L, minus the letter-like blocks.
    #[cfg(not(target_arch = "wasm32"))]
    #[test]
    fn letters_are_general_category_l_minus_the_letter_like_blocks() {
        let letter = regex::Regex::new(r"^\p{L}$").expect("regex");
        let assigned = regex::Regex::new(r"^\P{Cn}$").expect("regex");
        let mut differ = Vec::new();
        let mut buffer = [0u8; 4];
        for c in (0..=0x10FFFFu32).filter_map(char::from_u32) {
            let text: &str = c.encode_utf8(&mut buffer);
            if !assigned.is_match(text) {
                continue;
            }
            let expected = letter.is_match(text) && !is_letter_like(c);
            if is_letter(c) != expected {
                differ.push(format!("U+{:04X}", c as u32));
            }
        }
        assert!(differ.is_empty(), "{} code points differ: {:?}", differ.len(), &differ[..differ.len().min(40)]);
    }

    #[test]
    fn identifiers_are_ascii_letters_digits_and_three_marks_only() {
        for ok in ["EMP-001_a.b", "abc", "0", "A.B-C_D"] {
            assert!(codes(Column::Identifier, ok).is_empty(), "{ok}");
        }
        for bad in ["½", "x²", "①", "é1", "ID١", "Ａ1", "a/b", "a b", "a\u{200B}b"] {
            assert_eq!(codes(Column::Identifier, bad), vec!["identifier.invalid"], "{bad}");
        }
    }

    #[test]
    fn name_length_is_counted_in_characters_after_nfc() {
        // "é" written as e + combining acute: two code points before NFC, one after.
        let decomposed = "e\u{301}".repeat(64);
        assert_eq!(decomposed.chars().count(), 128);
        assert!(codes(Column::FirstName, &decomposed).is_empty());
        assert_eq!(codes(Column::FirstName, &"é".repeat(65)), vec!["firstname.too_long"]);
        assert_eq!(codes(Column::FirstName, &"a".repeat(64)), Vec::<&str>::new());
    }

    #[test]
    fn identifier_country_and_language_codes() {
        assert!(codes(Column::Identifier, "").is_empty());
        assert!(codes(Column::Identifier, "EMP-001_a.b").is_empty());
        assert_eq!(codes(Column::Identifier, "EMP 001"), vec!["identifier.invalid"]);
        assert_eq!(codes(Column::Identifier, &"x".repeat(65)), vec!["identifier.too_long"]);
        assert!(codes(Column::Identifier, &"x".repeat(64)).is_empty());
        assert!(codes(Column::Country, "").is_empty());
        assert!(codes(Column::Country, "FR").is_empty());
        assert_eq!(codes(Column::Country, "fr"), vec!["country.invalid"]);
        assert_eq!(codes(Column::Language, ""), vec!["language.missing"]);
        assert_eq!(codes(Column::Language, "EN"), vec!["language.invalid"]);
        assert_eq!(codes(Column::Language, "eng"), vec!["language.invalid"]);
        assert!(codes(Column::Language, "de").is_empty());
        assert_eq!(codes(Column::Language, "ja"), vec!["language.english_invitation"]);
    }

    #[test]
    fn emails_normalise_to_one_key() {
        assert_eq!(normalize_email(" A@X.com "), "a@x.com");
        assert_eq!(normalize_email("Ze\u{301}@x.fr"), "zé@x.fr");
    }
}
