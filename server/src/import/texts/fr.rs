//! `server import` in French.

use super::ImportTexts;

fn s(n: u32) -> &'static str {
    if n > 1 {
        "s"
    } else {
        ""
    }
}

pub(super) static TEXTS: ImportTexts = ImportTexts {
    row: "ligne",
    import: |id| format!("import {id} :"),
    added: |created, skipped| {
        let (c, k) = (s(created), s(skipped));
        format!("{created} utilisateur{c} ajouté{c} avec le statut En attente, {skipped} ligne{k} ignorée{k}")
    },
    added_and_invited: |created, skipped| {
        let (c, k) = (s(created), s(skipped));
        format!(
            "{created} utilisateur{c} ajouté{c} avec le statut En attente et invité{c}, {skipped} ligne{k} ignorée{k}"
        )
    },
    nothing_added: |bad| {
        let rows = if bad > 1 { "lignes en erreur ; corrigez-les" } else { "ligne en erreur ; corrigez-la" };
        format!("rien n’a été ajouté : {bad} {rows}, ou ajoutez les lignes valides avec --ignore-errors")
    },
    updated: |updated, unchanged| format!("{updated} apprenants mis à jour, {unchanged} inchangés."),
    left_group: |removed, suspended| format!("{removed} retirés du groupe, {suspended} suspendus."),
};
