//! The API's strict reader of query parameters: a script's typo must be a 400 that says what went wrong, never a
//! quietly ignored filter (a list of everyone, an import with the default options).
//!
//! A route's accepted names are those of the `IntoParams` struct that documents it in the OpenAPI document
//! (`schema.rs`), so the document and the check cannot disagree. Reading a value is one line in the handler:
//!
//! ```ignore
//! let params = Params::read::<ImportOptions>(query.as_deref())?;
//! let dry_run = params.flag("dry_run")?.unwrap_or(false);
//! let lang = params.one_of("lang", &Lang::ALL, |l| l.code())?;
//! ```
//!
//! Refused, each with a `bad-request` problem whose detail names the parameter and what it accepts: a name the
//! route does not have, a name given twice, text that is not UTF-8 once percent-decoded, and any value its
//! reader does not take.

use percent_encoding::percent_decode;
use utoipa::openapi::path::ParameterIn;
use utoipa::IntoParams;

use super::problem::Problem;

/// A request's query parameters, each known to the route and given at most once.
#[derive(Debug)]
pub struct Params {
    pairs: Vec<(String, String)>,
}

/// The query parameter names a route documents (and so accepts), in the document's order.
pub fn accepted<P: IntoParams>() -> Vec<String> {
    P::into_params(|| Some(ParameterIn::Query))
        .into_iter()
        .filter(|p| p.parameter_in == ParameterIn::Query)
        .map(|p| p.name)
        .collect()
}

impl Params {
    /// Reads a query string (without `?`; `None` when the request has none) for a route whose parameters `P`
    /// documents.
    pub fn read<P: IntoParams>(query: Option<&str>) -> Result<Params, Problem> {
        let accepted = accepted::<P>();
        let mut pairs: Vec<(String, String)> = Vec::new();
        // `a=1&&b=2` and a trailing `&` are how scripts join strings; an empty piece carries no parameter.
        for piece in query.unwrap_or("").split('&').filter(|p| !p.is_empty()) {
            let (name, value) = piece.split_once('=').unwrap_or((piece, ""));
            let name = decode(name).ok_or_else(|| {
                Problem::bad_request(format!(
                    "A parameter's name is not UTF-8 text once percent-decoded; {}",
                    accepts_sentence(&accepted)
                ))
            })?;
            if !accepted.contains(&name) {
                return Err(Problem::bad_request(format!(
                    "Unknown parameter `{}`; {}",
                    shorten(&name),
                    accepts_sentence(&accepted)
                )));
            }
            let value = decode(value)
                .ok_or_else(|| Problem::bad_request(format!("{name} is not UTF-8 text once percent-decoded.")))?;
            // Which of two values would win is a guess the API does not make.
            if pairs.iter().any(|(seen, _)| *seen == name) {
                return Err(Problem::bad_request(format!("{name} is given twice; give each parameter once.")));
            }
            pairs.push((name, value));
        }
        Ok(Params { pairs })
    }

    /// Any text (a search): what every other reader starts from.
    pub fn text(&self, name: &str) -> Option<&str> {
        self.pairs.iter().find(|(n, _)| n == name).map(|(_, v)| v.as_str())
    }

    /// `true` or `false`, exactly: `1`, `yes` or an empty value are refused rather than guessed at.
    pub fn flag(&self, name: &str) -> Result<Option<bool>, Problem> {
        self.parse(name, "true or false", |v| match v {
            "true" => Some(true),
            "false" => Some(false),
            _ => None,
        })
    }

    /// One of `choices`, spelled exactly as `label` writes it (the spelling the API answers with).
    pub fn one_of<T: Copy>(&self, name: &str, choices: &[T], label: impl Fn(&T) -> &str) -> Result<Option<T>, Problem> {
        let Some(value) = self.text(name) else {
            return Ok(None);
        };
        match choices.iter().find(|c| label(c) == value) {
            Some(choice) => Ok(Some(*choice)),
            None => {
                let names: Vec<&str> = choices.iter().map(&label).collect();
                Err(bad_value(name, &format!("one of {}", names.join(", "))))
            }
        }
    }

    /// A database id: a positive whole number.
    pub fn id(&self, name: &str) -> Result<Option<i64>, Problem> {
        self.parse(name, "a positive whole number (an id)", positive_id)
    }

    /// Any other value: `parse` answers `None` for a value it does not take, and `accepts` says what it takes
    /// ("a two-letter language code in lower case (fr)"), for the detail "`name` must be `accepts`."
    pub fn parse<T>(
        &self,
        name: &str,
        accepts: &str,
        parse: impl FnOnce(&str) -> Option<T>,
    ) -> Result<Option<T>, Problem> {
        match self.text(name) {
            None => Ok(None),
            Some(value) => parse(value).map(Some).ok_or_else(|| bad_value(name, accepts)),
        }
    }
}

/// A positive id written in decimal digits only (no sign, no spaces): a path's `{id}` or an `import` filter.
pub fn positive_id(text: &str) -> Option<i64> {
    if text.is_empty() || !text.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    text.parse().ok().filter(|id| *id > 0)
}

/// The 400 for a value its parameter does not take.
pub fn bad_value(name: &str, accepts: &str) -> Problem {
    Problem::bad_request(format!("{name} must be {accepts}."))
}

/// `+` is a space and `%XX` a byte, as in an HTML form's query (the Users page's addresses are written so); the
/// bytes must then be UTF-8, where a lenient decoder would put U+FFFD and go on.
fn decode(text: &str) -> Option<String> {
    let spaced = text.replace('+', " ");
    percent_decode(spaced.as_bytes()).decode_utf8().ok().map(|text| text.into_owned())
}

