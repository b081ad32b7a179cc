//! Reads that nearly every page repeats and that rarely change — whom a
//! session or an API token belongs to, an account's delivery sites — kept
//! for a few seconds in this process.
//!
//! Measured on the orders list page: each database round trip on SQLite is a
//! hand-off to its worker thread and back, and the session lookup and the
//! sites were two of the page's three.
//!
//! **Only where this process is the database's only user.** What is kept
//! here can be revoked (a sign-out, a revoked token, a disabled user, a
//! closed site), and a revocation must hold at once on every node. With
//! SQLite one process owns the file (`Db::connect` takes an exclusive lock
//! on it), and every write that revokes something forgets exactly the
//! entries it affects, by key. With PostgreSQL, several nodes share the
//! database, so who a session or a token belongs to is never kept
//! ([`ReadCache::new`] with `revocable: false`): every request asks the
//! database, which costs one indexed read and can never be stale — a
//! revocation holds at once on every node.
//!
//! **Across nodes.** Delivery sites are kept on every engine: a write that
//! changes an account's sites says so with [`Forget`] through
//! `Db::forget`, which forgets here at once and, on PostgreSQL, tells every
//! other node over the live channel's `LISTEN/NOTIFY` connection
//! ([`CACHE_CHANNEL`]; `server::live::listen`), within milliseconds.
//!
//! Every map is bounded: past [`MAX_ENTRIES`] expired entries are dropped,
//! then the oldest one, one at a time.

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

/// The most entries one map holds.
pub const MAX_ENTRIES: usize = 20_000;

/// A bounded map whose entries expire.
pub struct Memo<K, V> {
    ttl: Duration,
    max: usize,
    entries: Mutex<HashMap<K, (Instant, V)>>,
}

impl<K: Eq + Hash + Clone, V: Clone> Memo<K, V> {
    pub fn new(ttl: Duration) -> Self {
        Self::bounded(ttl, MAX_ENTRIES)
    }

    pub fn bounded(ttl: Duration, max: usize) -> Self {
        Memo { ttl, max: max.max(1), entries: Mutex::new(HashMap::new()) }
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
            if entries.len() >= self.max && !entries.contains_key(&key) {
                let ttl = self.ttl;
                entries.retain(|_, (at, _)| at.elapsed() < ttl);
                if entries.len() >= self.max {
                    if let Some(oldest) = entries.iter().min_by_key(|(_, (at, _))| *at).map(|(k, _)| k.clone()) {
                        entries.remove(&oldest);
                    }
                }
            }
            entries.insert(key, (Instant::now(), value));
        }
    }

    /// Forgets one entry.
    pub fn forget(&self, key: &K) {
        if let Ok(mut entries) = self.entries.lock() {
            entries.remove(key);
        }
    }

    /// Forgets every entry whose value matches.
    pub fn forget_where(&self, matches: impl Fn(&V) -> bool) {
        if let Ok(mut entries) = self.entries.lock() {
            entries.retain(|_, (_, v)| !matches(v));
        }
    }

    pub fn len(&self) -> usize {
        self.entries.lock().map(|e| e.len()).unwrap_or(0)
    }

    pub fn is_empty(&self) -> bool {
        self.len() == 0
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

/// The PostgreSQL channel on which nodes tell each other what to forget.
pub const CACHE_CHANNEL: &str = "keyport_cache";

/// What a write made stale.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Forget {
    /// A user's sessions and tokens (password, role, name, disabled).
    User(i64),
    /// Everyone of an account, and its sites.
    Account(i64),
    /// An account's delivery sites.
    Sites(i64),
}

impl Forget {
    /// As sent between nodes: `user:12`, `account:3`, `sites:3`.
    pub fn payload(self) -> String {
        match self {
            Forget::User(id) => format!("user:{id}"),
            Forget::Account(id) => format!("account:{id}"),
            Forget::Sites(id) => format!("sites:{id}"),
        }
    }

    pub fn parse(payload: &str) -> Option<Forget> {
        let (kind, id) = payload.split_once(':')?;
        let id = id.parse().ok()?;
        match kind {
            "user" => Some(Forget::User(id)),
            "account" => Some(Forget::Account(id)),
            "sites" => Some(Forget::Sites(id)),
            _ => None,
        }
    }
}

pub struct ReadCache {
    /// Session id (hash of the token) → who it belongs to, when it expires
    /// and when it was last touched (instants in seconds).
    pub sessions: Memo<String, (Actor, i64, i64)>,
    /// Account id → its delivery sites (id, name, active).
    pub sites: Memo<i64, Vec<(i64, String, bool)>>,
    /// API token (its hash) → whom it belongs to, when it was last used and
    /// when it expires.
    pub tokens: Memo<String, (Actor, Option<i64>, i64)>,
    /// (user, idempotency key) → the request's fingerprint and the first
    /// answer (see `orders::idempotency`). Kept on every engine: a kept
    /// answer is written once, committed, and never changes.
    pub kept: Memo<(i64, String), (String, String, Option<String>)>,
}

