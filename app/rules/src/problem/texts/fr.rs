//! The problems' messages in French.

use super::ProblemTexts;

pub(super) static TEXTS: ProblemTexts = ProblemTexts {
    file_not_csv: "Ce fichier n’est pas un CSV. Dans Excel, Google Sheets ou Numbers, enregistrez-le ou exportez-le au format « CSV UTF-8 » et réessayez.",
    file_too_large: "Le fichier dépasse 100 Mo. Une liste d’apprenants est bien plus petite : vérifiez que vous avez choisi le bon fichier.",
    file_too_many_rows: |max| {
        format!("Le fichier contient plus de {max} lignes de données. Découpez la liste en plusieurs fichiers de {max} lignes au plus.")
    },
    file_missing_columns: |names| {
        format!("Colonnes obligatoires absentes : {names}. Ajoutez-les à la ligne d’en-tête (le modèle les contient toutes).")
    },
    file_duplicate_columns: |names| {
        format!("Ces colonnes apparaissent deux fois : {names}. Gardez-en une seule de chaque.")
    },
    file_empty: "Le fichier ne contient aucun apprenant : il faut une ligne d’en-tête et au moins une ligne de données. Partez du modèle.",
    file_unreadable_at: |row| {
        format!("Le fichier ne peut pas être lu à partir de la ligne {row} : un guillemet ouvert n’est jamais refermé. Corrigez cette ligne, ou enregistrez à nouveau le fichier en « CSV UTF-8 ».")
    },
    file_unreadable: "Le fichier n’a pas pu être lu. Enregistrez-le à nouveau en « CSV UTF-8 » et réessayez.",
    file_converted_encoding: "Le fichier n’est pas en UTF-8 ; il a été lu en Windows-1252 (le « CSV » simple d’Excel). Vérifiez les accents, ou enregistrez-le en « CSV UTF-8 ».",
    file_unknown_columns: |names| format!("Colonnes inconnues ignorées : {names}."),
    missing: "Obligatoire : complétez cette case.",
    too_long: |max| format!("Trop long : {max} caractères au plus."),
    name_invalid: |names| {
        if names.is_empty() {
            "Un nom doit contenir au moins une lettre : des espaces, traits d’union, apostrophes ou points seuls ne sont pas un nom.".to_owned()
        } else {
            format!("Seuls les lettres, espaces, traits d’union, apostrophes et points sont permis (à retirer : {names}).")
        }
    },
    email_invalid: "Adresse e-mail non valide : elle doit ressembler à nom@exemple.fr, sans nom ni chevrons autour.",
    email_duplicate: |row| format!("Cette adresse figure déjà à la ligne {row}. Supprimez l’une des deux lignes."),
    email_exists: "Un utilisateur du portail a déjà cette adresse. Retirez la ligne ou utilisez une autre adresse.",
    identifier_invalid: "Seuls les lettres sans accent (A–Z, a–z), chiffres (0–9), traits d’union (-), tirets bas (_) et points (.) sont permis.",
    identifier_duplicate: |row| {
        format!("Cet identifiant figure déjà à la ligne {row}. Chaque identifiant doit être unique.")
    },
    identifier_exists: "Un utilisateur du portail a déjà cet identifiant. Utilisez-en un autre, ou laissez la case vide.",
    country_invalid: "Ce n’est pas un code pays ISO 3166-1 : utilisez deux lettres majuscules, comme FR, US, GB ou DE, ou laissez vide.",
    language_invalid: "Ce n’est pas un code langue ISO 639-1 : utilisez deux lettres minuscules, comme fr, en, de ou it.",
    language_english_invitation: "L’invitation n’existe pas encore dans cette langue : cet apprenant recevra la version anglaise.",
    groups_invalid: |names, max| {
        let which = if names.is_empty() { String::new() } else { format!(" (vérifiez : {names})") };
        format!("Les noms de groupes sont séparés par | ; chacun compte de 1 à {max} caractères, sans caractère de contrôle{which}. Supprimez le nom vide ou raccourcissez-le.")
    },
    groups_too_many: |max| format!("Un apprenant appartient à {max} groupes au plus. Retirez-en de cette cellule."),
    status_invalid: "Ce n'est pas un statut : écrivez active ou suspended (ou laissez vide pour garder le statut de l'apprenant).",
    user_not_found: "Aucun apprenant du portail n'a cet e-mail ni cet identifiant, et cet import ne fait que mettre à jour les apprenants existants. Supprimez la ligne, ou choisissez un mode qui ajoute les nouveaux apprenants.",
    user_conflict: |by_identifier, by_email| {
        format!("L'identifiant appartient à {by_identifier} mais l'e-mail à {by_email} : corrigez la ligne pour que les deux désignent le même apprenant.")
    },
    user_changed_since_preview: "Quelqu'un a modifié cet apprenant après votre vérification du fichier : la ligne n'a pas été appliquée. Vérifiez le fichier à nouveau et confirmez.",
    user_duplicate: |row| format!("La ligne {row} désigne déjà cet apprenant (par identifiant ou e-mail) : gardez une ligne par apprenant."),
    sync_too_many_removals: |count, members| {
        format!("{count} des {members} membres du groupe ne sont pas dans le fichier et le quitteraient. Si c'est voulu, autorisez {count} retraits ; sinon vérifiez que le fichier est bien la liste complète du groupe.")
    },
    did_you_mean: |suggestion| format!("Vouliez-vous dire « {suggestion} » ?"),
};
