//! The specification's email rule, the one check for learners' rows and admins' accounts alike.

use crate::row::{longer_than, normalize};

/// An email as the specification's rule accepts it, trimmed and in NFC; `None` when it is not valid. The one
/// email check, for learners' rows and admins' accounts alike.
pub fn valid_email(raw: &str) -> Option<String> {
    let email = normalize(raw);
    is_valid_email(&email).then_some(email)
}

/// The specification's email rule: one `@`, a local part of at most 64 characters, a domain with at least one dot
/// (internationalised names accepted), no display name, no IP literal, at most 254 characters in all.
/// Written here rather than taken from a crate: the crates accept display names, quoted local parts or IP
/// literals by default, which the rule refuses.
pub(crate) fn is_valid_email(email: &str) -> bool {
    if email.is_ascii() {
        return is_valid_ascii_email(email.as_bytes());
    }
    if longer_than(email, 254) {
        return false;
    }
    let Some((local, domain)) = email.split_once('@') else { return false };
    if domain.contains('@') || local.is_empty() || longer_than(local, 64) {
        return false;
    }
    let local_ok = !local.starts_with('.')
        && !local.ends_with('.')
        && !local.contains("..")
        && local.chars().all(|c| {
            c.is_alphanumeric()
                || matches!(c, '!' | '#' | '$' | '%' | '&' | '\'' | '*' | '+' | '/' | '=' | '?' | '^' | '_' | '`')
                || matches!(c, '{' | '|' | '}' | '~' | '.' | '-')
        });
    if !local_ok {
        return false;
    }
    // At least two labels: a dot. Split without collecting: no allocation per checked email.
    if !domain.contains('.') {
        return false;
    }
    let labels_ok = domain.split('.').all(|label| {
        !label.is_empty()
            && !longer_than(label, 63)
            && !label.starts_with('-')
            && !label.ends_with('-')
            && label.chars().all(|c| c.is_alphanumeric() || c == '-')
    });
    // An all-digit top-level label is an IP address written without brackets.
    let tld_ok = domain.rsplit('.').next().is_some_and(|tld| !tld.chars().all(|c| c.is_ascii_digit()));
    labels_ok && tld_ok
}

/// What each ASCII byte may be in an email: in a local part, in a domain label.
const LOCAL: u8 = 1;
const LABEL: u8 = 2;
static ASCII: [u8; 128] = {
    let mut table = [0u8; 128];
    let mut b = 0;
    while b < 128 {
        let c = b as u8;
        if c.is_ascii_alphanumeric() {
            table[b] = LOCAL | LABEL;
        }
        b += 1;
    }
    let special = b"!#$%&'*+/=?^_`{|}~.-";
    let mut i = 0;
    while i < special.len() {
        table[special[i] as usize] |= LOCAL;
        i += 1;
    }
    table[b'-' as usize] |= LABEL;
    table
};