impl ReadCache {
    /// `revocable`: keep sessions and tokens too (only when this process is
    /// the database's only user; see the module docs).
    pub fn new(ttl: Duration, revocable: bool) -> Self {
        let revocable_ttl = if revocable { ttl } else { Duration::ZERO };
        ReadCache { sessions: Memo::new(revocable_ttl), sites: Memo::new(ttl), tokens: Memo::new(revocable_ttl), kept: Memo::new(ttl) }
    }

    /// Forgets what a write made stale (here; `Db::forget` tells the other nodes).
    pub fn apply(&self, forget: Forget) {
        match forget {
            Forget::User(id) => self.forget_user(id),
            Forget::Account(id) => self.forget_account(id),
            Forget::Sites(id) => self.sites.forget(&id),
        }
    }

    /// A user's sessions and tokens (password changed, user disabled or
    /// renamed, role changed).
    pub fn forget_user(&self, user_id: i64) {
        self.sessions.forget_where(|(actor, ..)| actor.user.id == user_id);
        self.tokens.forget_where(|(actor, ..)| actor.user.id == user_id);
    }

    /// Everyone of an account (the account was changed or disabled), and its sites.
    pub fn forget_account(&self, account_id: i64) {
        let of_account = |actor: &Actor| actor.user.account.as_ref().is_some_and(|a| a.id == account_id);
        self.sessions.forget_where(|(actor, ..)| of_account(actor));
        self.tokens.forget_where(|(actor, ..)| of_account(actor));
        self.sites.forget(&account_id);
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
    fn entries_expire_and_are_forgotten_by_key() {
        let memo = Memo::new(Duration::from_millis(30));
        memo.put(1, "a");
        memo.put(2, "b");
        assert_eq!(memo.get(&1), Some("a"));
        memo.forget(&1);
        assert_eq!(memo.get(&1), None, "forgotten");
        assert_eq!(memo.get(&2), Some("b"), "the others stay");
        memo.forget_where(|v| *v == "b");
        assert_eq!(memo.get(&2), None);
        memo.put(3, "c");
        std::thread::sleep(Duration::from_millis(40));
        assert_eq!(memo.get(&3), None, "expired");
        let off = Memo::new(Duration::ZERO);
        off.put(3, "c");
        assert_eq!(off.get(&3), None, "a zero TTL keeps nothing");
    }

    #[test]
    fn a_full_map_evicts_one_entry_not_all() {
        let memo = Memo::bounded(Duration::from_secs(60), 3);
        for k in 0..3 {
            memo.put(k, k);
            std::thread::sleep(Duration::from_millis(2));
        }
        memo.put(3, 3);
        assert_eq!(memo.len(), 3, "bounded");
        assert_eq!(memo.get(&0), None, "the oldest went");
        assert_eq!((memo.get(&1), memo.get(&2), memo.get(&3)), (Some(1), Some(2), Some(3)), "the rest stayed");
        memo.put(2, 20);
        assert_eq!(memo.len(), 3, "replacing a key evicts nothing");
    }

    fn actor() -> Actor {
        Actor::from_row(1, "b@acme.example".into(), "B".into(), "buyer", (Some(1), Some("ACME".into()), Some("ACME".into())), "s".into()).unwrap()
    }

    #[test]
    fn revocable_reads_are_not_kept_unless_allowed() {
        let shared = ReadCache::new(Duration::from_secs(5), false);
        shared.sessions.put("s".into(), (actor(), 0, 0));
        assert_eq!(shared.sessions.get(&"s".into()), None, "several nodes: no session in memory");
        shared.kept.put((1, "k".into()), ("f".into(), "1".into(), None));
        assert!(shared.kept.get(&(1, "k".into())).is_some(), "first answers never change");
        shared.sites.put(1, vec![]);
        assert!(shared.sites.get(&1).is_some(), "sites are kept, and forgotten across nodes");
        shared.apply(Forget::parse(&Forget::Sites(1).payload()).unwrap());
        assert_eq!(shared.sites.get(&1), None);
        let alone = ReadCache::new(Duration::from_secs(5), true);
        alone.sessions.put("s".into(), (actor(), 0, 0));
        assert!(alone.sessions.get(&"s".into()).is_some());
    }

    #[test]
    fn forget_payloads_round_trip() {
        for f in [Forget::User(7), Forget::Account(3), Forget::Sites(42)] {
            assert_eq!(Forget::parse(&f.payload()), Some(f));
        }
        for bad in ["", "sites", "sites:x", "orders:1", "user:1:2"] {
            assert_eq!(Forget::parse(bad), None, "{bad}");
        }
    }
}
