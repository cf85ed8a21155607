//! The errors in French.

use super::ErrorTexts;

pub(super) static TEXTS: ErrorTexts = ErrorTexts {
    unauthorized: "Votre session a expiré. Reconnectez-vous.",
    cross_site: "Cette requête venait d’un autre site et a été refusée. Rechargez la page et réessayez.",
    invalid_credentials: "Adresse e-mail ou mot de passe incorrect. Vérifiez-les et réessayez.",
    too_many_attempts: |minutes| {
        let unit = if minutes > 1 { "minutes" } else { "minute" };
        format!("Trop d’échecs de connexion. Réessayez dans {minutes} {unit}.")
    },
    bad_request: "La requête n’a pas été comprise ; rien n’a été modifié. Rechargez la page et réessayez.",
    busy: "Le portail traite d’autres imports ; rien n’a été modifié. Réessayez dans un instant.",
    weak_password: |min_chars| {
        format!(
            "Choisissez un mot de passe d’au moins {min_chars} caractères ; une courte phrase se retient facilement."
        )
    },
    internal: "Une erreur est survenue sur le serveur ; rien n’a été modifié. Réessayez dans un instant.",
    request: "Le serveur est injoignable. Vérifiez votre connexion et réessayez.",
    too_long: "L’adresse e-mail ou le mot de passe est trop long. Vérifiez ce qui a été collé et réessayez.",
    too_large: "La requête dépasse ce que le serveur accepte ; rien n’a été modifié. Divisez le fichier et réessayez.",
    overloaded: "Le portail est très sollicité en ce moment ; rien n’a été modifié. Réessayez dans quelques secondes.",
    request_reused: "Cet import a déjà été envoyé avec d’autres lignes, il n’a donc pas été refait ; rien n’a été modifié. Confirmez de nouveau pour ajouter les lignes telles qu’elles sont maintenant.",
    not_found: "Ce que vous demandez n'existe pas (ou plus) : cela a peut-être été supprimé entre-temps. Rechargez la page.",
    undo_expired: "Cet import ne peut plus être annulé : son délai d'annulation est passé. Supprimez plutôt ses utilisateurs un par un.",
    last_admin: "Le dernier administrateur ne peut pas être retiré : invitez d'abord un autre administrateur.",
    wrong_password: "Le mot de passe actuel est incorrect ; rien n'a été changé.",
    token_name: |max_chars| format!("Donnez au jeton un nom de 1 à {max_chars} caractères, qui dise ce qui l'utilise."),
    token_expiry: |max_days| {
        format!("Un jeton dure de 1 à {max_days} jours, ou jusqu'à sa révocation : choisissez Jamais pour cela.")
    },
    invalid_email: "Cette adresse e-mail n'est pas valide. Vérifiez-la et réessayez.",
    already_admin: "Cette adresse est déjà celle d'un administrateur : rien à inviter.",
    already_invited: "Cette adresse est déjà invitée et l'invitation est toujours ouverte. Annulez-la d'abord pour en envoyer une nouvelle.",
    link_unusable: "Ce lien ne fonctionne plus : il a expiré, a déjà servi ou a été annulé.",
    group_name: |max_chars| format!("Le nom d'un groupe a de 1 à {max_chars} caractères, sans | ni caractère de contrôle."),
    group_name_taken: "Un autre groupe porte déjà ce nom (sans tenir compte des majuscules ni des accents). Choisissez-en un autre.",
};
