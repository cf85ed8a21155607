//! The column each header cell most likely is: its name against the columns' names and aliases in seven languages
//! (compared fuzzily, typos and variants included), and what its values look like. Tables, not crates: every KB
//! of wasm counts.

use crate::codes::{is_country, is_language};
use crate::column::is_portal_header;
use crate::email::is_valid_email;
use crate::{unicode, Column};

/// Names and aliases of each column in English, French, German, Spanish, Italian, Dutch and Portuguese, written
/// as [`fold`] leaves them (lower case, no accents, words split by one space).
const ALIASES: [(Column, &[&str]); Column::ALL.len()] = [
    (
        Column::FirstName,
        &[
            "first name",
            "given name",
            "forename",
            "first",
            "prenom",
            "vorname",
            "rufname",
            "nombre",
            "nombre de pila",
            "nome",
            "primo nome",
            "voornaam",
            "roepnaam",
            "primeiro nome",
        ],
    ),
    (
        Column::LastName,
        &[
            "last name",
            "surname",
            "family name",
            "last",
            "nom",
            "nom de famille",
            "nom d usage",
            "nachname",
            "familienname",
            "apellido",
            "apellidos",
            "cognome",
            "achternaam",
            "familienaam",
            "sobrenome",
            "apelido",
        ],
    ),
    (
        Column::Email,
        &[
            "email",
            "e mail",
            "email address",
            "e mail address",
            "mail",
            "courriel",
            "adresse email",
            "adresse e mail",
            "adresse electronique",
            "adresse courriel",
            "mel",
            "e mail adresse",
            "emailadresse",
            "correo",
            "correo electronico",
            "email institucional",
            "indirizzo email",
            "posta elettronica",
            "e mailadres",
            "emailadres",
            "endereco de email",
            "endereco de e mail",
            "correio eletronico",
        ],
    ),
    (
        Column::Identifier,
        &[
            "identifier",
            "id",
            "identifiant",
            "matricule",
            "student id",
            "student number",
            "employee id",
            "employee number",
            "user id",
            "external id",
            "personnel number",
            "personalnummer",
            "matrikelnummer",
            "kennung",
            "mitarbeiternummer",
            "identificador",
            "numero de estudiante",
            "matricola",
            "codice",
            "studentnummer",
            "personeelsnummer",
            "numero de aluno",
            "numero de matricula",
        ],
    ),
    (
        Column::Country,
        &[
            "country",
            "country code",
            "pays",
            "code pays",
            "land",
            "landercode",
            "staat",
            "pais",
            "codigo pais",
            "paese",
            "nazione",
            "landcode",
        ],
    ),
    (
        Column::Language,
        &[
            "language",
            "lang",
            "language code",
            "langue",
            "code langue",
            "langue maternelle",
            "sprache",
            "muttersprache",
            "idioma",
            "lengua",
            "lingua",
            "lingua madre",
            "taal",
            "moedertaal",
        ],
    ),
    (
        Column::Groups,
        &[
            "groups", "group", "cohort", "class", "classes", "section", "classe", "groupe", "groupes", "cohorte",
            "gruppe", "gruppen", "klasse", "kohorte", "grupo", "grupos", "clase", "gruppo", "gruppi", "classe",
            "groep", "groepen", "klas", "turma",
        ],
    ),
    (
        Column::Status,
        &["status", "account status", "state", "statut", "etat", "zustand", "kontostatus", "estado", "stato", "staat"],
    ),
];

/// Lower case, Latin accents removed, every run of other characters than letters and digits one space:
/// `E-Mail-Adresse` → `e mail adresse`, `Código país` → `codigo pais`.
fn fold(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in unicode::lowercase(text).chars() {
        let c = match c {
            'à' | 'á' | 'â' | 'ã' | 'ä' | 'å' => 'a',
            'ç' => 'c',
            'è' | 'é' | 'ê' | 'ë' => 'e',
            'ì' | 'í' | 'î' | 'ï' => 'i',
            'ñ' => 'n',
            'ò' | 'ó' | 'ô' | 'õ' | 'ö' | 'ø' => 'o',
            'ù' | 'ú' | 'û' | 'ü' => 'u',
            'ý' | 'ÿ' => 'y',
            'ß' => {
                out.push_str("ss");
                continue;
            }
            c => c,
        };
        if c.is_alphanumeric() {
            out.push(c);
        } else if !out.is_empty() && !out.ends_with(' ') {
            out.push(' ');
        }
    }
    out.truncate(out.trim_end().len());
    out
}

