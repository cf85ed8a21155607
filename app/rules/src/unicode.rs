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

    pub fn lowercase(text: &str) -> String {
        // `toLowerCase` applies the same full mappings as Rust's `str::to_lowercase` (final sigma included).
        String::from(JsString::from(text).to_lower_case())
    }
}

/// `text` in Unicode Normalization Form C (borrowed when it already is, natively).
pub fn nfc(text: &str) -> std::borrow::Cow<'_, str> {
    // Below U+0300 (Latin-1, Latin Extended) there is no combining mark and nothing composes: such text is NFC
    // as it is, without the normaliser's tables (or, in the browser, a call to the JavaScript engine).
    if text.chars().all(|c| (c as u32) < 0x300) {
        return std::borrow::Cow::Borrowed(text);
    }
    imp::nfc(text)
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
