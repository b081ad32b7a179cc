//! Everything that runs only on the server (`ssr` feature): storage,
//! sessions, passwords and the services where business rules meet storage.
//! Nothing in here is compiled into the browser's WASM.

pub mod cache;
pub mod db;
pub mod filter;
pub mod live;
pub mod page;
pub mod purge;
pub mod request;
pub mod seed;
pub mod seed_history;
pub mod state;
#[cfg(any(test, feature = "testing"))]
pub mod testing;

pub use db::Db;
pub use request::Actor;
pub use state::{AppState, Settings};

/// Seconds since the Unix epoch: how instants are stored (see migrations).
pub fn now() -> i64 {
    time::OffsetDateTime::now_utc().unix_timestamp()
}
