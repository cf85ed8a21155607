//! Le journal d'activité en français.

use super::ActivityTexts;

pub(super) static TEXTS: ActivityTexts = ActivityTexts {
    title: "Journal d'activité",
    open: "Journal d'activité",
    empty: "Rien d'enregistré pour l'instant.",
    col_when: "Quand",
    col_who: "Qui",
    col_action: "Action",
    col_subject: "Sur",
    col_details: "Détails",
    filter_action: "Action",
    filter_admin: "Administrateur",
    any: "Toutes",
    import: "Import",
    undo: "Import annulé",
    user_add: "Apprenant ajouté",
    user_edit: "Apprenant modifié",
    user_delete: "Apprenant supprimé",
    bulk_delete: "Apprenants supprimés (en masse)",
    bulk_resend: "Invitations renvoyées (en masse)",
    bulk_language: "Langue modifiée (en masse)",
    admin_invite: "Administrateur invité",
    admin_invite_cancel: "Invitation d'administrateur annulée",
    admin_join: "Administrateur arrivé (invitation acceptée)",
    admin_remove: "Administrateur retiré",
    password_change: "Mot de passe changé",
    token_create: "Jeton d'API créé",
    token_revoke: "Jeton d'API révoqué",
    via_token: |name| format!("via le jeton d'API {name}"),
};
