//! The one error type every server function returns. It crosses the client/server boundary as JSON, so the
//! browser can match on it and show the admin what happened and what to do, in their language.

use serde::{Deserialize, Serialize};
use server_fn::codec::JsonEncoding;
use server_fn::error::{FromServerFnError, ServerFnErrorErr};

use crate::i18n::Lang;

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, thiserror::Error)]
pub enum AppError {
    /// No valid session: sign in (again).
    #[error("not signed in")]
    Unauthorized,
    /// A cross-site request to change something.
    #[error("cross-site request refused")]
    CrossSite,
    #[error("wrong email or password")]
    InvalidCredentials,
    #[error("too many failed sign-ins")]
    TooManyAttempts { retry_after_secs: u64 },
    /// The request is malformed (a client bug or a forged request); nothing was changed.
    #[error("bad request")]
    BadRequest,
    /// Other imports kept the database busy; nothing was changed.
    #[error("busy")]
    Busy,
    /// A learner's new password is too short.
    #[error("password too short")]
    WeakPassword { min_chars: usize },
    /// The database or another server part failed; details are in the server's log, never in the answer.
    #[error("server error")]
    Internal,
    /// The request itself could not be sent, read or decoded (network down, server restarting...).
    #[error("request failed: {0}")]
    Request(String),
}

impl AppError {
    /// The HTTP status a server function's error answers with (its body is this error, as JSON).
    pub fn http_status(&self) -> u16 {
        use AppError::*;
        match self {
            Unauthorized | InvalidCredentials => 401,
            CrossSite => 403,
            TooManyAttempts { .. } => 429,
            BadRequest => 400,
            WeakPassword { .. } => 422,
            Busy => 503,
            Internal => 500,
            Request(_) => 502,
        }
    }

    /// What happened and what to do, for the admin.
    pub fn message(&self, lang: Lang) -> String {
        use AppError::*;
        match (self, lang) {
            (WeakPassword { min_chars }, Lang::En) => {
                format!("Choose a password of at least {min_chars} characters; a short sentence is easy to remember.")
            }
            (WeakPassword { min_chars }, Lang::Fr) => {
                format!("Choisissez un mot de passe d’au moins {min_chars} caractères ; une courte phrase se retient facilement.")
            }
            (Unauthorized, Lang::En) => "Your session has ended. Sign in again.".into(),
            (Unauthorized, Lang::Fr) => "Votre session a expiré. Reconnectez-vous.".into(),
            (CrossSite, Lang::En) => {
                "This request came from another site and was refused. Reload the page and try again.".into()
            }
            (CrossSite, Lang::Fr) => {
                "Cette requête venait d’un autre site et a été refusée. Rechargez la page et réessayez.".into()
            }
            (InvalidCredentials, Lang::En) => "Wrong email or password. Check both and try again.".into(),
            (InvalidCredentials, Lang::Fr) => {
                "Adresse e-mail ou mot de passe incorrect. Vérifiez-les et réessayez.".into()
            }
            (TooManyAttempts { retry_after_secs }, Lang::En) => format!(
                "Too many failed sign-ins for this email. Try again in {} minute(s).",
                retry_after_secs.div_ceil(60).max(1)
            ),
            (TooManyAttempts { retry_after_secs }, Lang::Fr) => format!(
                "Trop d’échecs de connexion pour cette adresse. Réessayez dans {} minute(s).",
                retry_after_secs.div_ceil(60).max(1)
            ),
            (BadRequest, Lang::En) => {
                "The request was not understood; nothing was changed. Reload the page and try again.".into()
            }
            (BadRequest, Lang::Fr) => {
                "La requête n’a pas été comprise ; rien n’a été modifié. Rechargez la page et réessayez.".into()
            }
            (Busy, Lang::En) => {
                "The portal is busy with other imports; nothing was changed. Try again in a moment.".into()
            }
            (Busy, Lang::Fr) => {
                "Le portail traite d’autres imports ; rien n’a été modifié. Réessayez dans un instant.".into()
            }
            (Internal, Lang::En) => {
                "Something went wrong on the server; nothing was changed. Try again in a moment.".into()
            }
            (Internal, Lang::Fr) => {
                "Une erreur est survenue sur le serveur ; rien n’a été modifié. Réessayez dans un instant.".into()
            }
            (Request(_), Lang::En) => "The server could not be reached. Check your connection and try again.".into(),
            (Request(_), Lang::Fr) => "Le serveur est injoignable. Vérifiez votre connexion et réessayez.".into(),
        }
    }
}

impl FromServerFnError for AppError {
    type Encoder = JsonEncoding;

    fn from_server_fn_error(value: ServerFnErrorErr) -> Self {
        AppError::Request(value.to_string())
    }
}
