//! The Add users panel in French.

use super::ImportTexts;

pub(super) static TEXTS: ImportTexts = ImportTexts {
    panel_title: "Ajouter des utilisateurs",
    close: "Fermer",
    step_template: "Téléchargez le modèle.",
    step_fill:
        "Remplissez-le dans Excel, Google Sheets ou Numbers, un apprenant par ligne, et enregistrez-le en CSV (UTF-8).",
    step_drop: "Déposez le fichier ci-dessous : chaque problème s’affiche aussitôt, et vous pouvez le corriger ici.",
    download_template: "Télécharger le modèle",
    rules_title: "Règles des colonnes",
    rule_firstname: "firstname (obligatoire) : 1 à 64 lettres ; espaces, traits d’union, apostrophes et points permis.",
    rule_lastname: "lastname (obligatoire) : même règle que firstname.",
    rule_email: "email (obligatoire) : une adresse valide, unique dans le fichier et dans le portail.",
    rule_identifier: "identifier (facultatif) : jusqu’à 64 caractères parmi A–Z, a–z, 0–9, - _ et ., unique.",
    rule_country: "country (facultatif) : deux lettres majuscules, ISO 3166-1 (FR, US, GB, DE…).",
    rule_language: "language (obligatoire) : deux lettres minuscules, ISO 639-1 (fr, en, de, it…).",
    drop_zone: "Déposez un fichier CSV ici, ou choisissez-en un",
    drop_zone_hint: "Jusqu’à 250 apprenants et 100 Mo par fichier.",
    reading: "Lecture du fichier…",
    checking: "Vérification de chaque ligne…",
    importing: "Ajout des utilisateurs…",
    progress_label: "Progression",
    file_rejected: "Ce fichier ne peut pas être importé",
    ready: |ok, bad| {
        format!(
            "{ok} utilisateur{} prêt{}, {bad} ligne{} en erreur.",
            if ok > 1 { "s" } else { "" },
            if ok > 1 { "s" } else { "" },
            if bad > 1 { "s" } else { "" }
        )
    },
    all_ready: |ok| {
        format!(
            "{ok} utilisateur{} prêt{}, aucune erreur.",
            if ok > 1 { "s" } else { "" },
            if ok > 1 { "s" } else { "" }
        )
    },
    only_errors: "Seulement les lignes en erreur",
    next_error: "Erreur suivante",
    delete_row: "Supprimer la ligne",
    row: "Ligne",
    apply_to_all: |to, n| {
        if n > 1 {
            format!("Utiliser « {to} » dans les {n} lignes")
        } else {
            format!("Utiliser « {to} »")
        }
    },
    send_invitations: "Envoyer un e-mail d’invitation",
    cancel: "Annuler",
    confirm: "Confirmer et ajouter les utilisateurs",
    dialog_title: "Des lignes contiennent encore des erreurs",
    dialog_text: |bad| {
        if bad > 1 {
            format!("{bad} lignes ne seront pas ajoutées si vous ne les corrigez pas.")
        } else {
            "1 ligne ne sera pas ajoutée si vous ne la corrigez pas.".to_owned()
        }
    },
    ignore_errors: |ok| {
        format!(
            "Ignorer les erreurs et ajouter {} utilisateur{} valide{}",
            ok,
            if ok > 1 { "s" } else { "" },
            if ok > 1 { "s" } else { "" }
        )
    },
    cancel_to_fix: "Annuler pour corriger le fichier",
    done: |created, skipped| {
        format!(
            "{created} utilisateur{} ajouté{} avec le statut En attente, {skipped} ligne{} ignorée{}.",
            if created > 1 { "s" } else { "" },
            if created > 1 { "s" } else { "" },
            if skipped > 1 { "s" } else { "" },
            if skipped > 1 { "s" } else { "" }
        )
    },
    outcome_created: "Ajouté",
    outcome_skipped: "Ignorée",
    outcome_updated: "Mise à jour",
    outcome_unchanged: "Inchangée",
    another_file: "Importer un autre fichier",
    error_icon_label: "Erreur :",
    warning_icon_label: "Remarque :",
    no_rows: "Il ne reste aucune ligne.",
    download_corrected: "Télécharger le fichier corrigé",
    download_template_xlsx: "Modèle Excel (.xlsx)",
    save_as_csv_utf8: "Le modèle Excel garde les zéros en tête et propose les listes de pays et de langues. \
                       L’import ne lit que le CSV : dans Excel, choisissez Fichier → Enregistrer sous → \
                       « CSV UTF-8 (délimité par des virgules) (*.csv) ».",
    // Column matching (issue 13).
    match_columns: "Associer les colonnes",
    match_intro: "Les colonnes de votre fichier ne portent pas toutes les noms du modèle. Choisissez la colonne du \
                  portail que contient chacune ; les valeurs à côté sont les premières du fichier. Votre choix est \
                  retenu pour les fichiers ayant le même en-tête.",
    match_file_column: "Colonne de votre fichier",
    match_portal_column: "Colonne du portail",
    match_samples: "Premières valeurs",
    match_ignore: "Ignorer cette colonne",
    match_required: "obligatoire",
    match_apply: "Appliquer l’association",
    match_cancel: "Annuler",
    match_twice: |column| {
        format!("La colonne {column} est choisie plusieurs fois : ne la gardez que pour une seule colonne.")
    },
    match_missing: |columns| format!("Encore sans colonne de votre fichier : {columns} (obligatoire)."),
    matched_as_last_time: "Colonnes associées comme la dernière fois.",
    matched_change: "Modifier",
};
