//! The three Unicode services the rules need: NFC, lower case and "is this a combining mark". In the browser they
//! come from the JavaScript engine, which already carries the Unicode tables: linking `unicode-normalization` put
//! about 64 KB (brotli) of the same tables in the wasm bundle, and Rust's own case tables a few more. Natively they
//! come from `unicode-normalization` and the standard library. The shared golden tests (`tests/same_everywhere.rs`)
//! run both builds on the same files and require the same reports.

#[cfg(not(all(target_arch = "wasm32", target_os = "unknown")))]
mod imp {
    use std::borrow::Cow;

    use unicode_normalization::{is_nfc_quick, IsNormalized, UnicodeNormalization};

    pub fn nfc(text: &str) -> Cow<'_, str> {
        // Text from spreadsheets is nearly always NFC already: the quick check spares the normaliser and any copy.
        if is_nfc_quick(text.chars()) == IsNormalized::Yes {
            return Cow::Borrowed(text);
        }
        Cow::Owned(text.nfc().collect())
    }

    pub fn is_combining_mark(c: char) -> bool {
        unicode_normalization::char::is_combining_mark(c)
    }

    pub fn nfd(text: &str) -> String {
        text.nfd().collect()
    }

    pub fn lowercase(text: &str) -> String {
        text.to_lowercase()
    }
}

#[cfg(all(target_arch = "wasm32", target_os = "unknown"))]
mod imp {
    use std::borrow::Cow;

    use js_sys::{JsString, RegExp};

    pub fn nfc(text: &str) -> Cow<'_, str> {
        // `String.prototype.normalize` returns the same text when it is already NFC; the copy across the boundary
        // is the only cost, and ASCII never gets here.
        Cow::Owned(String::from(JsString::from(text).normalize("NFC")))
    }

    thread_local! {
        // General category Mark (Mn, Mc, Me): the same set as unicode-normalization's `is_combining_mark`.
        static MARK: RegExp = RegExp::new(r"^\p{M}$", "u");
    }

    pub fn is_combining_mark(c: char) -> bool {
        let mut buffer = [0u8; 4];
        let text: &str = c.encode_utf8(&mut buffer);
        MARK.with(|mark| mark.test(text))
    }

    pub fn nfd(text: &str) -> String {
        String::from(JsString::from(text).normalize("NFD"))
    }

    pub fn lowercase(text: &str) -> String {
        // `toLowerCase` applies the same full mappings as Rust's `str::to_lowercase` (final sigma included).
        String::from(JsString::from(text).to_lower_case())
    }
}

/// `text` in Unicode Normalization Form C (borrowed when it already is, natively).
pub fn nfc(text: &str) -> std::borrow::Cow<'_, str> {
    // Text of characters that are NFC on their own and never compose with the one before is NFC as it is: no
    // normaliser's tables (in the browser, no call to the JavaScript engine) for most names.
    if text.chars().all(is_stable) {
        return std::borrow::Cow::Borrowed(text);
    }
    imp::nfc(text)
}

/// The characters names are mostly made of that NFC leaves alone wherever they stand: below U+0300 (ASCII,
/// Latin-1, Latin Extended), Latin Extended Additional (`ễ`, Vietnamese) and the usual punctuation (`’`, `–`).
/// Checked against the normaliser's tables (`tests::stable_characters_are_nfc_starters_that_never_compose`).
fn is_stable(c: char) -> bool {
    matches!(c as u32, 0..=0x2FF | 0x1E00..=0x1EFF | 0x2010..=0x2027)
}

/// `text` in Unicode Normalization Form D (accents apart from their letters); ASCII never leaves wasm.
pub fn nfd(text: &str) -> String {
    if text.is_ascii() {
        return text.to_owned();
    }
    imp::nfd(text)
}

/// `text` in lower case by Unicode's full mappings (`É` → `é`, `İ` → `i̇`); ASCII never leaves wasm.
pub fn lowercase(text: &str) -> String {
    if text.is_ascii() {
        return text.to_ascii_lowercase();
    }
    imp::lowercase(text)
}

/// Whether `c` is a combining mark (general category M): accents typed separately are part of a name.
pub fn is_combining_mark(c: char) -> bool {
    imp::is_combining_mark(c)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn nfc_composes_decomposed_accents_and_keeps_composed_text() {
        assert_eq!(nfc("E\u{301}lodie"), "Élodie");
        assert_eq!(nfc("Élodie"), "Élodie");
        assert_eq!(nfc("\u{212B}"), "\u{C5}");
        assert_eq!(nfc("\u{1100}\u{1161}"), "\u{AC00}");
    }

    #[cfg(not(all(target_arch = "wasm32", target_os = "unknown")))]
    #[test]
    fn stable_characters_are_nfc_starters_that_never_compose() {
        use unicode_normalization::char::canonical_combining_class;
        use unicode_normalization::{is_nfc_quick, IsNormalized, UnicodeNormalization};
        let stable: Vec<char> = (0..=0x2FFFu32).filter_map(char::from_u32).filter(|&c| is_stable(c)).collect();
        for &c in &stable {
            // NFC_QC=Yes (never the second of a composition) and a starter (never reordered).
            assert_eq!(is_nfc_quick(std::iter::once(c)), IsNormalized::Yes, "U+{:04X}", c as u32);
            assert_eq!(canonical_combining_class(c), 0, "U+{:04X}", c as u32);
        }
        // And pairs of them stay as they are.
        for (i, &a) in stable.iter().enumerate().step_by(7) {
            let b = stable[(i * 31) % stable.len()];
            let pair: String = [a, b].into_iter().collect();
            assert_eq!(pair.nfc().collect::<String>(), pair);
        }
    }

    #[test]
    fn lowercase_maps_accented_and_special_letters() {
        assert_eq!(lowercase("ÉCOLE.FR"), "école.fr");
        // Final sigma: the last Σ of a word becomes ς.
        assert_eq!(lowercase("\u{39f}\u{394}\u{39f}\u{3a3}"), "\u{3bf}\u{3b4}\u{3bf}\u{3c2}");
        assert_eq!(lowercase("\u{130}"), "i\u{307}");
        assert_eq!(lowercase("Marie@Ecole.fr"), "marie@ecole.fr");
    }

    #[test]
    fn combining_marks_of_every_kind_are_recognised() {
        assert!(is_combining_mark('\u{301}'));
        assert!(is_combining_mark('\u{93E}'));
        assert!(is_combining_mark('\u{20DD}'));
        assert!(!is_combining_mark('e'));
        assert!(!is_combining_mark('-'));
    }
}
