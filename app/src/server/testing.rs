//! Test support: a fresh, migrated database per test on either engine.
//! PostgreSQL tests create their own database on the server named by
//! `KEYPORT_TEST_PG` (default `postgres://postgres@127.0.0.1:5432/postgres`)
//! and drop it in [`TestDb::cleanup`].

use super::db::{Db, Engine};
use sqlx::{Connection, Executor};
use std::sync::atomic::{AtomicU32, Ordering};

pub struct TestDb {
    pub db: Db,
    /// The database's URL, for a test that starts server processes on it.
    pub url: String,
    pg_name: Option<String>,
    sqlite_dir: Option<std::path::PathBuf>,
}

fn unique_name() -> String {
    static N: AtomicU32 = AtomicU32::new(0);
    let nanos = std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).map(|d| d.subsec_nanos()).unwrap_or(0);
    format!("kp_test_{}_{}_{}", std::process::id(), N.fetch_add(1, Ordering::Relaxed), nanos)
}

pub fn pg_admin_url() -> String {
    std::env::var("KEYPORT_TEST_PG").unwrap_or_else(|_| "postgres://postgres@127.0.0.1:5432/postgres".into())
}

impl TestDb {
    pub async fn new(engine: Engine) -> TestDb {
        sqlx::any::install_default_drivers();
        let name = unique_name();
        let (url, pg_name, sqlite_dir) = match engine {
            Engine::Sqlite => {
                let dir = std::env::temp_dir().join(&name);
                (format!("sqlite://{}/keyport.db", dir.display()), None, Some(dir))
            }
            Engine::Postgres => {
                let admin = pg_admin_url();
                let mut conn = sqlx::AnyConnection::connect(&admin).await.expect("PostgreSQL for tests (KEYPORT_TEST_PG)");
                conn.execute(format!("CREATE DATABASE {name}").as_str()).await.expect("create test database");
                conn.close().await.ok();
                let base = admin.rsplit_once('/').map(|(b, _)| b).unwrap_or(&admin);
                (format!("{base}/{name}"), Some(name), None)
            }
        };
        let db = Db::connect(&url).await.expect("connect test database");
        db.migrate().await.expect("migrate test database");
        TestDb { db, url, pg_name, sqlite_dir }
    }

    /// Closes the pool and removes the database.
    pub async fn cleanup(self) {
        self.db.close().await;
        if let Some(name) = self.pg_name {
            if let Ok(mut conn) = sqlx::AnyConnection::connect(&pg_admin_url()).await {
                let _ = conn.execute(format!("DROP DATABASE IF EXISTS {name} WITH (FORCE)").as_str()).await;
            }
        }
        if let Some(dir) = self.sqlite_dir {
            let _ = std::fs::remove_dir_all(dir);
        }
    }
}

/// A file store of its own in a fresh temporary directory.
pub fn temp_files() -> crate::attachments::server::Files {
    crate::attachments::server::Files::local(&std::env::temp_dir().join(format!("{}_files", unique_name()))).expect("temporary file store")
}

/// Runs one async test body against both engines:
/// `both_engines!(name, |db| async move { ... })` makes `name::sqlite` and `name::postgres`.
#[macro_export]
macro_rules! both_engines {
    ($name:ident, $body:expr) => {
        mod $name {
            #[allow(unused_imports)]
            use super::*;
            #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
            async fn sqlite() {
                let t = $crate::server::testing::TestDb::new($crate::server::db::Engine::Sqlite).await;
                ($body)(t.db.clone()).await;
                t.cleanup().await;
            }
            #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
            async fn postgres() {
                let t = $crate::server::testing::TestDb::new($crate::server::db::Engine::Postgres).await;
                ($body)(t.db.clone()).await;
                t.cleanup().await;
            }
        }
    };
}

/// Signs a demo user in and returns who they are, as a request would see them.
pub async fn demo_actor(db: &Db, email: &str) -> crate::server::request::Actor {
    use crate::auth::server::{service, session};
    let client = service::Client { ip: "10.0.0.7", user_agent: "test" };
    let settings = crate::server::Settings::default();
    let token = service::sign_in(db, &settings, email, crate::server::seed::DEMO_PASSWORD, &client).await.expect("demo sign-in");
    session::lookup(db, &settings, &token).await.expect("session lookup").expect("a live session")
}

/// An order of `quantity` × `sku` placed by `buyer@<code>.example` for
/// delivery in `days`, submitted, and confirmed by the account manager.
pub async fn confirmed_order(db: &Db, code: &str, sku: &str, quantity: i64, days: i64, key: &str) -> i64 {
    use crate::orders::server::service as orders;
    let buyer = demo_actor(db, &format!("buyer@{}.example", code.to_lowercase())).await;
    let site: i64 =
        sqlx::query_scalar("SELECT MIN(s.id) FROM sites s JOIN accounts a ON a.id = s.account_id WHERE a.code = $1").bind(code).fetch_one(&db.pool).await.expect("a site");
    let input = crate::orders::OrderInput {
        site_id: Some(site),
        requested_date: Some(crate::server::db::today() + time::Duration::days(days)),
        po_number: format!("PO-{key}"),
        notes: String::new(),
        lines: vec![crate::orders::OrderLineInput { sku: sku.into(), quantity, requested_date: None }],
    };
    let id = orders::place(db, &buyer, &input, key, true).await.expect("placed");
    orders::confirm(db, &demo_actor(db, "am@keyport.example").await, id, None, "").await.expect("confirmed");
    id
}
