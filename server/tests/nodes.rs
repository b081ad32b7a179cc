//! Two real server processes on one PostgreSQL database, as several nodes
//! behind a load balancer run: a revocation made through one is in force
//! on the other at once — a revoked token, a signed-out session, a disabled
//! user. (Each node once kept these 5 s in memory: a token revoked on the
//! first kept answering 200 on the second.) What nodes do keep — an
//! account's sites — one node's write tells the others to forget, over
//! LISTEN/NOTIFY.

use app::server::db::Engine;
use app::server::testing::TestDb;
use std::net::SocketAddr;
use std::process::{Child, Command, Stdio};
use std::time::Duration;
use tokio::io::{AsyncReadExt, AsyncWriteExt};

/// A server process, killed when dropped.
struct Node {
    child: Child,
    addr: SocketAddr,
}

impl Drop for Node {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// A data directory of the test's own (uploaded files go there), never the crate's.
fn scratch_dir() -> String {
    std::env::temp_dir().join(format!("kp_node_data_{}", std::process::id())).display().to_string()
}

fn free_port() -> SocketAddr {
    std::net::TcpListener::bind("127.0.0.1:0").unwrap().local_addr().unwrap()
}

async fn start(url: &str) -> Node {
    let addr = free_port();
    let child = Command::new(env!("CARGO_BIN_EXE_server"))
        .args(["--database-url", url, "--listen", &addr.to_string(), "--site-root", "target/site", "--demo", "--log-level", "warn"])
        .args(["--data-dir", &scratch_dir()])
        .env("KEYPORT_CACHE_SECS", "60") // were anything kept, it would be kept long enough to show
        .stdout(Stdio::null())
        .spawn()
        .expect("start the server binary");
    let node = Node { child, addr };
    for _ in 0..300 {
        if let Ok((200, _, _)) = request(&node, "GET", "/readyz", &[], "").await {
            return node;
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    panic!("the node at {addr} did not become ready");
}

/// One HTTP/1.1 request; returns status, the raw header block and body.
async fn request(node: &Node, method: &str, path: &str, headers: &[(&str, &str)], body: &str) -> std::io::Result<(u16, String, String)> {
    let mut stream = tokio::net::TcpStream::connect(node.addr).await?;
    let mut head = format!("{method} {path} HTTP/1.1\r\nhost: {}\r\nconnection: close\r\ncontent-length: {}\r\n", node.addr, body.len());
    for (k, v) in headers {
        head.push_str(&format!("{k}: {v}\r\n"));
    }
    stream.write_all(format!("{head}\r\n{body}").as_bytes()).await?;
    let mut raw = Vec::new();
    stream.read_to_end(&mut raw).await?;
    let text = String::from_utf8_lossy(&raw).into_owned();
    let (head, body) = text.split_once("\r\n\r\n").unwrap_or((&text, ""));
    let status = head.split_whitespace().nth(1).and_then(|s| s.parse().ok()).unwrap_or(0);
    Ok((status, head.to_string(), body.to_string()))
}

async fn call(node: &Node, method: &str, path: &str, headers: &[(&str, &str)], body: &str) -> (u16, String) {
    let (status, _, body) = request(node, method, path, headers, body).await.expect("request");
    (status, body)
}

async fn token(node: &Node, email: &str) -> (i64, String) {
    let body = format!(r#"{{"email":"{email}","password":"keyport-demo-2026","name":"node test"}}"#);
    let (status, body) = call(node, "POST", "/api/v1/auth/token", &[("content-type", "application/json")], &body).await;
    assert_eq!(status, 201, "{body}");
    let v: serde_json::Value = serde_json::from_str(&body).unwrap();
    (v["id"].as_i64().unwrap(), v["token"].as_str().unwrap().to_string())
}

async fn sign_in(node: &Node, email: &str) -> String {
    let origin = format!("http://{}", node.addr);
    let form = format!("email={}&password=keyport-demo-2026", email.replace('@', "%40"));
    let (status, head, body) = request(node, "POST", "/sf/sign_in", &[("content-type", "application/x-www-form-urlencoded"), ("origin", &origin)], &form).await.unwrap();
    assert!(status < 400, "{status} {body}");
    head.lines()
        .find_map(|l| l.split_once(':').filter(|(name, _)| name.eq_ignore_ascii_case("set-cookie")).map(|(_, v)| v.trim().to_string()))
        .and_then(|c| c.split(';').next().map(str::to_string))
        .expect("a session cookie")
}

async fn orders_status(node: &Node, token: &str) -> u16 {
    call(node, "GET", "/api/v1/orders", &[("authorization", &format!("Bearer {token}"))], "").await.0
}

/// Whether the session cookie is signed in, asked of `node`.
async fn signed_in(node: &Node, cookie: &str) -> bool {
    let origin = format!("http://{}", node.addr);
    let headers = [("cookie", cookie), ("origin", origin.as_str()), ("content-type", "application/x-www-form-urlencoded")];
    call(node, "POST", "/sf/current_user", &headers, "").await.1.contains("viewer@acme.example")
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_revocation_on_one_node_holds_at_once_on_the_other() {
    let t = TestDb::new(Engine::Postgres).await;
    let a = start(&t.url).await;
    let b = start(&t.url).await;

    // a token, used on both nodes (each would now hold it in memory, if it kept any)
    let (id, secret) = token(&a, "buyer@acme.example").await;
    assert_eq!(orders_status(&a, &secret).await, 200);
    assert_eq!(orders_status(&b, &secret).await, 200);
    let (status, body) = call(&a, "DELETE", &format!("/api/v1/auth/tokens/{id}"), &[("authorization", &format!("Bearer {secret}"))], "").await;
    assert_eq!(status, 204, "{body}");
    assert_eq!(orders_status(&a, &secret).await, 401, "revoked where it was revoked");
    assert_eq!(orders_status(&b, &secret).await, 401, "and at once on the other node");

    // a session signed out on one node
    let cookie = sign_in(&a, "viewer@acme.example").await;
    assert!(signed_in(&a, &cookie).await && signed_in(&b, &cookie).await, "signed in on both");
    let origin = format!("http://{}", a.addr);
    call(&a, "POST", "/sf/sign_out", &[("cookie", &cookie), ("origin", &origin), ("content-type", "application/x-www-form-urlencoded")], "").await;
    assert!(!signed_in(&b, &cookie).await, "signed out on the other node at once");

    // a user disabled on one node: their token stops on the other
    let (_, receiver_token) = token(&b, "receiver@acme.example").await;
    assert_eq!(orders_status(&b, &receiver_token).await, 200);
    let admin = sign_in(&a, "admin@acme.example").await;
    let receiver: i64 = sqlx::query_scalar("SELECT id FROM users WHERE email = 'receiver@acme.example'").fetch_one(&t.db.pool).await.unwrap();
    let (status, body) = call(
        &a,
        "POST",
        "/sf/set_user_active",
        &[("cookie", &admin), ("origin", &origin), ("content-type", "application/x-www-form-urlencoded")],
        &format!("user_id={receiver}&active=false"),
    )
    .await;
    assert_eq!(status, 200, "{body}");
    assert_eq!(orders_status(&b, &receiver_token).await, 401, "the disabled user's token stops on the other node");

    // sites are kept in memory (60 s here) on every node: renamed through
    // one, the other is told over LISTEN/NOTIFY to forget them
    let buyer = sign_in(&b, "buyer@acme.example").await;
    let origin_b = format!("http://{}", b.addr);
    let form = [("cookie", buyer.as_str()), ("origin", origin_b.as_str()), ("content-type", "application/x-www-form-urlencoded")];
    let sites_on_b = || call(&b, "POST", "/sf/list_options", &form, "");
    let before = sites_on_b().await.1;
    assert!(before.contains("sites") && !before.contains("Renamed dock"), "{before}");
    let (acme, site): (i64, i64) =
        sqlx::query_as("SELECT a.id, MIN(s.id) FROM accounts a JOIN sites s ON s.account_id = a.id WHERE a.code = 'ACME' GROUP BY a.id").fetch_one(&t.db.pool).await.unwrap();
    let rename = format!("account_id={acme}&site_id={site}&name=Renamed+dock&address=Y&contact_name=Z&contact_phone=1");
    let (status, body) = call(&a, "POST", "/sf/save_site", &[("cookie", &admin), ("origin", &origin), ("content-type", "application/x-www-form-urlencoded")], &rename).await;
    assert_eq!(status, 200, "{body}");
    let mut seen = String::new();
    for _ in 0..20 {
        seen = sites_on_b().await.1;
        if seen.contains("Renamed dock") {
            break;
        }
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    assert!(seen.contains("Renamed dock"), "the other node still shows its kept sites: {seen}");

    drop((a, b));
    t.cleanup().await;
}

/// A real installation: the first administrator comes from a one-time link
/// printed by `create-admin`; a start without `--demo` refuses a database
/// that holds the demo users (their password is public).
#[tokio::test]
async fn first_start_and_the_demo_guard() {
    let dir = std::env::temp_dir().join(format!("kp_first_start_{}", std::process::id()));
    let url = format!("sqlite://{}/keyport.db", dir.display());
    let run = |args: &[&str]| {
        Command::new(env!("CARGO_BIN_EXE_server"))
            .args(["--database-url", &url, "--log-level", "error", "--data-dir", &scratch_dir()])
            .args(args)
            .env_remove("KEYPORT_DEMO")
            .output()
            .expect("run the server binary")
    };
    let made = run(&["create-admin", "--email", "it@supplier.example", "--name", "IT Admin"]);
    let out = String::from_utf8_lossy(&made.stdout);
    assert!(made.status.success(), "{out} {}", String::from_utf8_lossy(&made.stderr));
    assert!(out.contains("/invite/"), "a one-time link is printed: {out}");
    let again = run(&["create-admin", "--email", "it@supplier.example", "--name", "Again"]);
    assert!(!again.status.success(), "the same address twice is refused");

    // a database with the demo users: only --demo may serve it
    let demo_dir = std::env::temp_dir().join(format!("kp_demo_guard_{}", std::process::id()));
    let demo_url = format!("sqlite://{}/keyport.db", demo_dir.display());
    {
        let db = app::server::Db::connect(&demo_url).await.unwrap();
        db.migrate().await.unwrap();
        app::server::seed::seed_demo(&db).await.unwrap();
        db.close().await;
    }
    let refused = Command::new(env!("CARGO_BIN_EXE_server"))
        .args(["--database-url", &demo_url, "--listen", &free_port().to_string(), "--log-level", "error", "--data-dir", &scratch_dir()])
        .env_remove("KEYPORT_DEMO")
        .output()
        .expect("run the server binary");
    assert!(!refused.status.success(), "a production start on demo users must stop");
    assert!(String::from_utf8_lossy(&refused.stderr).contains("demo users"), "{}", String::from_utf8_lossy(&refused.stderr));
    let _ = std::fs::remove_dir_all(dir);
    let _ = std::fs::remove_dir_all(demo_dir);
}

/// Reads `node`'s event stream (as `token`'s user) until `wanted` shows up
/// in it, or `within` passes; returns everything read.
async fn watch(addr: SocketAddr, token: String, wanted: String, within: Duration) -> String {
    let mut stream = tokio::net::TcpStream::connect(addr).await.unwrap();
    let head = format!("GET /api/v1/events HTTP/1.1\r\nhost: {addr}\r\nauthorization: Bearer {token}\r\naccept: text/event-stream\r\n\r\n");
    stream.write_all(head.as_bytes()).await.unwrap();
    let mut seen = String::new();
    let until = tokio::time::Instant::now() + within;
    let mut buf = [0u8; 4096];
    while !seen.contains(&wanted) {
        match tokio::time::timeout_at(until, stream.read(&mut buf)).await {
            Ok(Ok(n)) if n > 0 => seen.push_str(&String::from_utf8_lossy(&buf[..n])),
            _ => break,
        }
    }
    seen
}

/// Live updates across nodes: a customer's page (here its event stream)
/// served by one node sees a shipment move when the carrier's events are
/// received by the other — PostgreSQL's NOTIFY carries them between the
/// two. The carrier is the simulator, signing as a real carrier would.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_carrier_event_received_by_one_node_reaches_a_stream_on_the_other() {
    let t = TestDb::new(Engine::Postgres).await;
    let a = start(&t.url).await;
    let b = start(&t.url).await;
    // an ACME shipment on its way, from the demo data
    let (shipment, carrier, tracking): (i64, String, String) = sqlx::query_as(
        "SELECT s.id, c.code, s.tracking_number FROM shipments s JOIN carriers c ON c.id = s.carrier_id JOIN accounts a ON a.id = s.account_id \
         WHERE a.code = 'ACME' AND s.status <> 'delivered' ORDER BY s.id LIMIT 1",
    )
    .fetch_one(&t.db.pool)
    .await
    .unwrap();
    let (_, acme) = token(&b, "buyer@acme.example").await;
    let (_, nova) = token(&b, "buyer@nova.example").await;
    let wanted = format!("\"subject_id\":{shipment}");
    let acme_watch = tokio::spawn(watch(b.addr, acme, wanted.clone(), Duration::from_secs(15)));
    let nova_watch = tokio::spawn(watch(b.addr, nova, wanted.clone(), Duration::from_secs(4)));
    tokio::time::sleep(Duration::from_millis(300)).await;
    let sim = Command::new(env!("CARGO_BIN_EXE_server"))
        .args(["simulate-carrier", "--url", &format!("http://{}", a.addr), "--carrier", &carrier, "--tracking", &tracking, "--interval", "0.2", "--repeat"])
        .output()
        .expect("run the simulator");
    let said = String::from_utf8_lossy(&sim.stdout);
    assert!(sim.status.success(), "{said} {}", String::from_utf8_lossy(&sim.stderr));
    assert!(said.contains("delivered → applied") && said.contains("retry → duplicate"), "{said}");
    let heard = acme_watch.await.unwrap();
    assert!(heard.contains(&wanted) && heard.contains("shipment."), "node B's stream never heard of node A's event: {heard}");
    let nova_heard = nova_watch.await.unwrap();
    let nova_body = nova_heard.split_once("\r\n\r\n").map_or("", |(_, body)| body);
    assert!(!nova_body.contains("data:"), "another account's stream hears nothing: {nova_body}");
    let status: String = sqlx::query_scalar("SELECT status FROM shipments WHERE id = $1").bind(shipment).fetch_one(&t.db.pool).await.unwrap();
    assert_eq!(status, "delivered");
    let (_, planner) = token(&a, "planner@keyport.example").await;
    let (code, body) = call(&b, "GET", &format!("/api/v1/shipments/{shipment}"), &[("authorization", &format!("Bearer {planner}"))], "").await;
    assert_eq!(code, 200);
    assert!(body.contains("\"status\":\"delivered\""), "{body}");
    drop((a, b));
    t.cleanup().await;
}
