//! SQL for signing in: credentials, passwords and invitation links. Sessions,
//! API tokens and sign-in attempts keep their own SQL beside their rules
//! (`session`, `api_token`, `rate_limit`).

use crate::error::AppError;
use crate::server::db::{db_error, Tx};
use crate::server::{now, Db};

/// The id and password hash of an active user (of an active account) by
/// e-mail; a pending invitation has no hash yet.
pub async fn credentials(db: &Db, email: &str) -> Result<Option<(i64, Option<String>)>, AppError> {
    sqlx::query_as(
        "SELECT u.id, u.password_hash FROM users u LEFT JOIN accounts a ON a.id = u.account_id \
         WHERE u.email = $1 AND u.active = 1 AND (a.id IS NULL OR a.active = 1)",
    )
    .bind(email)
    .fetch_optional(&db.pool)
    .await
    .map_err(db_error)
}

pub async fn password_hash(db: &Db, user_id: i64) -> Result<Option<String>, AppError> {
    sqlx::query_scalar("SELECT password_hash FROM users WHERE id = $1").bind(user_id).fetch_one(&db.pool).await.map_err(db_error)
}

pub async fn set_password(tx: &mut Tx, user_id: i64, hash: &str) -> Result<(), AppError> {
    sqlx::query("UPDATE users SET password_hash = $1 WHERE id = $2").bind(hash).bind(user_id).execute(&mut **tx).await.map_err(db_error)?;
    Ok(())
}

/// The e-mail of a live invitation link (by its token's hash).
pub async fn invited_email(db: &Db, link_hash: &str) -> Result<Option<String>, AppError> {
    sqlx::query_scalar("SELECT email FROM users WHERE invite_token_hash = $1 AND invite_expires_at > $2 AND active = 1")
        .bind(link_hash)
        .bind(now())
        .fetch_optional(&db.pool)
        .await
        .map_err(db_error)
}

/// Sets the invited user's password and spends the link; the user's id, or
/// None when the link is unknown, used or expired. Spending it in the
/// UPDATE's WHERE makes a double submit harmless: the second finds no row.
pub async fn spend_invitation(tx: &mut Tx, link_hash: &str, password_hash: &str) -> Result<Option<i64>, AppError> {
    sqlx::query_scalar(
        "UPDATE users SET password_hash = $1, invite_token_hash = NULL, invite_expires_at = NULL \
         WHERE invite_token_hash = $2 AND invite_expires_at > $3 AND active = 1 RETURNING id",
    )
    .bind(password_hash)
    .bind(link_hash)
    .bind(now())
    .fetch_optional(&mut **tx)
    .await
    .map_err(db_error)
}
