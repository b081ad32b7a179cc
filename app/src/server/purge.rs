//! The periodic purge: records that have done their work and only take
//! space. Run every few minutes by the server (`main.rs`), on every node —
//! each statement is idempotent, so nodes racing each other do no harm.

use super::{db::db_error, now, Db, Settings};
use crate::auth::server::rate_limit;
use crate::error::AppError;

/// How long an idempotency key (and its first answer) is kept: a client
/// retrying later than this gets a new order. Stated in the API document.
pub const IDEMPOTENCY_RETENTION_SECS: i64 = 7 * 24 * 3600;

/// What one purge removed.
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
pub struct Purged {
    pub sessions: u64,
    pub idempotency_keys: u64,
    pub sign_in_attempts: u64,
}

/// Deletes expired or idle sessions, idempotency keys past their retention
/// and sign-in attempts older than any throttle looks back.
pub async fn purge(db: &Db, settings: &Settings) -> Result<Purged, AppError> {
    let t = now();
    let run = |sql: &'static str, before: i64| async move { sqlx::query(sql).bind(before).execute(db.writer()).await.map(|r| r.rows_affected()).map_err(db_error) };
    let sessions = run("DELETE FROM sessions WHERE expires_at <= $1", t).await? + run("DELETE FROM sessions WHERE last_seen_at <= $1", t - settings.session_idle_secs).await?;
    let idempotency_keys = run("DELETE FROM idempotency_keys WHERE created_at <= $1", t - IDEMPOTENCY_RETENTION_SECS).await?;
    let oldest_needed = rate_limit::FAILURE_WINDOW_SECS.max(rate_limit::IP_WINDOW_SECS);
    let sign_in_attempts = run("DELETE FROM sign_in_attempts WHERE at <= $1", t - oldest_needed).await?;
    Ok(Purged { sessions, idempotency_keys, sign_in_attempts })
}
