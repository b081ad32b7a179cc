//! Bearer tokens for the REST API: issued for a user after checking their
//! password, stored as a hash, listable and revocable by their owner.

use super::token;
use crate::error::AppError;
use crate::server::db::db_error;
use crate::server::{now, request::Actor, Db};
use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, sqlx::FromRow)]
pub struct TokenInfo {
    pub id: i64,
    pub name: String,
    pub created_at: i64,
    pub last_used_at: Option<i64>,
}

/// Issues a token for `user_id`; returns (id, the token — shown once).
pub async fn issue(db: &Db, user_id: i64, name: &str) -> Result<(i64, String), AppError> {
    let secret = format!("kp_{}", token::new_token());
    let name = if name.trim().is_empty() { "API" } else { name.trim() };
    let id: i64 = sqlx::query_scalar("INSERT INTO api_tokens (user_id, name, token_hash, created_at) VALUES ($1, $2, $3, $4) RETURNING id")
        .bind(user_id)
        .bind(name.chars().take(80).collect::<String>())
        .bind(token::hash(&secret))
        .bind(now())
        .fetch_one(db.writer())
        .await
        .map_err(db_error)?;
    Ok((id, secret))
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
}

/// The user behind a live token (not revoked, user and account active),
/// kept a few seconds (see `server::cache`; revoking clears it).
pub async fn actor(db: &Db, secret: &str) -> Result<Option<Actor>, AppError> {
    let hash = token::hash(secret);
    let fresh = |last_used: Option<i64>| last_used.is_some_and(|t| t >= now() - 60);
    if let Some((actor, _)) = db.cache.tokens.get(&hash).filter(|(_, t)| fresh(*t)) {
        return Ok(Some(actor));
    }
    let row: Option<Row> = sqlx::query_as(
        "SELECT u.id AS user_id, u.email, u.name, u.role, a.id AS account_id, a.code AS account_code, a.name AS account_name, t.last_used_at \
         FROM api_tokens t JOIN users u ON u.id = t.user_id LEFT JOIN accounts a ON a.id = u.account_id \
         WHERE t.token_hash = $1 AND t.revoked_at IS NULL AND u.active = 1 AND (a.id IS NULL OR a.active = 1)",
    )
    .bind(&hash)
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
        db.cache.tokens.put(hash, (actor.clone(), last_used));
    }
    Ok(actor)
}

pub async fn list(db: &Db, actor: &Actor) -> Result<Vec<TokenInfo>, AppError> {
    sqlx::query_as("SELECT id, name, created_at, last_used_at FROM api_tokens WHERE user_id = $1 AND revoked_at IS NULL ORDER BY id")
        .bind(actor.user.id)
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
    db.cache.clear();
    if done.rows_affected() == 1 {
        Ok(())
    } else {
        Err(AppError::NotFound)
    }
}
