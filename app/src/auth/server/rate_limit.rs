//! Throttling of password guesses, kept in the database so every node
//! counts the same attempts.
//!
//! * **Per e-mail and client together** ([`sign_in_limits`]): five free
//!   failures, then a back-off that doubles with each further failure (30 s,
//!   1 min, 2 min … at most 15 min). An attacker elsewhere fills only their
//!   own pair: the real owner, from their own address, is never locked out.
//! * **Per client**: at most [`PER_IP`] failed attempts in
//!   [`IP_WINDOW_SECS`], whatever the e-mail, so one address cannot spray
//!   guesses over many accounts (successful sign-ins do not count: an
//!   office behind one address signs in all day).
//! * **Per user changing a password**: the current password is checked under
//!   the same back-off as signing in.
//!
//! Every attempt is written *before* the password is checked. Attempt `k`
//! of a parallel burst, counting after its own write, sees at least `k - 1`
//! others, so no more than the free allowance is ever verified, however
//! many arrive at once. A refused attempt removes its own row (it checked
//! nothing); a success clears its pair.

use crate::error::AppError;
use crate::server::{db::db_error, now, Db};

/// Free failures per e-mail and client before the back-off starts.
pub const FREE_FAILURES: i64 = 5;
/// Failures older than this are forgotten.
pub const FAILURE_WINDOW_SECS: i64 = 3600;
/// The first back-off; each failure after it doubles the wait.
pub const BACKOFF_BASE_SECS: i64 = 30;
/// The longest back-off.
pub const BACKOFF_MAX_SECS: i64 = 15 * 60;
/// Attempts per client address within [`IP_WINDOW_SECS`], any e-mail.
pub const PER_IP: i64 = 50;
pub const IP_WINDOW_SECS: i64 = 15 * 60;

/// One throttle: a key and how it limits.
#[derive(Debug, Clone)]
pub struct Limit {
    pub key: String,
    rule: Rule,
}

#[derive(Debug, Clone, Copy)]
enum Rule {
    /// Free failures, then a doubling wait after the latest one.
    Backoff,
    /// At most this many in a sliding window.
    Window { max: i64, secs: i64 },
}

/// The throttles of a sign-in (or an API token request) by `email` from `ip`.
pub fn sign_in_limits(email: &str, ip: &str) -> Vec<Limit> {
    vec![Limit { key: format!("pair:{email}|{ip}"), rule: Rule::Backoff }, Limit { key: format!("ip:{ip}"), rule: Rule::Window { max: PER_IP, secs: IP_WINDOW_SECS } }]
}

/// The throttle of a signed-in user's own password checks (password change,
/// new API token).
pub fn password_check_limits(user_id: i64) -> Vec<Limit> {
    vec![Limit { key: format!("password:{user_id}"), rule: Rule::Backoff }]
}

/// How long to wait after the latest failure when `failures` are on record
/// (0 while within the free allowance).
pub fn backoff_secs(failures: i64) -> i64 {
    if failures < FREE_FAILURES {
        return 0;
    }
    let doublings = (failures - FREE_FAILURES).min(20) as u32;
    BACKOFF_BASE_SECS.saturating_mul(1 << doublings).min(BACKOFF_MAX_SECS)
}

/// An attempt on record, to be cleared on success.
#[must_use]
pub struct Attempt {
    rows: Vec<(String, i64)>,
}

/// Records an attempt under every limit, then refuses (`RateLimited`, with
/// when to retry) if any is over. Call before checking the password.
pub async fn attempt(db: &Db, limits: &[Limit]) -> Result<Attempt, AppError> {
    let t = now();
    let mut rows = Vec::with_capacity(limits.len());
    for limit in limits {
        let id: i64 =
            sqlx::query_scalar("INSERT INTO sign_in_attempts (key, at) VALUES ($1, $2) RETURNING id").bind(&limit.key).bind(t).fetch_one(db.writer()).await.map_err(db_error)?;
        rows.push((limit.key.clone(), id));
    }
    let mut wait = 0i64;
    for (limit, (key, id)) in limits.iter().zip(&rows) {
        wait = wait.max(refusal(db, limit, key, *id, t).await?);
    }
    if wait > 0 {
        // refused before checking anything: this attempt does not count
        for (_, id) in &rows {
            sqlx::query("DELETE FROM sign_in_attempts WHERE id = $1").bind(id).execute(db.writer()).await.map_err(db_error)?;
        }
        return Err(AppError::RateLimited { retry_after_secs: wait as u64 });
    }
    Ok(Attempt { rows })
}

/// Seconds to wait under one limit (0: allowed), counting the attempts
/// written before this one's own row.
async fn refusal(db: &Db, limit: &Limit, key: &str, own: i64, t: i64) -> Result<i64, AppError> {
    match limit.rule {
        Rule::Backoff => {
            let (others, latest): (i64, Option<i64>) = sqlx::query_as("SELECT COUNT(*), MAX(at) FROM sign_in_attempts WHERE key = $1 AND at > $2 AND id <> $3")
                .bind(key)
                .bind(t - FAILURE_WINDOW_SECS)
                .bind(own)
                .fetch_one(db.writer())
                .await
                .map_err(db_error)?;
            Ok((latest.unwrap_or(t) + backoff_secs(others) - t).max(0))
        }
        Rule::Window { max, secs } => {
            let (count, oldest): (i64, Option<i64>) = sqlx::query_as("SELECT COUNT(*), MIN(at) FROM sign_in_attempts WHERE key = $1 AND at > $2")
                .bind(key)
                .bind(t - secs)
                .fetch_one(db.writer())
                .await
                .map_err(db_error)?;
            Ok(if count > max { (oldest.unwrap_or(t) + secs - t).max(1) } else { 0 })
        }
    }
}

impl Attempt {
    /// The password was right: forget this pair's failures, and this
    /// attempt from the client's count (which keeps the client's other
    /// failures: an office behind one address signs in all day, a guesser
    /// spraying many e-mails does not).
    pub async fn succeeded(self, db: &Db) -> Result<(), AppError> {
        for (key, id) in &self.rows {
            let forget = if key.starts_with("ip:") {
                sqlx::query("DELETE FROM sign_in_attempts WHERE id = $1").bind(*id)
            } else {
                sqlx::query("DELETE FROM sign_in_attempts WHERE key = $1").bind(key.clone())
            };
            forget.execute(db.writer()).await.map_err(db_error)?;
        }
        Ok(())
    }

    /// The password was wrong: the attempt stays on record.
    pub fn failed(self) {}
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_backoff_doubles_to_its_cap() {
        assert_eq!((0..FREE_FAILURES).map(backoff_secs).max(), Some(0));
        assert_eq!(backoff_secs(FREE_FAILURES), 30);
        assert_eq!(backoff_secs(FREE_FAILURES + 1), 60);
        assert_eq!(backoff_secs(FREE_FAILURES + 3), 240);
        assert_eq!(backoff_secs(FREE_FAILURES + 10), BACKOFF_MAX_SECS);
        assert_eq!(backoff_secs(i64::MAX), BACKOFF_MAX_SECS);
    }
}
