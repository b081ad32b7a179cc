//! Live updates: every domain event, as it commits, reaches the pages that
//! show what it changed (server-sent events, `server/src/live.rs`).
//!
//! One process (SQLite): an in-process broadcast, sent after the commit.
//! Several processes on one PostgreSQL: the event is announced with
//! `pg_notify` inside its own transaction — PostgreSQL delivers it at
//! commit, and only if it commits — and every process's listener passes it
//! on to its own broadcast, so a page served by one node hears of an event
//! received by another.

use serde::{Deserialize, Serialize};
use tokio::sync::broadcast;

/// The PostgreSQL channel.
pub const CHANNEL: &str = "keyport_live";

/// What a page needs to know to decide whether to read again.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, sqlx::FromRow)]
pub struct Signal {
    /// The domain event's id: streams resume after it (`Last-Event-ID`).
    pub id: i64,
    pub kind: String,
    pub account_id: i64,
    pub order_id: Option<i64>,
    pub subject_id: Option<i64>,
}

/// The process's broadcast of signals.
#[derive(Debug)]
pub struct Live {
    sender: broadcast::Sender<Signal>,
}

impl Default for Live {
    fn default() -> Self {
        // a stream more than this many signals behind is told to read afresh
        Live { sender: broadcast::channel(1024).0 }
    }
}

impl Live {
    pub fn subscribe(&self) -> broadcast::Receiver<Signal> {
        self.sender.subscribe()
    }

    /// Passes a committed signal to this process's streams.
    pub fn send(&self, signal: Signal) {
        // no receiver is not an error: nobody is watching
        let _ = self.sender.send(signal);
    }

    /// Streams open in this process.
    pub fn watchers(&self) -> usize {
        self.sender.receiver_count()
    }
}

/// Starts passing other nodes' events to this process's streams (on
/// PostgreSQL; with SQLite there are no other nodes).
pub fn start(db: &super::Db, url: &str) {
    if db.engine == super::db::Engine::Postgres {
        tokio::spawn(listen(url.to_string(), db.live.clone(), db.cache.clone()));
    }
}

/// On PostgreSQL: listens on [`CHANNEL`] for as long as the process runs,
/// passing each signal to `live`, and on the cache's channel, forgetting
/// what other nodes' writes made stale. sqlx's listener reconnects by itself
/// after a lost connection; a stream that missed signals meanwhile
/// catches up from the outbox when its browser reconnects.
pub async fn listen(url: String, live: std::sync::Arc<Live>, cache: std::sync::Arc<super::cache::ReadCache>) {
    loop {
        let mut listener = match sqlx::postgres::PgListener::connect(&url).await {
            Ok(l) => l,
            Err(e) => {
                tracing::warn!(error = %e, "live updates: cannot connect the listener; retrying");
                tokio::time::sleep(std::time::Duration::from_secs(2)).await;
                continue;
            }
        };
        if let Err(e) = listener.listen_all([CHANNEL, super::cache::CACHE_CHANNEL]).await {
            tracing::warn!(error = %e, "live updates: LISTEN failed; retrying");
            tokio::time::sleep(std::time::Duration::from_secs(2)).await;
            continue;
        }
        loop {
            match listener.recv().await {
                // another node's write made something stale here
                Ok(n) if n.channel() == super::cache::CACHE_CHANNEL => match super::cache::Forget::parse(n.payload()) {
                    Some(forget) => cache.apply(forget),
                    None => tracing::warn!(payload = n.payload(), "cache: unreadable notification"),
                },
                Ok(n) => match serde_json::from_str::<Signal>(n.payload()) {
                    Ok(signal) => live.send(signal),
                    Err(e) => tracing::warn!(error = %e, "live updates: unreadable notification"),
                },
                Err(e) => {
                    tracing::warn!(error = %e, "live updates: listener failed; reconnecting");
                    break;
                }
            }
        }
    }
}