/// Levenshtein distance over characters, one row of memory.
fn distance(a: &[char], b: &[char]) -> usize {
    let mut row: Vec<usize> = (0..=b.len()).collect();
    for (i, ca) in a.iter().enumerate() {
        let mut diagonal = row[0];
        row[0] = i + 1;
        for (j, cb) in b.iter().enumerate() {
            let above = row[j + 1];
            row[j + 1] = (above + 1).min(row[j] + 1).min(diagonal + usize::from(ca != cb));
            diagonal = above;
        }
    }
    row[b.len()]
}

/// How much a folded header cell looks like a folded alias, from 0 to 1: the same letters (1), the alias's words
/// all in the cell (`langue preferee` has `langue`), words shared, one squeezed name inside the other
/// (`emailadresse` has `email`), or a typo away (`fristname`).
fn name_score(cell: &str, alias: &str) -> f32 {
    let squeeze = |s: &str| s.chars().filter(|c| *c != ' ').collect::<Vec<char>>();
    let (a, b) = (squeeze(cell), squeeze(alias));
    if a.is_empty() || b.is_empty() {
        return 0.0;
    }
    if a == b {
        return 1.0;
    }
    let words: Vec<&str> = cell.split(' ').collect();
    let alias_words: Vec<&str> = alias.split(' ').collect();
    let shared = alias_words.iter().filter(|w| words.contains(w)).count();
    let overlap = shared as f32 / (words.len() + alias_words.len() - shared) as f32;
    let mut score = overlap * 0.8;
    if shared == alias_words.len() {
        score = score.max(0.7 + 0.3 * overlap);
    }
    if b.len() >= 4 && a.windows(b.len()).any(|w| w == b.as_slice()) {
        score = score.max(0.6 + 0.3 * b.len() as f32 / a.len() as f32);
    }
    let similar = 1.0 - distance(&a, &b) as f32 / a.len().max(b.len()) as f32;
    if similar >= 0.7 {
        score = score.max(similar);
    }
    score
}

/// How much a cell's values say it is `column`, from 0 to 1: mostly email addresses, two capital letters that
/// are country codes, two lower-case letters that are language codes. Names say nothing (first or last?).
fn value_score(values: &[&str], column: Column) -> f32 {
    let shape: fn(&str) -> bool = match column {
        Column::Email => is_valid_email,
        Column::Country => |v| v.len() == 2 && v.bytes().all(|b| b.is_ascii_uppercase()) && is_country(v),
        Column::Language => |v| v.len() == 2 && v.bytes().all(|b| b.is_ascii_lowercase()) && is_language(v),
        _ => return 0.0,
    };
    if values.is_empty() {
        return 0.0;
    }
    let share = values.iter().filter(|v| shape(v)).count() as f32 / values.len() as f32;
    if share >= 0.6 {
        0.5 + 0.4 * share
    } else {
        0.0
    }
}

/// Below this, a cell gets no suggestion (the admin chooses).
const THRESHOLD: f32 = 0.5;

/// The suggested column of each header cell: every (cell, column) pair scored by the cell's name (its known
/// alias scores above everything) and its values, then the best pairs taken first, one cell per column. The
/// error report's `errors` column is never suggested.
pub fn suggest(headers: &[String], values: &[Vec<&str>]) -> Vec<Option<Column>> {
    let mut pairs: Vec<(f32, usize, Column)> = Vec::new();
    for (i, header) in headers.iter().enumerate() {
        if header.trim().is_empty() || is_portal_header(header) {
            continue;
        }
        let known = Column::from_header(header);
        let folded = fold(header);
        let cell_values = values.get(i).map(Vec::as_slice).unwrap_or(&[]);
        for (column, aliases) in ALIASES {
            let mut score = aliases.iter().map(|a| name_score(&folded, a)).fold(0.0, f32::max);
            score = score.max(name_score(&folded, &fold(column.as_str())));
            score = score.max(value_score(cell_values, column));
            if known == Some(column) {
                score = 2.0;
            }
            if score >= THRESHOLD {
                pairs.push((score, i, column));
            }
        }
    }
    // Best first; equal scores in the file's order, so the result never depends on the sort.
    pairs.sort_by(|a, b| b.0.total_cmp(&a.0).then(a.1.cmp(&b.1)).then(a.2.cmp(&b.2)));
    let mut suggestions = vec![None; headers.len()];
    let mut taken = Vec::new();
    for (_, i, column) in pairs {
        if suggestions[i].is_none() && !taken.contains(&column) {
            suggestions[i] = Some(column);
            taken.push(column);
        }
    }
    suggestions
}

