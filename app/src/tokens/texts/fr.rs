//! La page des jetons d'API en français.

use super::TokenTexts;

pub(super) static TEXTS: TokenTexts = TokenTexts {
    title: "Jetons d'API",
    open: "Jetons d'API",
    intro: "Un script ou le système d'information d'une école appelle l'API du portail (/api/v1) avec un jeton, et \
            agit comme l'administrateur qui l'a créé. Un jeton n'est affiché qu'une fois, à sa création ; \
            révoquez-le dès qu'il ne sert plus ou qu'il a pu fuiter.",
    new_title: "Nouveau jeton",
    name: "Nom",
    name_hint: "Ce qui l'utilise, par exemple « Import nocturne du SI ».",
    expiry: "Expire",
    never: "Jamais (jusqu'à sa révocation)",
    in_days: |days| format!("Dans {days} jours"),
    custom: "Après un nombre de jours…",
    days: |max| format!("Nombre de jours (1 à {max})"),
    create: "Créer le jeton",
    secret_title: "Copiez le nouveau jeton maintenant",
    secret_warning: "Il ne sera plus affiché : une fois cette page quittée, seul son nom est conservé. Rangez-le là \
                     où le script le lit, jamais dans un document partagé.",
    secret_label: "Le nouveau jeton",
    copy: "Copier",
    copied: "Copié dans le presse-papiers.",
    copy_failed: "Le navigateur n'a pas laissé la page copier : sélectionnez le jeton et copiez-le vous-même.",
    list_title: "Jetons",
    none: "Aucun jeton pour l'instant.",
    col_name: "Nom",
    col_admin: "Agit comme",
    col_created: "Créé",
    col_expires: "Expire",
    col_last_used: "Dernière utilisation",
    col_state: "État",
    no_expiry: "jamais",
    never_used: "jamais",
    live: "actif",
    expired: "expiré",
    revoked: "révoqué",
    revoke: "Révoquer",
    revoke_title: |name| format!("Révoquer « {name} » ?"),
    revoke_text: "Toute requête avec ce jeton est refusée dès maintenant. C'est définitif : un script qui a encore \
                  besoin d'accès devra recevoir un nouveau jeton.",
    cancel: "Annuler",
    revoke_done: |name| format!("Le jeton « {name} » a été révoqué."),
};
