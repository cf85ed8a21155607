//! The ISO 3166-1 alpha-2 country codes and ISO 639-1 language codes, as sorted tables (binary search).
//! Hand-kept rather than a crate: the crates that carry these lists also carry names and alpha-3 tables in every
//! language, which would weigh on the wasm bundle; the tests pin the counts and the order.

use crate::unicode;

/// ISO 3166-1 alpha-2: the 249 officially assigned codes.
pub const COUNTRIES: &[&str] = &[
    "AD", "AE", "AF", "AG", "AI", "AL", "AM", "AO", "AQ", "AR", "AS", "AT", "AU", "AW", "AX", "AZ", "BA", "BB", "BD",
    "BE", "BF", "BG", "BH", "BI", "BJ", "BL", "BM", "BN", "BO", "BQ", "BR", "BS", "BT", "BV", "BW", "BY", "BZ", "CA",
    "CC", "CD", "CF", "CG", "CH", "CI", "CK", "CL", "CM", "CN", "CO", "CR", "CU", "CV", "CW", "CX", "CY", "CZ", "DE",
    "DJ", "DK", "DM", "DO", "DZ", "EC", "EE", "EG", "EH", "ER", "ES", "ET", "FI", "FJ", "FK", "FM", "FO", "FR", "GA",
    "GB", "GD", "GE", "GF", "GG", "GH", "GI", "GL", "GM", "GN", "GP", "GQ", "GR", "GS", "GT", "GU", "GW", "GY", "HK",
    "HM", "HN", "HR", "HT", "HU", "ID", "IE", "IL", "IM", "IN", "IO", "IQ", "IR", "IS", "IT", "JE", "JM", "JO", "JP",
    "KE", "KG", "KH", "KI", "KM", "KN", "KP", "KR", "KW", "KY", "KZ", "LA", "LB", "LC", "LI", "LK", "LR", "LS", "LT",
    "LU", "LV", "LY", "MA", "MC", "MD", "ME", "MF", "MG", "MH", "MK", "ML", "MM", "MN", "MO", "MP", "MQ", "MR", "MS",
    "MT", "MU", "MV", "MW", "MX", "MY", "MZ", "NA", "NC", "NE", "NF", "NG", "NI", "NL", "NO", "NP", "NR", "NU", "NZ",
    "OM", "PA", "PE", "PF", "PG", "PH", "PK", "PL", "PM", "PN", "PR", "PS", "PT", "PW", "PY", "QA", "RE", "RO", "RS",
    "RU", "RW", "SA", "SB", "SC", "SD", "SE", "SG", "SH", "SI", "SJ", "SK", "SL", "SM", "SN", "SO", "SR", "SS", "ST",
    "SV", "SX", "SY", "SZ", "TC", "TD", "TF", "TG", "TH", "TJ", "TK", "TL", "TM", "TN", "TO", "TR", "TT", "TV", "TW",
    "TZ", "UA", "UG", "UM", "US", "UY", "UZ", "VA", "VC", "VE", "VG", "VI", "VN", "VU", "WF", "WS", "YE", "YT", "ZA",
    "ZM", "ZW",
];

/// ISO 639-1: the 183 two-letter language codes.
pub const LANGUAGES: &[&str] = &[
    "aa", "ab", "ae", "af", "ak", "am", "an", "ar", "as", "av", "ay", "az", "ba", "be", "bg", "bi", "bm", "bn", "bo",
    "br", "bs", "ca", "ce", "ch", "co", "cr", "cs", "cu", "cv", "cy", "da", "de", "dv", "dz", "ee", "el", "en", "eo",
    "es", "et", "eu", "fa", "ff", "fi", "fj", "fo", "fr", "fy", "ga", "gd", "gl", "gn", "gu", "gv", "ha", "he", "hi",
    "ho", "hr", "ht", "hu", "hy", "hz", "ia", "id", "ie", "ig", "ii", "ik", "io", "is", "it", "iu", "ja", "jv", "ka",
    "kg", "ki", "kj", "kk", "kl", "km", "kn", "ko", "kr", "ks", "ku", "kv", "kw", "ky", "la", "lb", "lg", "li", "ln",
    "lo", "lt", "lu", "lv", "mg", "mh", "mi", "mk", "ml", "mn", "mr", "ms", "mt", "my", "na", "nb", "nd", "ne", "ng",
    "nl", "nn", "no", "nr", "nv", "ny", "oc", "oj", "om", "or", "os", "pa", "pi", "pl", "ps", "pt", "qu", "rm", "rn",
    "ro", "ru", "rw", "sa", "sc", "sd", "se", "sg", "si", "sk", "sl", "sm", "sn", "so", "sq", "sr", "ss", "st", "su",
    "sv", "sw", "ta", "te", "tg", "th", "ti", "tk", "tl", "tn", "to", "tr", "ts", "tt", "tw", "ty", "ug", "uk", "ur",
    "uz", "ve", "vi", "vo", "wa", "wo", "xh", "yi", "yo", "za", "zh", "zu",
];

pub fn is_country(code: &str) -> bool {
    is_in(&COUNTRY_BITS, b'A', code)
}

pub fn is_language(code: &str) -> bool {
    is_in(&LANGUAGE_BITS, b'a', code)
}

/// A table of two-letter codes as 26 × 26 bits, built at compile time: every row's country and language is one
/// bit test instead of a binary search of string comparisons.
type Bits = [u32; 26];

