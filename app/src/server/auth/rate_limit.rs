//! Sign-in rate limiting, kept in the database so every node counts the same
//! failures: at most [`PER_EMAIL`] failures per address and [`PER_IP`] per
//! client address within [`WINDOW_SECS`].

use crate::error::AppError;
use crate::server::{db::db_error, now, Db};

pub const WINDOW_SECS: i64 = 15 * 60;
pub const PER_EMAIL: i64 = 5;
pub const PER_IP: i64 = 30;

fn keys(email: &str, ip: &str) -> [(String, i64); 2] {
    [(format!("email:{email}"), PER_EMAIL), (format!("ip:{ip}"), PER_IP)]
}

/// Refuses with `RateLimited` (and when to retry) once a limit is reached.
pub async fn check(db: &Db, email: &str, ip: &str) -> Result<(), AppError> {
    let since = now() - WINDOW_SECS;
    for (key, limit) in keys(email, ip) {
        let (count, oldest): (i64, Option<i64>) =
            sqlx::query_as("SELECT COUNT(*), MIN(at) FROM login_failures WHERE key = $1 AND at > $2").bind(&key).bind(since).fetch_one(&db.pool).await.map_err(db_error)?;
        if count >= limit {
            let retry = oldest.unwrap_or(now()) + WINDOW_SECS - now();
            return Err(AppError::RateLimited { retry_after_secs: retry.max(1) as u64 });
        }
    }
    Ok(())
}

pub async fn record_failure(db: &Db, email: &str, ip: &str) -> Result<(), AppError> {
    let mut tx = db.begin().await?;
    for (key, _) in keys(email, ip) {
        sqlx::query("INSERT INTO login_failures (key, at) VALUES ($1, $2)").bind(key).bind(now()).execute(&mut *tx).await.map_err(db_error)?;
    }
    // Old rows are worthless; trim them as we go.
    sqlx::query("DELETE FROM login_failures WHERE at < $1").bind(now() - WINDOW_SECS).execute(&mut *tx).await.map_err(db_error)?;
    tx.commit().await.map_err(db_error)
}

/// A successful sign-in forgets the address's failures (not the IP's).
pub async fn clear_email(db: &Db, email: &str) -> Result<(), AppError> {
    sqlx::query("DELETE FROM login_failures WHERE key = $1").bind(format!("email:{email}")).execute(db.writer()).await.map_err(db_error)?;
    Ok(())
}
