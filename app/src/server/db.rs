//! The store's connection: one pool over SQLite or PostgreSQL through sqlx's
//! `Any` driver, so one set of SQL (with `$1` placeholders) serves both.
//! What differs between the engines stays in this file.
//!
//! Column conventions (the `Any` driver decodes only integers, floats, text
//! and bytes reliably): booleans are INTEGER 0/1, instants are i64 seconds
//! since the epoch (UTC), dates are `YYYY-MM-DD` text, money is i64 minor
//! units beside a currency code.

use crate::error::{AppError, Invalid};
use sqlx::any::AnyPoolOptions;
use sqlx::{Any, AnyPool, Executor, Transaction};
use std::time::Duration;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Engine {
    Sqlite,
    Postgres,
}

#[derive(Clone, Debug)]
pub struct Db {
    /// Reads (and, on PostgreSQL, writes too).
    pub pool: AnyPool,
    pub engine: Engine,
    /// Repeated reads kept for a few seconds (see `server::cache`).
    pub cache: std::sync::Arc<super::cache::ReadCache>,
    /// Committed domain events, for the pages watching (see `server::live`).
    pub live: std::sync::Arc<super::live::Live>,
    /// Where writes go: on SQLite a pool of one connection, because SQLite
    /// has one writer anyway (see [`Db::begin`]); on PostgreSQL the pool.
    writes: AnyPool,
    /// Writers' turns, first come first served (sqlx's pool does not
    /// promise an order: measured p99 400 ms with 16 writers queued on it).
    turns: std::sync::Arc<tokio::sync::Mutex<()>>,
    /// On SQLite, an exclusive lock on `<file>.lock`, held while the process
    /// runs: a second process on the same file is refused at start, so what
    /// this one keeps in memory can never be stale (see `server::cache`).
    _owner: Option<std::sync::Arc<std::fs::File>>,
}

/// A write transaction; rolled back if dropped without `commit`.
pub struct Tx {
    tx: Transaction<'static, Any>,
    /// On SQLite, this writer's turn, held until it commits or rolls back.
    _turn: Option<tokio::sync::OwnedMutexGuard<()>>,
    engine: Engine,
    live: std::sync::Arc<super::live::Live>,
    /// On SQLite, signals to pass on once the transaction has committed.
    signals: Vec<super::live::Signal>,
}

impl Tx {
    pub async fn commit(self) -> Result<(), sqlx::Error> {
        self.tx.commit().await?;
        for signal in self.signals {
            self.live.send(signal);
        }
        Ok(())
    }

    /// Announces a domain event to the pages watching, once (and only if)
    /// this transaction commits: on PostgreSQL to every node through
    /// `pg_notify`, which PostgreSQL holds until the commit; on SQLite to
    /// this process after `commit`.
    pub async fn signal(&mut self, signal: super::live::Signal) -> Result<(), AppError> {
        match self.engine {
            Engine::Postgres => {
                let payload = serde_json::to_string(&signal).map_err(|e| AppError::internal("live signal as JSON", e))?;
                sqlx::query("SELECT pg_notify($1, $2)").bind(super::live::CHANNEL).bind(payload).execute(&mut *self.tx).await.map_err(db_error)?;
            }
            Engine::Sqlite => self.signals.push(signal),
        }
        Ok(())
    }
}

impl std::ops::Deref for Tx {
    type Target = sqlx::AnyConnection;
    fn deref(&self) -> &sqlx::AnyConnection {
        &self.tx
    }
}

impl std::ops::DerefMut for Tx {
    fn deref_mut(&mut self) -> &mut sqlx::AnyConnection {
        &mut self.tx
    }
}

/// SQLite's reading connections, one per core. Each sqlx SQLite connection
/// is a thread, and on two cores more of them only switch more. Measured
/// at 32 clients, 1M orders: the list page with 8 connections shared by
/// readers and writers ~1,800 req/s, p99 30–32 ms; with 2–3 readers and the
/// writer apart 2,000–2,700 req/s, p99 18–25 ms. Placement through the API:
/// 6 readers ~920 req/s, 3 ~1,040, 2 ~1,070–1,240.
const SQLITE_READERS: u32 = 2;

