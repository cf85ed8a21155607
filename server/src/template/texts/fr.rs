//! Le modèle Excel en français.

use super::TemplateTexts;

pub(super) static TEXTS: TemplateTexts = TemplateTexts {
    users_sheet: "Utilisateurs",
    rules_sheet: "Règles",
    title: "Import d’utilisateurs : les règles de chaque colonne",
    save_as_csv: "Remplissez la feuille Utilisateurs, un apprenant par ligne, puis enregistrez-la avec Fichier → \
                  Enregistrer sous → « CSV UTF-8 (délimité par des virgules) (*.csv) ». L’import ne lit que le CSV.",
    text_cells: "Toutes les cellules de la feuille Utilisateurs sont au format texte : les zéros en tête et les \
                 longs nombres restent tels que saisis.",
    lists: "Les cellules country et language proposent une liste déroulante des codes acceptés.",
    column: "Colonne",
    required: "Obligatoire",
    format: "Règle",
    examples: "Exemples",
    yes: "oui",
    no: "non",
    firstname: "1 à 64 lettres (toute écriture, accents compris) ; espaces, traits d’union, apostrophes et points \
                permis ; ni chiffres ni symboles.",
    lastname: "Même règle que firstname.",
    email: "Une adresse valide (nom@domaine.tld), 254 caractères au plus ; unique dans le fichier et dans le portail.",
    identifier: "Jusqu’à 64 caractères parmi A–Z, a–z, 0–9, - _ et . ; unique dans le fichier et dans le portail.",
    country: "Deux lettres majuscules, ISO 3166-1 alpha-2 (liste déroulante) ; peut rester vide.",
    language: "Deux lettres minuscules, ISO 639-1 (liste déroulante) : la langue de l’apprenant, celle de son \
               invitation.",
    groups: "Noms de groupes (une classe, une promotion), séparés par | : 20 au plus, chacun de 1 à 64 caractères. Les groupes absents sont créés.",
    status: "active ou suspended (un apprenant suspendu ne peut pas se connecter) ; vide, le statut de l'apprenant reste.",
    sample_row: "Une ligne remplie ressemble à ceci (ne la recopiez pas dans la feuille Utilisateurs) :",
    country_error_title: "Code pays",
    country_error: "Choisissez un code pays dans la liste : deux lettres majuscules, ISO 3166-1 (FR, GB, US, DE…).",
    language_error_title: "Code langue",
    language_error: "Choisissez un code langue dans la liste : deux lettres minuscules, ISO 639-1 (fr, en, de, it…).",
};
