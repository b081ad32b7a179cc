#![allow(dead_code)] // shared by several test binaries, each using a part
//! Test harness: the real router on a fresh, seeded SQLite database, driven
//! in-process (no network), with a fixed client address.

use app::server::db::Engine;
use app::server::seed::{seed_demo, DEMO_PASSWORD};
use app::server::testing::TestDb;
use app::server::{Db, Settings};
use axum::body::Body;
use axum::extract::connect_info::MockConnectInfo;
use axum::Router;
use http::{header, HeaderMap, Request, StatusCode};
use http_body_util::BodyExt;
use std::net::SocketAddr;
use tower::ServiceExt;

pub const HOST: &str = "portal.test";
pub const ORIGIN: &str = "http://portal.test";

pub struct TestApp {
    pub router: Router,
    pub db: Db,
    t: Option<TestDb>,
}

pub struct Reply {
    pub status: StatusCode,
    pub headers: HeaderMap,
    pub body: String,
}

impl Reply {
    pub fn header(&self, name: &str) -> String {
        self.headers.get(name).and_then(|v| v.to_str().ok()).unwrap_or("").to_string()
    }
    pub fn cookies(&self) -> Vec<String> {
        self.headers.get_all(header::SET_COOKIE).iter().filter_map(|v| v.to_str().ok()).map(String::from).collect()
    }
    /// The `name=value` of a cookie this reply sets.
    pub fn cookie(&self, name: &str) -> Option<String> {
        self.cookies().into_iter().find(|c| c.starts_with(&format!("{name}="))).map(|c| c.split(';').next().unwrap().to_string())
    }
}

/// One HTTP test, run once on SQLite and once on PostgreSQL:
/// `http_test!(name, |engine| { let app = TestApp::on(engine).await; ... });`
#[macro_export]
macro_rules! http_test {
    ($name:ident, |$engine:ident| $body:block) => {
        mod $name {
            #[allow(unused_imports)]
            use super::*;
            #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
            async fn sqlite() {
                let $engine = app::server::db::Engine::Sqlite;
                $body
            }
            #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
            async fn postgres() {
                let $engine = app::server::db::Engine::Postgres;
                $body
            }
        }
    };
}

impl TestApp {
    /// The app in demo mode on a fresh, seeded database of `engine`.
    pub async fn on(engine: Engine) -> TestApp {
        Self::with_settings_on(engine, Settings { demo: true, ..Settings::default() }).await
    }

    pub async fn with_settings_on(engine: Engine, settings: Settings) -> TestApp {
        let t = TestDb::new(engine).await;
        seed_demo(&t.db).await.unwrap();
        let options = server::leptos_options("../target/site", "127.0.0.1:3000".parse().unwrap());
        let router =
            server::router(server::state(t.db.clone(), settings, options, app::server::testing::temp_files())).layer(MockConnectInfo(SocketAddr::from(([10, 1, 2, 3], 40000))));
        TestApp { router, db: t.db.clone(), t: Some(t) }
    }

    pub async fn send(&self, req: Request<Body>) -> Reply {
        let res = self.router.clone().oneshot(req).await.unwrap();
        let status = res.status();
        let headers = res.headers().clone();
        let bytes = res.into_body().collect().await.unwrap().to_bytes();
        Reply { status, headers, body: String::from_utf8_lossy(&bytes).into_owned() }
    }

    /// Sends a request whose answer is a stream (server-sent events) and
    /// reads what arrives within `window`, then drops the connection.
    pub async fn stream(&self, req: Request<Body>, window: std::time::Duration) -> Reply {
        let res = self.router.clone().oneshot(req).await.unwrap();
        let (status, headers) = (res.status(), res.headers().clone());
        let mut body = res.into_body();
        let mut text = String::new();
        let until = tokio::time::Instant::now() + window;
        while let Ok(Some(Ok(frame))) = tokio::time::timeout_at(until, body.frame()).await {
            if let Some(data) = frame.data_ref() {
                text.push_str(&String::from_utf8_lossy(data));
            }
        }
        Reply { status, headers, body: text }
    }

    /// An ACME order in production with one shipment of part of its first
    /// line (carrier `sf`, tracking `SF-ACME-1`): (order id, shipment id).
    pub async fn acme_shipment(&self) -> (i64, i64) {
        self.shipment_of("ACME").await
    }