impl Db {
    /// Connects, applying SQLite's durability settings on every connection.
    pub async fn connect(url: &str) -> Result<Db, sqlx::Error> {
        sqlx::any::install_default_drivers();
        let engine = if url.starts_with("postgres") { Engine::Postgres } else { Engine::Sqlite };
        let mut owner = None;
        let (pool, writes) = match engine {
            Engine::Sqlite => {
                owner = own_sqlite_file(url)?;
                let url = prepare_sqlite_url(url)?;
                // the writer first: its first connection creates the file
                let writes = pool_options(engine, 1).connect(&url).await?;
                (pool_options(engine, SQLITE_READERS).connect(&url).await?, writes)
            }
            Engine::Postgres => {
                let pool = pool_options(engine, 16).connect(url).await?;
                (pool.clone(), pool)
            }
        };
        // revocable reads are kept in memory only where this process is the
        // database's only user (see `server::cache`)
        let cache = super::cache::ReadCache::new(super::cache::ttl(), engine == Engine::Sqlite);
        Ok(Db { pool, engine, cache: std::sync::Arc::new(cache), live: Default::default(), writes, turns: Default::default(), _owner: owner })
    }

    /// Where a single-statement write goes (on SQLite, the one writer).
    pub fn writer(&self) -> &AnyPool {
        &self.writes
    }

    pub async fn migrate(&self) -> Result<(), sqlx::migrate::MigrateError> {
        match self.engine {
            Engine::Sqlite => sqlx::migrate!("../migrations/sqlite").run(&self.writes).await,
            Engine::Postgres => sqlx::migrate!("../migrations/postgres").run(&self.writes).await,
        }
    }

    /// A transaction for work that writes, on the writer. On SQLite it
    /// takes the write lock up front (`BEGIN IMMEDIATE`), so it never fails
    /// upgrading from reading to writing; and writers queue for the one
    /// writing connection in this process, in turn, not in SQLite's busy handler,
    /// which sleeps in growing steps (up to 100 ms) instead of waking a
    /// waiting writer when the lock is free (measured: placement through
    /// the API, 32 clients, p99 427 ms → 53 ms). A writer that waits never
    /// holds a reading connection meanwhile.
    ///
    /// The `BEGIN` runs in a task of its own, so a caller that goes away
    /// (a client disconnecting mid-request drops the handler) cannot cancel
    /// it halfway. sqlx has no `Transaction` to roll back when its begin
    /// future is dropped after the database began but before the answer was
    /// read; the connection went back to the pool inside a transaction, and
    /// every later write on SQLite's one writer failed ("begin_with at
    /// non-zero transaction depth"; found by `make bench` when wrk stopped
    /// 32 clients at once). Dropped here, a begun transaction rolls back.
    /// Forgets what a committed write made stale: in this process at once
    /// and, on PostgreSQL, in every other node's (they hear it on
    /// [`super::cache::CACHE_CHANNEL`]). A lost notice is logged; the entry
    /// still expires with its time to live.
    pub async fn forget(&self, forget: super::cache::Forget) {
        self.cache.apply(forget);
        if self.engine == Engine::Postgres {
            let sent = sqlx::query("SELECT pg_notify($1, $2)").bind(super::cache::CACHE_CHANNEL).bind(forget.payload()).execute(&self.pool).await;
            if let Err(e) = sent {
                tracing::warn!(error = %e, what = %forget.payload(), "could not tell the other nodes what to forget");
            }
        }
    }

    pub async fn begin(&self) -> Result<Tx, AppError> {
        let writes = self.writes.clone();
        let (tx, turn) = match self.engine {
            Engine::Sqlite => {
                let turn = self.turns.clone().lock_owned().await;
                (tokio::spawn(async move { writes.begin_with("BEGIN IMMEDIATE").await }).await, Some(turn))
            }
            Engine::Postgres => (tokio::spawn(async move { writes.begin().await }).await, None),
        };
        let tx = tx.map_err(|e| AppError::internal("beginning a transaction", e))?;
        Ok(Tx { tx: tx.map_err(db_error)?, _turn: turn, engine: self.engine, live: self.live.clone(), signals: Vec::new() })
    }

    /// Closes every connection (tests drop their database afterwards).
    pub async fn close(&self) {
        self.pool.close().await;
        self.writes.close().await;
    }

    pub async fn ping(&self) -> bool {
        sqlx::query("SELECT 1").execute(&self.pool).await.is_ok()
    }
}

/// A pool of `size` connections, with SQLite's settings on each.
fn pool_options(engine: Engine, size: u32) -> AnyPoolOptions {
    AnyPoolOptions::new()
        .max_connections(size)
        .acquire_timeout(Duration::from_secs(10))
        // A SQLite connection is a file handle that cannot go stale, so
        // the ping before every checkout (a round trip to its worker
        // thread) buys nothing there; a PostgreSQL connection can die.
        .test_before_acquire(engine == Engine::Postgres)
        .after_connect(move |conn, _| {
            Box::pin(async move {
                if engine == Engine::Sqlite {
                    // WAL: readers never wait for the writer. FULL: a committed
                    // order survives a power cut. busy_timeout: writers queue
                    // instead of failing.
                    for pragma in ["PRAGMA journal_mode = WAL", "PRAGMA synchronous = FULL", "PRAGMA foreign_keys = ON", "PRAGMA busy_timeout = 5000"] {
                        conn.execute(pragma).await?;
                    }
                }
                Ok(())
            })
        })
}

