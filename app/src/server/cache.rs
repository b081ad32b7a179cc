//! Reads that nearly every page repeats and that rarely change — whom a
//! session belongs to, an account's delivery sites — kept for a few seconds.
//!
//! Measured on the orders list page: each database round trip on SQLite is a
//! hand-off to its worker thread and back, and the session lookup and the
//! sites were two of the page's three. Every write that could change what is
//! kept calls [`ReadCache::clear`] (sign-out, password, users, accounts,
//! sites, token revocation), so this process never serves a stale answer; the TTL bounds how
//! stale another process serving the same database can be.

use super::request::Actor;
use std::collections::HashMap;
use std::hash::Hash;
use std::sync::Mutex;
use std::time::{Duration, Instant};

/// How long an entry lives: 5 s, or `KEYPORT_CACHE_SECS` (0 turns caching off).
pub fn ttl() -> Duration {
    let secs = std::env::var("KEYPORT_CACHE_SECS").ok().and_then(|s| s.parse().ok()).unwrap_or(5);
    Duration::from_secs(secs)
}
/// Beyond this many entries a memo starts afresh (a crude bound on memory).
const MAX_ENTRIES: usize = 50_000;

/// A map whose entries expire.
pub struct Memo<K, V> {
    ttl: Duration,
    entries: Mutex<HashMap<K, (Instant, V)>>,
}

impl<K: Eq + Hash, V: Clone> Memo<K, V> {
    pub fn new(ttl: Duration) -> Self {
        Memo { ttl, entries: Mutex::new(HashMap::new()) }
    }

    pub fn get(&self, key: &K) -> Option<V> {
        let entries = self.entries.lock().ok()?;
        entries.get(key).filter(|(at, _)| at.elapsed() < self.ttl).map(|(_, v)| v.clone())
    }

    pub fn put(&self, key: K, value: V) {
        if self.ttl.is_zero() {
            return;
        }
        if let Ok(mut entries) = self.entries.lock() {
            if entries.len() >= MAX_ENTRIES {
                entries.clear();
            }
            entries.insert(key, (Instant::now(), value));
        }
    }

    pub fn clear(&self) {
        if let Ok(mut entries) = self.entries.lock() {
            entries.clear();
        }
    }
}

/// Answers from memory, but only after yielding to the runtime once, as a
/// database read would. Measured on the orders list page (1M orders, 32
/// clients): when the session came straight from memory the page served
/// 890 req/s, with this yield 1,960. Resources that are ready the moment
/// Leptos' server-side rendering creates them cost it far more than ones
/// that resolve a poll later; we did not trace why inside Leptos.
pub async fn answer<V>(value: V) -> V {
    tokio::task::yield_now().await;
    value
}

pub struct ReadCache {
    /// Session id (hash of the token) → who it belongs to, when it expires
    /// and when it was last touched (instants in seconds).
    pub sessions: Memo<String, (Actor, i64, i64)>,
    /// Account id → its delivery sites (id, name, active).
    pub sites: Memo<i64, Vec<(i64, String, bool)>>,
    /// API token (its hash) → whom it belongs to, and when it was last used.
    pub tokens: Memo<String, (Actor, Option<i64>)>,
    /// (user, idempotency key) → the request's fingerprint and the first
    /// answer (see `orders::idempotency`). Never stale: a kept answer is
    /// written once, committed, and never changes.
    pub kept: Memo<(i64, String), (String, String, Option<String>)>,
}

impl ReadCache {
    pub fn new(ttl: Duration) -> Self {
        ReadCache { sessions: Memo::new(ttl), sites: Memo::new(ttl), tokens: Memo::new(ttl), kept: Memo::new(ttl) }
    }

    /// Forgets everything: called after every write that could change it.
    pub fn clear(&self) {
        self.sessions.clear();
        self.sites.clear();
        self.tokens.clear();
        self.kept.clear();
    }
}

impl std::fmt::Debug for ReadCache {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("ReadCache")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn entries_expire_and_clear() {
        let memo = Memo::new(Duration::from_millis(30));
        memo.put(1, "a");
        assert_eq!(memo.get(&1), Some("a"));
        std::thread::sleep(Duration::from_millis(40));
        assert_eq!(memo.get(&1), None, "expired");
        memo.put(2, "b");
        memo.clear();
        assert_eq!(memo.get(&2), None, "cleared");
        let off = Memo::new(Duration::ZERO);
        off.put(3, "c");
        assert_eq!(off.get(&3), None, "a zero TTL keeps nothing");
    }
}