const COUNTRY_BITS: Bits = bits(COUNTRIES, b'A');
const LANGUAGE_BITS: Bits = bits(LANGUAGES, b'a');

const fn bits(codes: &[&str], a: u8) -> Bits {
    let mut bits = [0u32; 26];
    let mut i = 0;
    while i < codes.len() {
        let code = codes[i].as_bytes();
        bits[(code[0] - a) as usize] |= 1 << (code[1] - a);
        i += 1;
    }
    bits
}

/// Whether `code` is two letters from `a` (`A` or `a`) on whose bit is set.
fn is_in(bits: &Bits, a: u8, code: &str) -> bool {
    let letter = |b: u8| b.wrapping_sub(a) < 26;
    match *code.as_bytes() {
        [first, second] if letter(first) && letter(second) => bits[(first - a) as usize] & (1 << (second - a)) != 0,
        _ => false,
    }
}

/// The code an admin most likely meant by a wrong country value (`fr` → `FR`, `UK` → `GB`).
pub fn suggest_country(value: &str) -> Option<String> {
    let lower = unicode::lowercase(value.trim());
    let fixed = match lower.as_str() {
        "uk" | "gbr" | "england" | "royaume-uni" | "united kingdom" => "GB".to_owned(),
        "fra" | "france" => "FR".to_owned(),
        "usa" | "united states" | "états-unis" | "etats-unis" => "US".to_owned(),
        "deu" | "germany" | "allemagne" => "DE".to_owned(),
        "ita" | "italy" | "italie" => "IT".to_owned(),
        "esp" | "spain" | "espagne" => "ES".to_owned(),
        "bel" | "belgium" | "belgique" => "BE".to_owned(),
        "che" | "switzerland" | "suisse" => "CH".to_owned(),
        "nld" | "netherlands" | "pays-bas" => "NL".to_owned(),
        "prt" | "portugal" => "PT".to_owned(),
        "can" | "canada" => "CA".to_owned(),
        "el" => "GR".to_owned(),
        // Codes are ASCII: a letter that only upper-cases to ASCII (`ı`, `ﬁ`) is not a way to write one.
        other => other.to_ascii_uppercase(),
    };
    is_country(&fixed).then_some(fixed)
}

/// The code an admin most likely meant by a wrong language value (`EN`, `eng`, `en-GB`, `English` → `en`).
pub fn suggest_language(value: &str) -> Option<String> {
    let lower = unicode::lowercase(value.trim());
    let base = lower.split(['-', '_']).next().unwrap_or_default();
    let fixed = match base {
        "eng" | "english" | "anglais" => "en",
        "fra" | "fre" | "french" | "français" | "francais" => "fr",
        "deu" | "ger" | "german" | "deutsch" | "allemand" => "de",
        "ita" | "italian" | "italiano" | "italien" => "it",
        "spa" | "spanish" | "español" | "espanol" | "espagnol" => "es",
        "nld" | "dut" | "dutch" | "nederlands" | "néerlandais" | "neerlandais" => "nl",
        "por" | "portuguese" | "português" | "portugues" | "portugais" => "pt",
        other => other,
    };
    is_language(fixed).then(|| fixed.to_owned())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_tables_are_complete_sorted_and_well_formed() {
        assert_eq!(COUNTRIES.len(), 249);
        assert_eq!(LANGUAGES.len(), 183);
        assert!(COUNTRIES.windows(2).all(|w| w[0] < w[1]));
        assert!(LANGUAGES.windows(2).all(|w| w[0] < w[1]));
        assert!(COUNTRIES.iter().all(|c| c.len() == 2 && c.chars().all(|ch| ch.is_ascii_uppercase())));
        assert!(LANGUAGES.iter().all(|c| c.len() == 2 && c.chars().all(|ch| ch.is_ascii_lowercase())));
    }

    #[test]
    fn the_bit_tables_hold_exactly_the_listed_codes() {
        let mut listed = 0;
        for first in b'A'..=b'z' {
            for second in b'A'..=b'z' {
                let code = String::from_utf8(vec![first, second]).expect("ASCII");
                assert_eq!(is_country(&code), COUNTRIES.contains(&code.as_str()), "{code}");
                assert_eq!(is_language(&code), LANGUAGES.contains(&code.as_str()), "{code}");
                listed += usize::from(is_country(&code)) + usize::from(is_language(&code));
            }
        }
        assert_eq!(listed, COUNTRIES.len() + LANGUAGES.len());
        for other in ["", "F", "FRA", "é", "F\u{0}"] {
            assert!(!is_country(other) && !is_language(other), "{other:?}");
        }
    }

    #[test]
    fn suggestions_fix_case_aliases_and_regions() {
        assert_eq!(suggest_country("fr").as_deref(), Some("FR"));
        assert_eq!(suggest_country("UK").as_deref(), Some("GB"));
        assert_eq!(suggest_country("XX"), None);
        assert_eq!(suggest_language("EN").as_deref(), Some("en"));
        assert_eq!(suggest_language("eng").as_deref(), Some("en"));
        assert_eq!(suggest_language("en-GB").as_deref(), Some("en"));
        assert_eq!(suggest_language("Français").as_deref(), Some("fr"));
        assert_eq!(suggest_language("klingon"), None);
    }
}