/// Locks `<file>.lock` beside a SQLite database file for this process, or
/// fails when another process holds it.
fn own_sqlite_file(url: &str) -> Result<Option<std::sync::Arc<std::fs::File>>, sqlx::Error> {
    let path = url.trim_start_matches("sqlite://").trim_start_matches("sqlite:");
    let file = path.split('?').next().unwrap_or("");
    if file.is_empty() || file == ":memory:" {
        return Ok(None);
    }
    if let Some(dir) = std::path::Path::new(file).parent().filter(|d| !d.as_os_str().is_empty()) {
        std::fs::create_dir_all(dir).map_err(sqlx::Error::Io)?;
    }
    let lock = std::fs::OpenOptions::new().create(true).truncate(false).write(true).open(format!("{file}.lock")).map_err(sqlx::Error::Io)?;
    match lock.try_lock() {
        Ok(()) => Ok(Some(std::sync::Arc::new(lock))),
        Err(std::fs::TryLockError::WouldBlock) => {
            Err(sqlx::Error::Configuration(format!("another Keyport process is using {file}; with SQLite one process serves a database (use PostgreSQL for several)").into()))
        }
        Err(std::fs::TryLockError::Error(e)) => Err(sqlx::Error::Io(e)),
    }
}

fn prepare_sqlite_url(url: &str) -> Result<String, sqlx::Error> {
    let path = url.trim_start_matches("sqlite://").trim_start_matches("sqlite:");
    let file = path.split('?').next().unwrap_or("");
    if file != ":memory:" && !file.is_empty() {
        if let Some(dir) = std::path::Path::new(file).parent() {
            if !dir.as_os_str().is_empty() {
                std::fs::create_dir_all(dir).map_err(sqlx::Error::Io)?;
            }
        }
    }
    Ok(if url.contains('?') { url.to_string() } else { format!("{url}?mode=rwc") })
}

/// Unique constraints a person can trip over, by the field they blame.
/// PostgreSQL names the constraint; SQLite names `table.column` in its message.
const UNIQUE_FIELDS: &[(&str, &str, &str)] = &[
    ("users_email_key", "users.email", "email"),
    ("accounts_code_key", "accounts.code", "code"),
    ("idempotency_keys_pkey", "idempotency_keys.", "idempotency_key"),
    ("change_requests_one_open", "change_requests.order_id", "change_request"),
    ("shipments_tracking_key", "shipments.carrier_id", "tracking_number"),
    ("carriers_code_key", "carriers.code", "code"),
];

/// Turns a database error into what a person may see: a unique violation
/// becomes "already in use" on its field; anything else is logged here and
/// shown only as "internal error".
pub fn db_error(err: sqlx::Error) -> AppError {
    if let sqlx::Error::Database(db) = &err {
        if db.is_unique_violation() {
            let (constraint, message) = (db.constraint().unwrap_or(""), db.message());
            for (pg, sqlite, field) in UNIQUE_FIELDS {
                if constraint == *pg || message.contains(sqlite) {
                    return AppError::field(field, Invalid::Taken);
                }
            }
        }
    }
    if let sqlx::Error::RowNotFound = err {
        return AppError::NotFound;
    }
    tracing::error!(error = %err, "database error");
    AppError::Internal
}

/// A guarded write (`UPDATE … WHERE id = $n AND status = $m`) found its
/// row as read; else `otherwise` — someone else moved it first.
pub fn one_row(done: sqlx::any::AnyQueryResult, otherwise: AppError) -> Result<(), AppError> {
    if done.rows_affected() == 1 {
        Ok(())
    } else {
        Err(otherwise)
    }
}

/// Booleans are stored as 0/1 integers on both engines.
pub fn flag(b: bool) -> i64 {
    i64::from(b)
}

/// Dates are stored as `YYYY-MM-DD` text on both engines.
pub fn date_text(date: time::Date) -> String {
    let f = time::macros::format_description!("[year]-[month]-[day]");
    date.format(&f).unwrap_or_default()
}

pub fn parse_date(text: &str) -> Option<time::Date> {
    let f = time::macros::format_description!("[year]-[month]-[day]");
    time::Date::parse(text, &f).ok()
}

/// Today's date in UTC.
pub fn today() -> time::Date {
    time::OffsetDateTime::now_utc().date()
}
