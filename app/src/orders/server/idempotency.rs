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
    use std::fmt::Write;
    let json = serde_json::to_vec(body).unwrap_or_default();
    Sha256::digest(&json).iter().fold(String::with_capacity(64), |mut hex, b| {
        let _ = write!(hex, "{b:02x}");
        hex
    })
}

pub fn check_key(key: &str) -> Result<(), AppError> {
    if key.is_empty() || key.len() > crate::limits::IDEMPOTENCY_KEY_MAX || !key.chars().all(|c| c.is_ascii_graphic()) {
        return Err(AppError::field("idempotency_key", crate::error::Invalid::NotAllowed));
    }
    Ok(())
}

/// What was kept under a key: the service's answer (the order id) and the
/// whole first response a door gives (the created order, as JSON).
pub struct Kept {
    pub response: String,
    pub body: Option<String>,
}

/// The answer kept for this key, if this process gave it lately: a retry
/// usually follows its first request within seconds. The same key with
/// another request is a conflict.
pub fn remembered(db: &Db, user_id: i64, key: &str, fingerprint: &str) -> Result<Option<Kept>, AppError> {
    matching(db.cache.kept.get(&(user_id, key.to_string())), fingerprint)
}

/// What was kept for this key, in memory or in the database; `None` for a
/// key not seen yet. The same key with another request is a conflict.
pub async fn kept(db: &Db, user_id: i64, key: &str, fingerprint: &str) -> Result<Option<Kept>, AppError> {
    let row = match db.cache.kept.get(&(user_id, key.to_string())) {
        Some(row) => Some(row),
        None => {
            let row: Option<(String, String, Option<String>)> =
                sqlx::query_as("SELECT request_hash, response, response_body FROM idempotency_keys WHERE user_id = $1 AND key = $2")
                    .bind(user_id)
                    .bind(key)
                    .fetch_optional(&db.pool)
                    .await
                    .map_err(db_error)?;
            if let Some(row) = &row {
                db.cache.kept.put((user_id, key.to_string()), row.clone());
            }
            row
        }
    };
    matching(row, fingerprint)
}

fn matching(row: Option<(String, String, Option<String>)>, fingerprint: &str) -> Result<Option<Kept>, AppError> {
    match row {
        None => Ok(None),
        Some((hash, response, body)) if hash == fingerprint => Ok(Some(Kept { response, body })),
        Some(_) => Err(AppError::IdempotencyConflict),
    }
}

/// Keeps the answer under the key, as the last write of the transaction
/// that did the work: both commit or neither. A concurrent twin with the
/// same key fails here on the primary key (on PostgreSQL after waiting for
/// the first to commit; SQLite writers take turns) and its whole
/// transaction rolls back, so nothing is written twice. Last rather than
/// first: one statement instead of a claim and an update.
pub async fn keep<'e, E>(conn: E, user_id: i64, key: &str, fingerprint: &str, response: &str, body: &str) -> Result<(), AppError>
where
    E: Executor<'e, Database = Any>,
{
    sqlx::query("INSERT INTO idempotency_keys (user_id, key, request_hash, response, response_body, created_at) VALUES ($1, $2, $3, $4, $5, $6)")
        .bind(user_id)
        .bind(key)
        .bind(fingerprint)
        .bind(response)
        .bind(body)
        .bind(now())
        .execute(conn)
        .await
        .map_err(db_error)?;
    Ok(())
}

/// Remembers an answer just committed under its key (see [`kept`]).
pub fn remember(db: &Db, user_id: i64, key: &str, fingerprint: &str, response: &str, body: &str) {
    db.cache.kept.put((user_id, key.to_string()), (fingerprint.to_string(), response.to_string(), Some(body.to_string())));
}
