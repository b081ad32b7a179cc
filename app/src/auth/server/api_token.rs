//! Bearer tokens for the REST API: issued for a user after checking their
//! password, stored as a hash, listable and revocable by their owner. Each
//! expires ([`DEFAULT_DAYS`] unless chosen otherwise, at most [`MAX_DAYS`]),
//! and all of a user's tokens are revoked when their password changes or
//! the user is disabled.

use super::token;
use crate::error::AppError;
use crate::error::Invalid;
use crate::limits::{check_optional_text, TOKEN_NAME_MAX};
use crate::server::db::db_error;
use crate::server::{now, request::Actor, Db};
use serde::{Deserialize, Serialize};
use sqlx::{Any, Executor};

/// A token's lifetime when none is chosen.
pub const DEFAULT_DAYS: i64 = 90;
/// The longest lifetime a token may be given.
pub const MAX_DAYS: i64 = 365;

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, sqlx::FromRow, utoipa::ToSchema)]
pub struct TokenInfo {
    pub id: i64,
    pub name: String,
    pub created_at: i64,
    pub last_used_at: Option<i64>,
    pub expires_at: i64,
}

/// A token as issued: its id, the secret (shown once) and when it expires.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Issued {
    pub id: i64,
    pub token: String,
    pub expires_at: i64,
}

/// Issues a token for `user_id`, valid `days` (default [`DEFAULT_DAYS`]).
/// The caller has checked the user's password.
pub async fn issue(db: &Db, user_id: i64, name: &str, days: Option<i64>) -> Result<Issued, AppError> {
    let days = days.unwrap_or(DEFAULT_DAYS);
    crate::error::Checks::new()
        .check("name", check_optional_text(name, TOKEN_NAME_MAX))
        .check("expires_in_days", if (1..=MAX_DAYS).contains(&days) { Ok(()) } else { Err(Invalid::NotAllowed) })
        .finish()?;
    let secret = format!("kp_{}", token::new_token());
    let name = if name.trim().is_empty() { "API" } else { name.trim() };
    let expires_at = now() + days * 86_400;
    let id: i64 = sqlx::query_scalar("INSERT INTO api_tokens (user_id, name, token_hash, created_at, expires_at) VALUES ($1, $2, $3, $4, $5) RETURNING id")
        .bind(user_id)
        .bind(name)
        .bind(token::hash(&secret))
        .bind(now())
        .bind(expires_at)
        .fetch_one(db.writer())
        .await
        .map_err(db_error)?;
    tracing::info!(user_id, token_id = id, days, "API token issued");
    Ok(Issued { id, token: secret, expires_at })
}

/// Revokes every live token of a user (password changed, user disabled);
/// returns how many.
pub async fn revoke_all<'e, E>(conn: E, user_id: i64) -> Result<u64, AppError>
where
    E: Executor<'e, Database = Any>,
{
    let done = sqlx::query("UPDATE api_tokens SET revoked_at = $1 WHERE user_id = $2 AND revoked_at IS NULL").bind(now()).bind(user_id).execute(conn).await.map_err(db_error)?;
    Ok(done.rows_affected())
}

#[derive(sqlx::FromRow)]
struct Row {
    user_id: i64,
    email: String,
    name: String,
    role: String,
    account_id: Option<i64>,
    account_code: Option<String>,
    account_name: Option<String>,
    last_used_at: Option<i64>,
    expires_at: i64,
}

/// The user behind a live token (not revoked, user and account active),
/// kept a few seconds (see `server::cache`; revoking clears it).
pub async fn actor(db: &Db, secret: &str) -> Result<Option<Actor>, AppError> {
    let hash = token::hash(secret);
    let fresh = |last_used: Option<i64>| last_used.is_some_and(|t| t >= now() - 60);
    if let Some((actor, _, _)) = db.cache.tokens.get(&hash).filter(|(_, t, expires)| fresh(*t) && *expires > now()) {
        return Ok(Some(actor));
    }
    let row: Option<Row> = sqlx::query_as(
        "SELECT u.id AS user_id, u.email, u.name, u.role, a.id AS account_id, a.code AS account_code, a.name AS account_name, t.last_used_at, t.expires_at \
         FROM api_tokens t JOIN users u ON u.id = t.user_id LEFT JOIN accounts a ON a.id = u.account_id \
         WHERE t.token_hash = $1 AND t.revoked_at IS NULL AND t.expires_at > $2 AND u.active = 1 AND (a.id IS NULL OR a.active = 1)",
    )
    .bind(&hash)
    .bind(now())
    .fetch_optional(&db.pool)
    .await
    .map_err(db_error)?;
    let Some(r) = row else { return Ok(None) };
    // "Last used" to the minute. Written only when stale: even an UPDATE that
    // matches nothing takes SQLite's write lock, and every API call would
    // queue behind order placements for it (measured: 1 s stalls).
    let mut last_used = r.last_used_at;
    if !fresh(last_used) {
        last_used = Some(now());
        sqlx::query("UPDATE api_tokens SET last_used_at = $1 WHERE token_hash = $2").bind(last_used).bind(&hash).execute(db.writer()).await.map_err(db_error)?;
    }
    // A token is not a session: its "session id" is empty and ends nothing.
    let actor = Actor::from_row(r.user_id, r.email, r.name, &r.role, (r.account_id, r.account_code, r.account_name), String::new());
    if let Some(actor) = &actor {
        db.cache.tokens.put(hash, (actor.clone(), last_used, r.expires_at));
    }
    Ok(actor)
}

pub async fn list(db: &Db, actor: &Actor) -> Result<Vec<TokenInfo>, AppError> {
    sqlx::query_as("SELECT id, name, created_at, last_used_at, expires_at FROM api_tokens WHERE user_id = $1 AND revoked_at IS NULL AND expires_at > $2 ORDER BY id")
        .bind(actor.user.id)
        .bind(now())
        .fetch_all(&db.pool)
        .await
        .map_err(db_error)
}

/// Revokes one of the actor's own tokens; another user's id is "not found".
pub async fn revoke(db: &Db, actor: &Actor, id: i64) -> Result<(), AppError> {
    let done = sqlx::query("UPDATE api_tokens SET revoked_at = $1 WHERE id = $2 AND user_id = $3 AND revoked_at IS NULL")
        .bind(now())
        .bind(id)
        .bind(actor.user.id)
        .execute(db.writer())
        .await
        .map_err(db_error)?;
    if done.rows_affected() != 1 {
        return Err(AppError::NotFound);
    }
    db.cache.tokens.forget_where(|(a, ..)| a.user.id == actor.user.id);
    tracing::info!(user_id = actor.user.id, token_id = id, "API token revoked");
    Ok(())
}