/// [`is_valid_email`] for an ASCII email (nearly all): the same rule, one pass over the bytes, no searcher.
fn is_valid_ascii_email(email: &[u8]) -> bool {
    if email.len() > 254 {
        return false;
    }
    let Some(at) = memchr::memchr(b'@', email) else { return false };
    let (local, domain) = (&email[..at], &email[at + 1..]);
    if domain.contains(&b'@') || local.is_empty() || local.len() > 64 {
        return false;
    }
    if local.first() == Some(&b'.') || local.last() == Some(&b'.') || local.windows(2).any(|w| w == b"..") {
        return false;
    }
    if !local.iter().all(|&b| ASCII[usize::from(b)] & LOCAL != 0) {
        return false;
    }
    let mut labels = 0;
    let mut last_all_digits = false;
    for label in domain.split(|&b| b == b'.') {
        let ok = !label.is_empty()
            && label.len() <= 63
            && label.first() != Some(&b'-')
            && label.last() != Some(&b'-')
            && label.iter().all(|&b| ASCII[usize::from(b)] & LABEL != 0);
        if !ok {
            return false;
        }
        labels += 1;
        last_all_digits = label.iter().all(u8::is_ascii_digit);
    }
    // At least two labels; an all-digit top-level label is an IP address written without brackets.
    labels >= 2 && !last_all_digits
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn emails_follow_the_rule() {
        for ok in ["a@b.co", "first.last+tag@example.com", "zoé@exemple.fr", "x@bücher.de", "A@X.COM"] {
            assert!(is_valid_email(ok), "{ok}");
        }
        for bad in [
            "plain",
            "a@b",
            "a@@b.com",
            "a@b@c.com",
            "Name <a@b.com>",
            "a@[127.0.0.1]",
            "a@127.0.0.1",
            ".a@b.com",
            "a..b@c.com",
            "a b@c.com",
            "a@-b.com",
            "a@b..com",
        ] {
            assert!(!is_valid_email(bad), "{bad}");
        }
    }

    /// The rule as first written, on `char`s and string searches: the reference of the ASCII fast path.
    fn reference(email: &str) -> bool {
        if email.chars().count() > 254 {
            return false;
        }
        let Some((local, domain)) = email.split_once('@') else { return false };
        if domain.contains('@') || local.is_empty() || local.chars().count() > 64 {
            return false;
        }
        let local_ok = !local.starts_with('.')
            && !local.ends_with('.')
            && !local.contains("..")
            && local.chars().all(|c| c.is_alphanumeric() || "!#$%&'*+/=?^_`{|}~.-".contains(c));
        let labels: Vec<&str> = domain.split('.').collect();
        let labels_ok = labels.len() >= 2
            && labels.iter().all(|l| {
                !l.is_empty()
                    && l.chars().count() <= 63
                    && !l.starts_with('-')
                    && !l.ends_with('-')
                    && l.chars().all(|c| c.is_alphanumeric() || c == '-')
            });
        local_ok && labels_ok && labels.last().is_some_and(|tld| !tld.chars().all(|c| c.is_ascii_digit()))
    }

    #[test]
    fn the_ascii_path_gives_the_rules_answer_on_every_short_shape() {
        // Every string of up to 5 characters over an alphabet that reaches every branch, and a few long ones.
        let alphabet = ['a', '1', '.', '-', '@', '+', ' ', '"'];
        let mut strings = vec![String::new()];
        for _ in 0..5 {
            let longer: Vec<String> =
                strings.iter().flat_map(|s| alphabet.iter().map(move |c| format!("{s}{c}"))).collect();
            strings.extend(longer);
        }
        strings.sort();
        strings.dedup();
        for email in strings.iter().map(String::as_str).chain(["a@b.co", "a@b.1", "a@1.b", "a.b@c-d.e"]) {
            assert_eq!(is_valid_email(email), reference(email), "{email:?}");
        }
    }

    #[test]
    fn email_length_boundaries() {
        let local64 = "a".repeat(64);
        assert!(is_valid_email(&format!("{local64}@example.com")));
        assert!(!is_valid_email(&format!("a{local64}@example.com")));
        // 254 characters in all is the most: 64 + 1 + 189.
        let domain = |len: usize| {
            let mut labels = Vec::new();
            let mut left = len - 4; // ".com"
            while left > 0 {
                let take = left.min(63);
                labels.push("d".repeat(take));
                left -= take;
                if left > 0 {
                    left -= 1; // the dot
                    if left == 0 {
                        labels.push("e".into());
                    }
                }
            }
            format!("{}.com", labels.join("."))
        };
        let e254 = format!("{local64}@{}", domain(189));
        assert_eq!(e254.chars().count(), 254);
        assert!(is_valid_email(&e254));
        let e255 = format!("{local64}@{}", domain(190));
        assert_eq!(e255.chars().count(), 255);
        assert!(!is_valid_email(&e255));
    }
}
