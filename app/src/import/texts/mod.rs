//! Every text of the Add users panel, in English and French (a missing translation is a compile error).

use crate::i18n::Lang;

pub struct ImportTexts {
    pub panel_title: &'static str,
    pub close: &'static str,
    pub step_template: &'static str,
    pub step_fill: &'static str,
    pub step_drop: &'static str,
    pub download_template: &'static str,
    pub rules_title: &'static str,
    pub rule_firstname: &'static str,
    pub rule_lastname: &'static str,
    pub rule_email: &'static str,
    pub rule_identifier: &'static str,
    pub rule_country: &'static str,
    pub rule_language: &'static str,
    pub drop_zone: &'static str,
    pub drop_zone_hint: &'static str,
    pub reading: &'static str,
    pub checking: &'static str,
    pub importing: &'static str,
    pub progress_label: &'static str,
    pub file_rejected: &'static str,
    pub ready: fn(usize, usize) -> String,
    pub all_ready: fn(usize) -> String,
    pub only_errors: &'static str,
    pub next_error: &'static str,
    pub delete_row: &'static str,
    pub row: &'static str,
    pub apply_to_all: fn(&str, usize) -> String,
    pub send_invitations: &'static str,
    pub cancel: &'static str,
    pub confirm: &'static str,
    pub dialog_title: &'static str,
    pub dialog_text: fn(usize) -> String,
    pub ignore_errors: fn(usize) -> String,
    pub cancel_to_fix: &'static str,
    pub done: fn(u32, u32) -> String,
    pub outcome_created: &'static str,
    pub outcome_skipped: &'static str,
    pub another_file: &'static str,
    pub error_icon_label: &'static str,
    pub warning_icon_label: &'static str,
    pub no_rows: &'static str,
}

pub fn import_texts(lang: Lang) -> &'static ImportTexts {
    match lang {
        Lang::En => &EN,
        Lang::Fr => &FR,
    }
}

static EN: ImportTexts = ImportTexts {
    panel_title: "Add users",
    close: "Close",
    step_template: "Download the template.",
    step_fill: "Fill it in Excel, Google Sheets or Numbers, one learner per row, and save it as CSV (UTF-8).",
    step_drop: "Drop the file below: every problem shows at once, and you can fix it here.",
    download_template: "Download template",
    rules_title: "Column rules",
    rule_firstname: "firstname (required): 1 to 64 letters; spaces, hyphens, apostrophes and periods allowed.",
    rule_lastname: "lastname (required): same rule as firstname.",
    rule_email: "email (required): a valid address, unique in the file and in the portal.",
    rule_identifier: "identifier (optional): up to 64 letters, digits, - _ or ., unique.",
    rule_country: "country (optional): two capital letters, ISO 3166-1 (FR, US, GB, DE…).",
    rule_language: "language (required): two lower-case letters, ISO 639-1 (fr, en, de, it…).",
    drop_zone: "Drop a CSV file here, or choose one",
    drop_zone_hint: "Up to 250 learners and 100 MB per file.",
    reading: "Reading the file…",
    checking: "Checking every row…",
    importing: "Adding users…",
    progress_label: "Progress",
    file_rejected: "This file cannot be imported",
    ready: |ok, bad| {
        format!(
            "{ok} user{} ready, {bad} row{} with errors.",
            if ok == 1 { "" } else { "s" },
            if bad == 1 { "" } else { "s" }
        )
    },
    all_ready: |ok| format!("{ok} user{} ready, no errors.", if ok == 1 { "" } else { "s" }),
    only_errors: "Only rows with errors",
    next_error: "Next error",
    delete_row: "Delete row",
    row: "Row",
    apply_to_all: |to, n| {
        if n > 1 {
            format!("Use “{to}” in all {n} rows")
        } else {
            format!("Use “{to}”")
        }
    },
    send_invitations: "Send an invitation email",
    cancel: "Cancel",
    confirm: "Confirm and add users",
    dialog_title: "Some rows still have errors",
    dialog_text: |bad| {
        format!(
            "{bad} row{} will not be added unless you fix {}.",
            if bad == 1 { "" } else { "s" },
            if bad == 1 { "it" } else { "them" }
        )
    },
    ignore_errors: |ok| format!("Ignore errors and add the {ok} valid user{}", if ok == 1 { "" } else { "s" }),
    cancel_to_fix: "Cancel to fix the file",
    done: |created, skipped| {
        format!(
            "{created} user{} added with status Pending, {skipped} row{} skipped.",
            if created == 1 { "" } else { "s" },
            if skipped == 1 { "" } else { "s" }
        )
    },
    outcome_created: "Added",
    outcome_skipped: "Skipped",
    another_file: "Import another file",
    error_icon_label: "Error:",
    warning_icon_label: "Note:",
    no_rows: "No rows left.",
};

static FR: ImportTexts = ImportTexts {
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
    rule_identifier: "identifier (facultatif) : jusqu’à 64 lettres, chiffres, - _ ou ., unique.",
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
    another_file: "Importer un autre fichier",
    error_icon_label: "Erreur :",
    warning_icon_label: "Remarque :",
    no_rows: "Il ne reste aucune ligne.",
};
