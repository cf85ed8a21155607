//! API tokens: created by an admin (settings page) or an operator (`server create-token`), shown once, kept only
//! as a hash, revocable, with their last use recorded; and [`authenticate`], which turns a request's
//! `Authorization: Bearer ...` into the admin the token acts as, or says exactly why not.

use chrono::{DateTime, Duration, SecondsFormat, Utc};
use domain::{ActivityAction, Actor, NewToken, TokenRow, MAX_TOKEN_NAME_CHARS};
use storage::api_tokens::ApiToken;
use storage::tokens::{hash_token, new_token};
use storage::{DatabaseConnection, DbErr};

/// Every token starts with this, so a leaked one is recognisable (secret scanners, logs) and never confused with
/// a session or an accept link.
pub const TOKEN_PREFIX: &str = "bi_";

/// The longest lifetime a token can be given: a token that should outlive this is better recreated.
pub const MAX_EXPIRY_DAYS: u32 = 3650;

#[derive(Debug, thiserror::Error)]
pub enum TokenError {
    #[error("a token needs a name of 1 to {MAX_TOKEN_NAME_CHARS} characters")]
    BadName,
    #[error("a token's lifetime is 1 to {MAX_EXPIRY_DAYS} days")]
    BadExpiry,
    #[error("no live token has this id")]
    NotFound,
    #[error("no admin has this email")]
    NoSuchAdmin,
    #[error(transparent)]
    Database(#[from] DbErr),
}

/// Why a request's token was refused. Each says what to do about it; none says whether an admin exists.
#[derive(Clone, Copy, Debug, PartialEq, Eq, thiserror::Error)]
pub enum Rejection {
    #[error("the request has no `Authorization: Bearer <token>` header")]
    Missing,
    #[error("the token is not one this portal issued")]
    Wrong,
    #[error("the token has expired; an admin can create a new one on the API tokens page")]
    Expired,
    #[error("the token was revoked; an admin can create a new one on the API tokens page")]
    Revoked,
}

#[derive(Debug, thiserror::Error)]
pub enum AuthError {
    #[error(transparent)]
    Rejected(#[from] Rejection),
    #[error(transparent)]
    Database(#[from] DbErr),
}

fn rfc3339(at: DateTime<Utc>) -> String {
    at.to_rfc3339_opts(SecondsFormat::Secs, true)
}

fn row(token: ApiToken, admin: String, now: DateTime<Utc>) -> TokenRow {
    let live = token.revoked_at.is_none() && token.expires_at.is_none_or(|at| at > now);
    TokenRow {
        id: token.id,
        name: token.name,
        admin,
        created_at: rfc3339(token.created_at),
        expires_at: token.expires_at.map(rfc3339),
        revoked_at: token.revoked_at.map(rfc3339),
        last_used_at: token.last_used_at.map(rfc3339),
        live,
    }
}

/// Creates a token acting as the actor's admin, valid for `expires_in_days` (or until revoked). The answer holds
/// the secret, which nothing can show again.
pub async fn create(
    db: &DatabaseConnection,
    actor: Actor,
    name: &str,
    expires_in_days: Option<u32>,
) -> Result<NewToken, TokenError> {
    let name = name.trim();
    if name.is_empty() || name.chars().count() > MAX_TOKEN_NAME_CHARS || name.chars().any(char::is_control) {
        return Err(TokenError::BadName);
    }
    if expires_in_days.is_some_and(|d| d == 0 || d > MAX_EXPIRY_DAYS) {
        return Err(TokenError::BadExpiry);
    }
    let now = Utc::now();
    let expires_at = expires_in_days.map(|d| now + Duration::days(i64::from(d)));
    let secret = format!("{TOKEN_PREFIX}{}", new_token());
    let txn = storage::begin_write(db).await?;
    let token = storage::api_tokens::create(&txn, actor.admin_id, name, &hash_token(&secret), now, expires_at).await?;
    storage::activity::record(&txn, actor, ActivityAction::TokenCreate, Some(token.id), &[], now).await?;
    txn.commit().await?;
    let admin = storage::admins::find_by_id(db, actor.admin_id).await?.map(|a| a.email).unwrap_or_default();
    tracing::info!(token_id = token.id, admin_id = actor.admin_id, "API token created");
    Ok(NewToken { token: row(token, admin, now), secret })
}

/// `server create-token --admin EMAIL NAME`: a token for the admin with this email, created by the operator (the
/// activity log names that admin, as if they had created it on the settings page).
pub async fn create_for_email(
    db: &DatabaseConnection,
    email: &str,
    name: &str,
    expires_in_days: Option<u32>,
) -> Result<NewToken, TokenError> {
    let admin =
        storage::admins::find_by_email(db, &crate::auth::email_key(email)).await?.ok_or(TokenError::NoSuchAdmin)?;
    create(db, Actor::admin(admin.id), name, expires_in_days).await
}

/// Every token, newest first, with the admin each acts as.
pub async fn list(db: &DatabaseConnection) -> Result<Vec<TokenRow>, DbErr> {
    let tokens = storage::api_tokens::all(db).await?;
    let mut ids: Vec<i64> = tokens.iter().map(|t| t.admin_id).collect();
    ids.sort_unstable();
    ids.dedup();
    let emails = storage::admins::emails(db, &ids).await?;
    let now = Utc::now();
    Ok(tokens
        .into_iter()
        .map(|t| {
            let admin = emails.get(&t.admin_id).cloned().unwrap_or_else(|| format!("#{}", t.admin_id));
            row(t, admin, now)
        })
        .collect())
}

/// Revokes a live token at once: its next request is refused. Any admin may revoke any token (a leaked token is
/// everyone's problem); the log says who did.
pub async fn revoke(db: &DatabaseConnection, actor: Actor, id: i64) -> Result<(), TokenError> {
    let now = Utc::now();
    let txn = storage::begin_write(db).await?;
    if !storage::api_tokens::revoke(&txn, id, now).await? {
        return Err(TokenError::NotFound);
    }
    storage::activity::record(&txn, actor, ActivityAction::TokenRevoke, Some(id), &[], now).await?;
    txn.commit().await?;
    tracing::info!(token_id = id, by = actor.admin_id, "API token revoked");
    Ok(())
}

/// The actor behind an `Authorization` header's value: the token's admin, through the token. A token of a removed
/// admin counts as revoked.
pub async fn authenticate(db: &DatabaseConnection, authorization: Option<&str>) -> Result<Actor, AuthError> {
    let value = authorization.map(str::trim).filter(|v| !v.is_empty()).ok_or(Rejection::Missing)?;
    let secret = match value.split_once(' ') {
        Some((scheme, rest)) if scheme.eq_ignore_ascii_case("bearer") => rest.trim(),
        _ => return Err(Rejection::Missing.into()),
    };
    // A token is ASCII of a known length: anything else is not worth a database look-up.
    if !secret.starts_with(TOKEN_PREFIX) || secret.len() != TOKEN_PREFIX.len() + 43 {
        return Err(Rejection::Wrong.into());
    }
    let token = storage::api_tokens::find_by_hash(db, &hash_token(secret)).await?.ok_or(Rejection::Wrong)?;
    let now = Utc::now();
    if token.revoked_at.is_some() {
        return Err(Rejection::Revoked.into());
    }
    if token.expires_at.is_some_and(|at| at <= now) {
        return Err(Rejection::Expired.into());
    }
    let admin = storage::admins::find_by_id(db, token.admin_id).await?;
    if admin.is_none_or(|a| a.removed_at.is_some()) {
        return Err(Rejection::Revoked.into());
    }
    storage::api_tokens::touch(db, token.id, now).await?;
    Ok(Actor { admin_id: token.admin_id, token_id: Some(token.id) })
}
