//! Password hashing with argon2id. Hashing is slow on purpose, so it runs
//! on the blocking pool, never on the async workers — and only a few at a
//! time: each hash takes 19 MiB and a core for a while, so a burst of
//! sign-ins would otherwise exhaust memory and starve every other request.
//! Callers beyond the limit wait their turn.

use crate::error::AppError;
use argon2::password_hash::{rand_core::OsRng, PasswordHash, PasswordHasher, PasswordVerifier, SaltString};
use argon2::Argon2;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::LazyLock;
use tokio::sync::Semaphore;

/// Hashes running at once: one per core, at least two.
pub fn limit() -> usize {
    std::thread::available_parallelism().map(|n| n.get()).unwrap_or(2).max(2)
}

static TURNS: LazyLock<Semaphore> = LazyLock::new(|| Semaphore::new(limit()));
static RUNNING: AtomicUsize = AtomicUsize::new(0);
static PEAK: AtomicUsize = AtomicUsize::new(0);

/// The most hashes that ever ran at once in this process (for tests and metrics).
pub fn peak() -> usize {
    PEAK.load(Ordering::Relaxed)
}

/// Runs one hash computation in turn, on the blocking pool.
async fn in_turn<T: Send + 'static>(work: impl FnOnce() -> T + Send + 'static) -> Result<T, AppError> {
    let _turn = TURNS.acquire().await.map_err(|e| AppError::internal("password hashing turn", e))?;
    tokio::task::spawn_blocking(move || {
        let now = RUNNING.fetch_add(1, Ordering::SeqCst) + 1;
        PEAK.fetch_max(now, Ordering::SeqCst);
        let out = work();
        RUNNING.fetch_sub(1, Ordering::SeqCst);
        out
    })
    .await
    .map_err(|e| AppError::internal("password hashing task", e))
}

pub async fn hash(password: String) -> Result<String, AppError> {
    in_turn(move || {
        let salt = SaltString::generate(&mut OsRng);
        Argon2::default().hash_password(password.as_bytes(), &salt).map(|h| h.to_string())
    })
    .await?
    .map_err(|e| AppError::internal("password hashing", e))
}

/// Checks a password against a stored hash. With no stored hash (unknown
/// user, pending invitation) it still does the work of one check, so the
/// answer's timing does not tell which e-mail addresses exist.
pub async fn verify(password: String, stored: Option<String>) -> bool {
    in_turn(move || {
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

    /// A burst of sign-ins hashes a few at a time, never all at once.
    #[tokio::test(flavor = "multi_thread", worker_threads = 4)]
    async fn a_burst_hashes_within_the_limit() {
        let burst: Vec<_> = (0..24).map(|i| tokio::spawn(super::verify(format!("guess-{i}"), None))).collect();
        for guess in burst {
            assert!(!guess.await.unwrap());
        }
        assert!(super::peak() >= 1);
        assert!(super::peak() <= super::limit(), "peak {} over the limit {}", super::peak(), super::limit());
    }
}