fn accepts_sentence(accepted: &[String]) -> String {
    if accepted.is_empty() {
        "this route takes no parameters.".to_owned()
    } else {
        format!("this route accepts {}.", accepted.join(", "))
    }
}

/// A name echoed in a detail stays short: a script's typo is a few characters, a hostile name may be megabytes.
fn shorten(text: &str) -> String {
    const MAX_CHARS: usize = 40;
    if text.chars().count() <= MAX_CHARS {
        text.to_owned()
    } else {
        format!("{}…", text.chars().take(MAX_CHARS).collect::<String>())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A route's documented parameters, as `schema.rs` declares them.
    #[derive(IntoParams)]
    #[into_params(parameter_in = Query)]
    #[allow(dead_code)] // Only its names are read.
    struct Example {
        /// A flag.
        dry_run: Option<bool>,
        /// A choice.
        lang: Option<String>,
        /// An id.
        import: Option<i64>,
        /// Text.
        q: Option<String>,
    }

    fn read(query: &str) -> Result<Params, String> {
        Params::read::<Example>(Some(query)).map_err(|p| p.detail)
    }

    fn detail<T: std::fmt::Debug>(result: Result<T, Problem>) -> String {
        result.expect_err("refused").detail
    }

    #[test]
    fn the_accepted_names_are_the_documented_ones_in_their_order() {
        assert_eq!(accepted::<Example>(), ["dry_run", "lang", "import", "q"]);
    }

    #[test]
    fn an_unknown_parameter_is_refused_with_the_names_the_route_accepts() {
        let detail = read("q=x&foo=1").expect_err("refused");
        assert_eq!(detail, "Unknown parameter `foo`; this route accepts dry_run, lang, import, q.");
        // Names are exact: another case is another name.
        assert!(read("Q=x").expect_err("refused").contains("`Q`"));
        let long = format!("{}=1", "x".repeat(10_000));
        assert!(read(&long).expect_err("refused").len() < 200, "a long name is not echoed whole");
    }

    #[test]
    fn a_parameter_given_twice_is_refused_even_with_the_same_value() {
        assert_eq!(read("q=a&q=a").expect_err("refused"), "q is given twice; give each parameter once.");
        assert!(read("dry_run=true&q=a&dry_run=false").expect_err("refused").starts_with("dry_run is given twice"));
    }

    #[test]
    fn flags_take_exactly_true_or_false() {
        let params = read("dry_run=true").unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(params.flag("dry_run").map_err(|p| p.detail), Ok(Some(true)));
        assert_eq!(read("dry_run=false").map(|p| p.flag("dry_run").map_err(|p| p.detail)), Ok(Ok(Some(false))));
        for bad in ["dry_run=1", "dry_run=yes", "dry_run=True", "dry_run=", "dry_run", "dry_run=true%20"] {
            let params = read(bad).unwrap_or_else(|e| panic!("{e}"));
            assert_eq!(detail(params.flag("dry_run")), "dry_run must be true or false.", "{bad}");
        }
        assert_eq!(read("").map(|p| p.flag("dry_run").map_err(|p| p.detail)), Ok(Ok(None)), "absent: the default");
    }

    #[test]
    fn a_choice_is_one_of_its_exact_spellings_and_the_detail_lists_them() {
        let langs = [rules::Lang::En, rules::Lang::Fr, rules::Lang::De];
        let params = read("lang=fr").unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(params.one_of("lang", &langs, |l| l.code()).map_err(|p| p.detail), Ok(Some(rules::Lang::Fr)));
        for bad in ["lang=FR", "lang=english", "lang=", "lang=%20fr"] {
            let params = read(bad).unwrap_or_else(|e| panic!("{e}"));
            assert_eq!(detail(params.one_of("lang", &langs, |l| l.code())), "lang must be one of en, fr, de.");
        }
    }

    #[test]
    fn ids_are_positive_whole_numbers_in_plain_digits() {
        assert_eq!(positive_id("42"), Some(42));
        for bad in ["", "0", "-3", "+3", " 3", "3.0", "abc", "99999999999999999999", "٣"] {
            assert_eq!(positive_id(bad), None, "{bad:?}");
        }
        let params = read("import=x").unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(detail(params.id("import")), "import must be a positive whole number (an id).");
    }

    #[test]
    fn values_are_percent_decoded_and_must_be_utf8() {
        let params = read("q=Zo%C3%A9+%26+co").unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(params.text("q"), Some("Zoé & co"));
        assert_eq!(read("q=%FF").expect_err("refused"), "q is not UTF-8 text once percent-decoded.");
        assert!(read("%FF=1").expect_err("refused").starts_with("A parameter's name is not UTF-8"));
        // An encoded name is the same name.
        assert_eq!(read("%71=x").map(|p| p.text("q").map(str::to_owned)), Ok(Some("x".to_owned())));
    }

    #[test]
    fn empty_pieces_carry_no_parameter() {
        let params = read("&q=a&&").unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(params.text("q"), Some("a"));
        assert!(Params::read::<Example>(None).is_ok());
    }

    #[test]
    fn a_custom_reader_names_the_parameter_and_what_it_takes() {
        let params = read("q=abc").unwrap_or_else(|e| panic!("{e}"));
        let short = params.parse("q", "at least five characters", |v| (v.len() >= 5).then(|| v.to_owned()));
        assert_eq!(detail(short), "q must be at least five characters.");
    }
}