    /// The same for the account with this code (`buyer@<code>.example` orders).
    pub async fn shipment_of(&self, code: &str) -> (i64, i64) {
        use app::orders::server::service as orders;
        use app::shipments::server::service as shipments;
        let db = &self.db;
        let actor = |email: &'static str| app::server::testing::demo_actor(db, email);
        let site: i64 = sqlx::query_scalar("SELECT MIN(s.id) FROM sites s JOIN accounts a ON a.id = s.account_id WHERE a.code = $1").bind(code).fetch_one(&db.pool).await.unwrap();
        let buyer = app::server::testing::demo_actor(db, &format!("buyer@{}.example", code.to_lowercase())).await;
        let input = app::orders::OrderInput {
            site_id: Some(site),
            requested_date: Some(app::server::db::today() + time::Duration::days(60)),
            po_number: "PO-SHIPPED".into(),
            notes: String::new(),
            lines: vec![app::orders::OrderLineInput { sku: "FST-010".into(), quantity: 1_000, requested_date: None }],
        };
        let id = orders::place(db, &buyer, &input, "shipped", true).await.unwrap();
        orders::confirm(db, &actor("am@keyport.example").await, id, None, "").await.unwrap();
        let planner = actor("planner@keyport.example").await;
        let order = orders::start_production(db, &planner, id).await.unwrap();
        if shipments::carriers(db, &planner).await.unwrap().is_empty() {
            shipments::add_carrier(db, "sf", "SF Express").await.unwrap();
        }
        let ship = app::shipments::ShipmentInput {
            carrier: "sf".into(),
            mode: app::shipments::Mode::Road,
            tracking_number: format!("SF-{code}-1"),
            packages: 1,
            weight_grams: 1_000,
            ship_date: app::server::db::today(),
            eta: None,
            delivery_note: String::new(),
            lines: vec![app::shipments::ShipLineInput { line_key: order.lines[0].line_key, quantity: 100 }],
        };
        (id, shipments::create(db, &planner, id, &ship, "ship").await.unwrap().id)
    }

    pub async fn get(&self, path: &str, cookie: Option<&str>) -> Reply {
        // as a browser navigates: it accepts HTML (Leptos answers redirects with 302 only then)
        let mut req = Request::get(path).header(header::HOST, HOST).header(header::ACCEPT, "text/html,application/xhtml+xml,*/*;q=0.8");
        if let Some(c) = cookie {
            req = req.header(header::COOKIE, c);
        }
        self.send(req.body(Body::empty()).unwrap()).await
    }

    /// A form post as the page's JavaScript sends it (same origin).
    pub async fn post(&self, path: &str, form: &str, cookie: Option<&str>) -> Reply {
        self.post_from(path, form, cookie, Some(ORIGIN)).await
    }

    /// A JSON post, as the page sends server functions with structured input.
    pub async fn post_json(&self, path: &str, json: &str, cookie: Option<&str>) -> Reply {
        let mut req = Request::post(path).header(header::HOST, HOST).header(header::CONTENT_TYPE, "application/json").header(header::ORIGIN, ORIGIN);
        if let Some(c) = cookie {
            req = req.header(header::COOKIE, c);
        }
        self.send(req.body(Body::from(json.to_string())).unwrap()).await
    }

    pub async fn post_from(&self, path: &str, form: &str, cookie: Option<&str>, origin: Option<&str>) -> Reply {
        let mut req = Request::post(path).header(header::HOST, HOST).header(header::CONTENT_TYPE, "application/x-www-form-urlencoded");
        if let Some(o) = origin {
            req = req.header(header::ORIGIN, o);
        }
        if let Some(c) = cookie {
            req = req.header(header::COOKIE, c);
        }
        self.send(req.body(Body::from(form.to_string())).unwrap()).await
    }

    /// Signs in a demo user; returns the `kp_session=…` cookie.
    pub async fn sign_in(&self, email: &str) -> String {
        let reply = self.post("/sf/sign_in", &format!("email={email}&password={DEMO_PASSWORD}"), None).await;
        reply.cookie("kp_session").unwrap_or_else(|| panic!("sign-in of {email} failed: {} {}", reply.status, reply.body))
    }

    pub async fn id(&self, sql: &str, key: &str) -> i64 {
        sqlx::query_scalar(sql).bind(key).fetch_one(&self.db.pool).await.unwrap()
    }

    pub async fn cleanup(mut self) {
        if let Some(t) = self.t.take() {
            t.cleanup().await;
        }
    }
}

/// A multipart body: text fields, then the certificate if given (name, bytes).
pub fn multipart(fields: &[(&str, &str)], file: Option<(&str, &[u8])>) -> (String, Vec<u8>) {
    let boundary = "keyport-test-boundary-7f3a";
    let mut body = Vec::new();
    for (name, value) in fields {
        body.extend_from_slice(format!("--{boundary}\r\nContent-Disposition: form-data; name=\"{name}\"\r\n\r\n{value}\r\n").as_bytes());
    }
    if let Some((file_name, bytes)) = file {
        body.extend_from_slice(
            format!("--{boundary}\r\nContent-Disposition: form-data; name=\"certificate\"; filename=\"{file_name}\"\r\nContent-Type: application/octet-stream\r\n\r\n").as_bytes(),
        );
        body.extend_from_slice(bytes);
        body.extend_from_slice(b"\r\n");
    }
    body.extend_from_slice(format!("--{boundary}--\r\n").as_bytes());
    (format!("multipart/form-data; boundary={boundary}"), body)
}
