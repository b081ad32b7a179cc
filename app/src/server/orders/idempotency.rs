//! Idempotency keys: the first answer to a request is kept under the
//! caller's key, so a retry (double click, lost response, client retry)
//! gets it again instead of writing twice.

use crate::error::AppError;
use crate::server::db::db_error;
use crate::server::{now, Db};
use sha2::{Digest, Sha256};
use sqlx::{Any, Executor};

/// A fingerprint of the request body: the same key with another body is refused.
pub fn fingerprint(body: &impl serde::Serialize) -> String {
    let json = serde_json::to_vec(body).unwrap_or_default();
    Sha256::digest(&json).iter().map(|b| format!("{b:02x}")).collect()
}

pub fn check_key(key: &str) -> Result<(), AppError> {
    if key.is_empty() || key.len() > 200 || !key.chars().all(|c| c.is_ascii_graphic()) {
        return Err(AppError::field("idempotency_key", crate::error::Invalid::NotAllowed));
    }
    Ok(())
}

/// What was kept for this key: the service's answer (the order id) and the
/// whole first response (the created order as JSON). `None` for a key not
/// seen yet; the same key with another request is a conflict.
async fn kept(db: &Db, user_id: i64, key: &str, fingerprint: &str) -> Result<Option<(String, Option<String>)>, AppError> {
    let row: Option<(String, String, Option<String>)> =
        sqlx::query_as("SELECT request_hash, response, response_body FROM idempotency_keys WHERE user_id = $1 AND key = $2")
            .bind(user_id)
            .bind(key)
            .fetch_optional(&db.pool)
            .await
            .map_err(db_error)?;
    match row {
        None => Ok(None),
        Some((hash, response, body)) if hash == fingerprint => Ok(Some((response, body))),
        Some(_) => Err(AppError::IdempotencyConflict),
    }
}

/// The stored answer for this key, if the request was seen before.
pub async fn replay(db: &Db, user_id: i64, key: &str, fingerprint: &str) -> Result<Option<String>, AppError> {
    Ok(kept(db, user_id, key, fingerprint).await?.map(|(response, _)| response))
}

/// Claims the key as the first statement of the transaction that does the
/// work: a concurrent twin waits here (PostgreSQL row lock; SQLite's write
/// lock) and then fails on the primary key, before writing anything.
pub async fn claim<'e, E>(conn: E, user_id: i64, key: &str, fingerprint: &str) -> Result<(), AppError>
where
    E: Executor<'e, Database = Any>,
{
    sqlx::query("INSERT INTO idempotency_keys (user_id, key, request_hash, response, created_at) VALUES ($1, $2, $3, '', $4)")
        .bind(user_id)
        .bind(key)
        .bind(fingerprint)
        .bind(now())
        .execute(conn)
        .await
        .map_err(db_error)?;
    Ok(())
}

/// Stores the answer in the same transaction: both commit or neither.
/// `response` is what the service returns (the order id); `body` the whole
/// answer a door gives (the created order, as JSON).
pub async fn complete<'e, E>(conn: E, user_id: i64, key: &str, response: &str, body: &str) -> Result<(), AppError>
where
    E: Executor<'e, Database = Any>,
{
    sqlx::query("UPDATE idempotency_keys SET response = $1, response_body = $4 WHERE user_id = $2 AND key = $3")
        .bind(response)
        .bind(user_id)
        .bind(key)
        .bind(body)
        .execute(conn)
        .await
        .map_err(db_error)?;
    Ok(())
}

/// Was this error the key's primary key tripping (a concurrent twin won)?
pub fn lost_race(err: &AppError) -> bool {
    err.for_field("idempotency_key") == Some(crate::error::Invalid::Taken)
}

/// The whole first answer kept with this key (the created order as JSON),
/// when the request matches the key's; `None` for a key not seen yet.
pub async fn first_body(db: &Db, user_id: i64, key: &str, fingerprint: &str) -> Result<Option<String>, AppError> {
    Ok(kept(db, user_id, key, fingerprint).await?.and_then(|(_, body)| body))
}
