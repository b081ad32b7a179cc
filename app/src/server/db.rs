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
    /// Where writes go: on SQLite a pool of one connection, because SQLite
    /// has one writer anyway (see [`Db::begin`]); on PostgreSQL the pool.
    writes: AnyPool,
}

/// A write transaction; rolled back if dropped without `commit`.
pub struct Tx(Transaction<'static, Any>);

impl Tx {
    pub async fn commit(self) -> Result<(), sqlx::Error> {
        self.0.commit().await
    }
}

impl std::ops::Deref for Tx {
    type Target = sqlx::AnyConnection;
    fn deref(&self) -> &sqlx::AnyConnection {
        &self.0
    }
}

impl std::ops::DerefMut for Tx {
    fn deref_mut(&mut self) -> &mut sqlx::AnyConnection {
        &mut self.0
    }
}

/// SQLite's reading connections. Each sqlx SQLite connection is a thread;
/// on two cores more of them only switch more (measured on the orders list
/// page, 32 clients: 8 readers ~1,800 req/s with p99 30–32 ms, 3 readers
/// ~2,100 req/s with p99 22–25 ms).
const SQLITE_READERS: u32 = 3;

impl Db {
    /// Connects, applying SQLite's durability settings on every connection.
    pub async fn connect(url: &str) -> Result<Db, sqlx::Error> {
        sqlx::any::install_default_drivers();
        let engine = if url.starts_with("postgres") { Engine::Postgres } else { Engine::Sqlite };
        let (pool, writes) = match engine {
            Engine::Sqlite => {
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
        Ok(Db { pool, engine, cache: std::sync::Arc::new(super::cache::ReadCache::new(super::cache::ttl())), writes })
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
    /// writing connection in this process, not in SQLite's busy handler,
    /// which sleeps in growing steps (up to 100 ms) instead of waking a
    /// waiting writer when the lock is free (measured: placement through
    /// the API, 32 clients, p99 427 ms → 53 ms). A writer that waits never
    /// holds a reading connection meanwhile.
    pub async fn begin(&self) -> Result<Tx, AppError> {
        let tx = match self.engine {
            Engine::Sqlite => self.writes.begin_with("BEGIN IMMEDIATE").await,
            Engine::Postgres => self.writes.begin().await,
        };
        Ok(Tx(tx.map_err(db_error)?))
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
                    for pragma in [
                        "PRAGMA journal_mode = WAL",
                        "PRAGMA synchronous = FULL",
                        "PRAGMA foreign_keys = ON",
                        "PRAGMA busy_timeout = 5000",
                    ] {
                        conn.execute(pragma).await?;
                    }
                }
                Ok(())
            })
        })
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
