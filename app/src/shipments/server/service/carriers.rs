//! Carriers: added by an operator (`server add-carrier`), each with its
//! own webhook secret, generated here and shown once.

use crate::error::{AppError, Invalid};
use crate::server::db::db_error;
use crate::server::Db;
use crate::shipments::server::store;
use crate::shipments::CODE_MAX;
use rand::RngCore;

/// Adds a carrier; returns its new webhook secret.
pub async fn add_carrier(db: &Db, code: &str, name: &str) -> Result<String, AppError> {
    let code = code.trim();
    if code.is_empty() || code.len() > CODE_MAX || !code.chars().all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-') {
        return Err(AppError::field("code", Invalid::Code));
    }
    let name = name.trim();
    if name.is_empty() || name.chars().count() > 80 {
        return Err(AppError::field("name", if name.is_empty() { Invalid::Required } else { Invalid::TooLong }));
    }
    let mut bytes = [0u8; 32];
    rand::thread_rng().fill_bytes(&mut bytes);
    let secret = format!("whsec_{}", hex::encode(bytes));
    let mut tx = db.begin().await?;
    store::insert_carrier(&mut tx, code, name, &secret).await?;
    tx.commit().await.map_err(db_error)?;
    Ok(secret)
}
