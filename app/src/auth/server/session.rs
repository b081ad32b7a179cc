//! Sessions: a random token in an HttpOnly cookie, its hash in the
//! `sessions` table (shared by every node). A session ends when idle for
//! `session_idle_secs`, `session_max_secs` after sign-in, at sign-out, when
//! the password changes, or when the user is disabled.

use super::token;
use crate::error::AppError;
use crate::server::{db::db_error, now, request::Actor, Db, Settings};
use sqlx::{Any, Executor};

/// The session cookie's name over plain http (development, tests).
pub const COOKIE: &str = "kp_session";
/// Its name with secure cookies on: the `__Host-` prefix makes browsers
/// refuse it unless it is Secure, host-only and for `/`, so no sibling
/// subdomain or plain-http page can plant or shadow it.
pub const SECURE_COOKIE: &str = "__Host-kp_session";

/// The session cookie's name under these settings.
pub fn cookie_name(settings: &Settings) -> &'static str {
    if settings.secure_cookies {
        SECURE_COOKIE
    } else {
        COOKIE
    }
}

/// Writes `last_seen_at` at most this often, not on every request.
const TOUCH_EVERY_SECS: i64 = 60;

/// Starts a session; returns the token for the cookie.
pub async fn create<'e, E>(conn: E, settings: &Settings, user_id: i64, ip: &str, user_agent: &str) -> Result<String, AppError>
where
    E: Executor<'e, Database = Any>,
{
    let token = token::new_token();
    let t = now();
    sqlx::query(
        "INSERT INTO sessions (id, user_id, created_at, last_seen_at, expires_at, ip, user_agent) \
         VALUES ($1, $2, $3, $3, $4, $5, $6)",
    )
    .bind(token::hash(&token))
    .bind(user_id)
    .bind(t)
    .bind(t + settings.session_max_secs)
    .bind(ip)
    .bind(user_agent)
    .execute(conn)
    .await
    .map_err(db_error)?;
    Ok(token)
}

#[derive(sqlx::FromRow)]
struct Row {
    user_id: i64,
    email: String,
    name: String,
    role: String,
    last_seen_at: i64,
    expires_at: i64,
    account_id: Option<i64>,
    account_code: Option<String>,
    account_name: Option<String>,
}

/// The live session of a token, with its user; `None` when unknown, expired
/// or the user (or their account) is disabled.
pub async fn lookup(db: &Db, settings: &Settings, token: &str) -> Result<Option<Actor>, AppError> {
    let id = token::hash(token);
    let t = now();
    // From memory only while the session is surely live and needs no touch.
    if let Some((actor, expires_at, last_seen_at)) = db.cache.sessions.get(&id) {
        if expires_at > t && t - last_seen_at < TOUCH_EVERY_SECS.min(settings.session_idle_secs) {
            return Ok(Some(crate::server::cache::answer(actor).await));
        }
    }
    let row: Option<Row> = sqlx::query_as(
        "SELECT u.id AS user_id, u.email, u.name, u.role, s.last_seen_at, s.expires_at, \
                a.id AS account_id, a.code AS account_code, a.name AS account_name \
         FROM sessions s JOIN users u ON u.id = s.user_id \
         LEFT JOIN accounts a ON a.id = u.account_id \
         WHERE s.id = $1 AND s.expires_at > $2 AND s.last_seen_at > $3 \
           AND u.active = 1 AND (a.id IS NULL OR a.active = 1)",
    )
    .bind(&id)
    .bind(t)
    .bind(t - settings.session_idle_secs)
    .fetch_optional(&db.pool)
    .await
    .map_err(db_error)?;
    let Some(row) = row else { return Ok(None) };
    let mut last_seen_at = row.last_seen_at;
    if t - row.last_seen_at >= TOUCH_EVERY_SECS {
        sqlx::query("UPDATE sessions SET last_seen_at = $1 WHERE id = $2").bind(t).bind(&id).execute(db.writer()).await.map_err(db_error)?;
        last_seen_at = t;
    }
    let actor = Actor::from_row(row.user_id, row.email, row.name, &row.role, (row.account_id, row.account_code, row.account_name), id.clone());
    if let Some(actor) = &actor {
        db.cache.sessions.put(id, (actor.clone(), row.expires_at, last_seen_at));
    }
    Ok(actor)
}

pub async fn delete(db: &Db, session_id: &str) -> Result<(), AppError> {
    sqlx::query("DELETE FROM sessions WHERE id = $1").bind(session_id).execute(db.writer()).await.map_err(db_error)?;
    db.cache.sessions.forget(&session_id.to_string());
    Ok(())
}

/// Ends every session of a user, but `keep` (the one making the change).
pub async fn delete_for_user<'e, E>(conn: E, user_id: i64, keep: Option<&str>) -> Result<(), AppError>
where
    E: Executor<'e, Database = Any>,
{
    sqlx::query("DELETE FROM sessions WHERE user_id = $1 AND id <> $2").bind(user_id).bind(keep.unwrap_or("")).execute(conn).await.map_err(db_error)?;
    Ok(())
}

/// The `Set-Cookie` value that starts a session in the browser.
pub fn cookie(settings: &Settings, token: &str) -> String {
    format!("{}={token}; Path=/; HttpOnly; SameSite=Lax; Max-Age={}{}", cookie_name(settings), settings.session_max_secs, if settings.secure_cookies { "; Secure" } else { "" })
}

/// The `Set-Cookie` value that removes it.
pub fn clear_cookie(settings: &Settings) -> String {
    format!("{}=; Path=/; HttpOnly; SameSite=Lax; Max-Age=0{}", cookie_name(settings), if settings.secure_cookies { "; Secure" } else { "" })
}
