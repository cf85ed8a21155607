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
    // Rosters (issue 24).
    mode_legend: "Ce que fait le fichier",
    mode_add: "Ajouter de nouveaux apprenants",
    mode_add_hint: "Ajoute les apprenants du fichier ; la ligne d’un apprenant que le portail a déjà est une erreur \
                    et n’est pas importée.",
    mode_update: "Ajouter et mettre à jour",
    mode_update_hint: "Ajoute les nouveaux apprenants et met à jour ceux que le portail a (trouvés par identifiant, \
                       sinon par e-mail).",
    mode_update_only: "Mettre à jour seulement",
    mode_update_only_hint: "Met à jour les apprenants que le portail a ; une ligne qui ne correspond à personne n’est \
                            pas importée.",
    mode_sync: "Synchroniser un groupe",
    mode_sync_hint: "Le fichier est la liste complète du groupe : ses lignes sont ajoutées ou mises à jour et en \
                     deviennent membres, et les membres absents du fichier quittent le groupe.",
    sync_group: "Groupe",
    sync_group_hint: "Choisissez un groupe du portail ou tapez un nouveau nom (il sera créé).",
    missing_legend: "Membres du groupe absents du fichier",
    missing_remove: "Les retirer du groupe (ils restent apprenants)",
    missing_suspend: "Les suspendre (ils restent dans le groupe)",
    empty_clears: "Les cellules vides effacent les valeurs",
    label_column: "Changement",
    label_new: "Nouveau",
    label_update: "Mise à jour",
    label_unchanged: "Inchangé",
    label_error: "Erreur",
    show_rows_labelled: "Afficher seulement les lignes marquées",
    was: |old| format!("était {old}"),
    empty_value: "(vide)",
    count_new: |n| format!("{n} nouveau{}", if n > 1 { "x" } else { "" }),
    count_update: |n| format!("{n} mis à jour"),
    count_unchanged: |n| format!("{n} inchangé{}", if n > 1 { "s" } else { "" }),
    count_error: |n| format!("{n} en erreur"),
    new_groups: |names, n| {
        if n > 1 {
            format!("{n} nouveaux groupes : {names}")
        } else {
            format!("{n} nouveau groupe : {names}")
        }
    },
    leaving_remove: |group, n| {
        if n > 1 {
            format!("{n} membres de {group} ne sont pas dans le fichier et en seront retirés.")
        } else {
            format!("{n} membre de {group} n’est pas dans le fichier et en sera retiré.")
        }
    },
    leaving_suspend: |group, n| {
        if n > 1 {
            format!("{n} membres de {group} ne sont pas dans le fichier et seront suspendus.")
        } else {
            format!("{n} membre de {group} n’est pas dans le fichier et sera suspendu.")
        }
    },
    leaving_threshold: |n| format!("C’est plus que le seuil de sécurité : il faudra taper {n} pour continuer."),
    leavers_label: "Membres qui partent",
    and_more: |n| format!("et {n} de plus"),
    confirm_changes: "Confirmer et appliquer les changements",
    done_updated: |n| format!("{n} mis à jour"),
    done_unchanged: |n| format!("{n} inchangé{}", if n > 1 { "s" } else { "" }),
    done_removed: |n| format!("{n} retiré{} du groupe", if n > 1 { "s" } else { "" }),
    done_suspended: |n| format!("{n} suspendu{}", if n > 1 { "s" } else { "" }),
    removals_title: "Beaucoup de membres quittent le groupe",
    removals_text_remove: |group, n| {
        let s = if n > 1 { "s" } else { "" };
        format!("Cette synchronisation retire {n} apprenant{s} de {group}. Ils restent apprenants du portail.")
    },
    removals_text_suspend: |group, n| {
        let s = if n > 1 { "s" } else { "" };
        format!("Cette synchronisation suspend {n} membre{s} de {group} : ils ne pourront plus se connecter.")
    },
    removals_type: |n| format!("Tapez {n} pour confirmer"),
    removals_proceed: |n| format!("Continuer avec {n} retraits"),
};
