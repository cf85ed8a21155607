//! La page des groupes (et les groupes de la liste des utilisateurs) en français.

use super::GroupTexts;

fn apprenants(n: u64) -> String {
    format!("{n} apprenant{}", if n > 1 { "s" } else { "" })
}

pub(super) static TEXTS: GroupTexts = GroupTexts {
    title: "Groupes",
    open: "Groupes",
    intro: "Un groupe est une classe, une promotion ou une équipe. Les imports avec une colonne groupes les créent, tout comme « Ajouter à un groupe » dans la liste des utilisateurs. Supprimer un groupe garde ses membres : seul le groupe disparaît.",
    none: "Aucun groupe pour l’instant. Importez un fichier avec une colonne groupes, ou sélectionnez des apprenants dans la liste des utilisateurs et choisissez « Ajouter à un groupe ».",
    col_name: "Groupe",
    col_members: "Membres",
    col_actions: "Actions",
    members: |n| format!("{n}"),
    show_members: |name| format!("Voir les membres de {name}"),
    rename: "Renommer",
    rename_title: |name| format!("Renommer {name}"),
    new_name: "Nouveau nom",
    name_hint: |max| format!("De 1 à {max} caractères, sans |. Deux noms qui ne diffèrent que par les majuscules ou les accents désignent le même groupe."),
    save: "Enregistrer",
    cancel: "Annuler",
    renamed: |old, new| format!("{old} s’appelle désormais {new}."),
    delete: "Supprimer",
    delete_title: |name| format!("Supprimer le groupe {name} ?"),
    delete_text: |n| match n {
        0 => "Il n’a aucun membre.".to_owned(),
        1 => "Son membre reste apprenant du portail, avec son compte et ses autres groupes : seul le groupe disparaît.".to_owned(),
        n => format!("Ses {n} membres restent apprenants du portail, avec leur compte et leurs autres groupes : seul le groupe disparaît."),
    },
    delete_confirm: "Supprimer le groupe",
    deleted: |name| format!("Le groupe {name} a été supprimé ; ses membres ont été gardés."),
    filter_group: "Groupe",
    col_groups: "Groupes",
    members_of: |name| format!("Membres du groupe {name}."),
    show_all_users: "Voir tous les utilisateurs",
    suspend_one: |name| format!("Suspendre {name}"),
    reactivate_one: |name| format!("Réactiver {name}"),
    suspend: "Suspendre",
    reactivate: "Réactiver",
    suspended_one: |name| format!("{name} a été suspendu(e) : connexion impossible jusqu’à sa réactivation."),
    reactivated_one: |name| format!("{name} a été réactivé(e)."),
    bulk_suspend: "Suspendre",
    bulk_reactivate: "Réactiver",
    bulk_add_to_group: "Ajouter à un groupe…",
    bulk_remove_from_group: "Retirer d’un groupe…",
    confirm_suspend: |n| format!("Suspendre, parmi ces {}, ceux qui ne le sont pas encore ? Ils ne pourront plus se connecter, et les invitations en attente d’envoi sont annulées.", apprenants(n)),
    confirm_reactivate: |n| format!("Réactiver les apprenants suspendus parmi ces {n} ? Chacun retrouve l’état qu’il avait avant."),
    confirm_add_to_group: |name, n| format!("Ajouter {} au groupe {name} ? Le groupe est créé s’il n’existe pas.", apprenants(n)),
    confirm_remove_from_group: |name, n| format!("Retirer du groupe {name} ses membres parmi ces {} ? Ils restent apprenants du portail.", apprenants(n)),
    add_to_group_title: "Ajouter à un groupe",
    remove_from_group_title: "Retirer d’un groupe",
    group_name: "Nom du groupe",
    group_name_hint: "Un groupe existant ou un nouveau (créé à la confirmation).",
    pick_group: "Groupe",
    next: "Suivant",
};