#[cfg(test)]
mod tests {
    use super::*;

    fn suggested(headers: &[&str]) -> Vec<Option<&'static str>> {
        let headers: Vec<String> = headers.iter().map(|h| (*h).to_owned()).collect();
        suggest(&headers, &[]).into_iter().map(|c| c.map(Column::as_str)).collect()
    }

    #[test]
    fn french_headers_are_suggested_by_their_names() {
        assert_eq!(
            suggested(&["Prénom", "Nom de naissance", "Adresse électronique", "Langue préférée", "Pays", "Service"]),
            vec![Some("firstname"), Some("lastname"), Some("email"), Some("language"), Some("country"), None]
        );
        assert_eq!(suggested(&["Langue maternelle", "Matricule"]), vec![Some("language"), Some("identifier")]);
    }

    #[test]
    fn german_headers_are_suggested_by_their_names() {
        assert_eq!(
            suggested(&["Vorname", "Nachname", "E-Mail-Adresse", "Land", "Sprache", "Personalnummer", "Abteilung"]),
            vec![
                Some("firstname"),
                Some("lastname"),
                Some("email"),
                Some("country"),
                Some("language"),
                Some("identifier"),
                None
            ]
        );
    }

    #[test]
    fn spanish_italian_dutch_and_portuguese_headers_are_suggested() {
        assert_eq!(
            suggested(&["Nombre", "Apellidos", "Correo electrónico", "País", "Idioma"]),
            vec![Some("firstname"), Some("lastname"), Some("email"), Some("country"), Some("language")]
        );
        assert_eq!(
            suggested(&["Nome", "Cognome", "Indirizzo email", "Lingua"]),
            vec![Some("firstname"), Some("lastname"), Some("email"), Some("language")]
        );
        assert_eq!(
            suggested(&["Voornaam", "Achternaam", "E-mailadres", "Taal"]),
            vec![Some("firstname"), Some("lastname"), Some("email"), Some("language")]
        );
        assert_eq!(suggested(&["Primeiro nome", "Sobrenome"]), vec![Some("firstname"), Some("lastname")]);
    }

    #[test]
    fn typos_and_english_variants_are_suggested() {
        assert_eq!(
            suggested(&["Fristname", "Family name", "Emailadresse", "Student ID", "Country Code"]),
            vec![Some("firstname"), Some("lastname"), Some("email"), Some("identifier"), Some("country")]
        );
    }

    #[test]
    fn values_tell_emails_country_codes_and_language_codes() {
        let headers: Vec<String> = ["Contact", "Where", "Speaks", "Notes"].iter().map(|h| (*h).to_owned()).collect();
        let values = vec![
            vec!["ana@example.fr", "luc@example.de", "not an address"],
            vec!["FR", "DE", "GB"],
            vec!["fr", "de", "en"],
            vec!["fr", "vip", "x"],
        ];
        assert_eq!(
            suggest(&headers, &values),
            vec![Some(Column::Email), Some(Column::Country), Some(Column::Language), None]
        );
    }

    #[test]
    fn never_two_cells_to_one_column_and_the_known_alias_wins() {
        let headers: Vec<String> =
            ["Mail perso", "Email", "Langue", "Langue préférée", "errors"].iter().map(|h| (*h).to_owned()).collect();
        assert_eq!(suggest(&headers, &[]), vec![None, Some(Column::Email), Some(Column::Language), None, None]);
    }
}
