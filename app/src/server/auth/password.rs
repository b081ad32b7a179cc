//! Password hashing with argon2id. Hashing is slow on purpose, so it runs
//! on the blocking pool, never on the async workers.

use crate::error::AppError;
use argon2::password_hash::{rand_core::OsRng, PasswordHash, PasswordHasher, PasswordVerifier, SaltString};
use argon2::Argon2;

pub async fn hash(password: String) -> Result<String, AppError> {
    tokio::task::spawn_blocking(move || {
        let salt = SaltString::generate(&mut OsRng);
        Argon2::default().hash_password(password.as_bytes(), &salt).map(|h| h.to_string())
    })
    .await
    .map_err(|_| AppError::Internal)?
    .map_err(|_| AppError::Internal)
}

/// Checks a password against a stored hash. With no stored hash (unknown
/// user, pending invitation) it still does the work of one check, so the
/// answer's timing does not tell which e-mail addresses exist.
pub async fn verify(password: String, stored: Option<String>) -> bool {
    tokio::task::spawn_blocking(move || {
        let stored = stored.unwrap_or_else(|| DUMMY.to_string());
        let Ok(parsed) = PasswordHash::new(&stored) else { return false };
        Argon2::default().verify_password(password.as_bytes(), &parsed).is_ok() && stored != DUMMY
    })
    .await
    .unwrap_or(false)
}

/// A valid argon2id hash of a random string nobody knows.
const DUMMY: &str = "$argon2id$v=19$m=19456,t=2,p=1$c29tZXNhbHRzb21lc2FsdA$q8yNf0/8v7J2k3tTq0Rr3Xq0d3f0E4qV1gKx7f0pQ9E";

#[cfg(test)]
mod tests {
    #[tokio::test]
    async fn hashes_verify_only_their_password() {
        let h = super::hash("keyport-demo-2026".into()).await.unwrap();
        assert!(h.starts_with("$argon2id$"));
        assert!(super::verify("keyport-demo-2026".into(), Some(h.clone())).await);
        assert!(!super::verify("keyport-demo-2027".into(), Some(h)).await);
        assert!(!super::verify("anything".into(), None).await);
    }
}
