//! The REST API: tokens, catalog, orders with idempotency, ETags, the
//! negotiation actions, problem+json errors, and tenant isolation.

mod support;

use axum::body::Body;
use http::Request;
use serde_json::{json, Value};
use support::{Reply, TestApp, HOST};

async fn call(app: &TestApp, method: &str, path: &str, token: Option<&str>, headers: &[(&str, &str)], body: Option<Value>) -> Reply {
    let mut req = Request::builder().method(method).uri(path).header("host", HOST);
    if let Some(t) = token {
        req = req.header("authorization", format!("Bearer {t}"));
    }
    for (k, v) in headers {
        req = req.header(*k, *v);
    }
    let body = match body {
        Some(b) => {
            req = req.header("content-type", "application/json");
            Body::from(b.to_string())
        }
        None => Body::empty(),
    };
    app.send(req.body(body).unwrap()).await
}

fn json_of(r: &Reply) -> Value {
    serde_json::from_str(&r.body).unwrap_or_else(|_| panic!("not JSON ({}): {}", r.status, r.body))
}

async fn token(app: &TestApp, email: &str) -> String {
    let r = call(app, "POST", "/api/v1/auth/token", None, &[], Some(json!({"email": email, "password": "keyport-demo-2026", "name": "ERP"}))).await;
    assert_eq!(r.status, 201, "{}", r.body);
    json_of(&r)["token"].as_str().unwrap().to_string()
}

fn order_body(site: i64, qty: i64) -> Value {
    json!({"site_id": site, "requested_date": null, "po_number": "ERP-1", "notes": "", "lines": [{"sku": "FST-010", "quantity": qty, "requested_date": null}]})
}

http_test!(tokens_are_issued_listed_and_revoked, |engine| {
    let app = TestApp::on(engine).await;
    let bad = call(&app, "POST", "/api/v1/auth/token", None, &[], Some(json!({"email": "buyer@acme.example", "password": "nope-nope-nope"}))).await;
    assert_eq!(bad.status, 401);
    assert_eq!(bad.header("content-type"), "application/problem+json");
    let p = json_of(&bad);
    assert_eq!((p["status"].as_i64(), p["title"].as_str()), (Some(401), Some("Wrong e-mail or password.")));
    assert_eq!(call(&app, "POST", "/api/v1/auth/token", None, &[], None).await.status, 400, "no body");

    let t = token(&app, "buyer@acme.example").await;
    assert!(t.starts_with("kp_"));
    let listed = json_of(&call(&app, "GET", "/api/v1/auth/tokens", Some(&t), &[], None).await);
    let id = listed["tokens"][0]["id"].as_i64().unwrap();
    assert_eq!(listed["tokens"][0]["name"], "ERP");
    assert!(!listed.to_string().contains(&t), "secrets are never listed");
    let other = token(&app, "buyer@nova.example").await;
    assert_eq!(call(&app, "DELETE", &format!("/api/v1/auth/tokens/{id}"), Some(&other), &[], None).await.status, 404, "not theirs");
    assert_eq!(call(&app, "DELETE", &format!("/api/v1/auth/tokens/{id}"), Some(&t), &[], None).await.status, 204);
    let after = call(&app, "GET", "/api/v1/orders", Some(&t), &[], None).await;
    assert_eq!(after.status, 401, "a revoked token opens nothing");
    assert_eq!(call(&app, "GET", "/api/v1/orders", None, &[], None).await.status, 401);
    assert_eq!(call(&app, "GET", "/api/v1/orders", Some("kp_forged"), &[], None).await.status, 401);
    app.cleanup().await;
});

http_test!(orders_are_created_once_per_key_and_carry_etags, |engine| {
    let app = TestApp::on(engine).await;
    let t = token(&app, "buyer@acme.example").await;
    let site = app.id("SELECT MIN(id) FROM sites WHERE account_id = (SELECT id FROM accounts WHERE code = $1)", "ACME").await;

    let missing = call(&app, "POST", "/api/v1/orders", Some(&t), &[], Some(order_body(site, 100))).await;
    assert_eq!((missing.status.as_u16(), missing.header("content-type").as_str()), (400, "application/problem+json"));
    let first = call(&app, "POST", "/api/v1/orders", Some(&t), &[("idempotency-key", "erp-77")], Some(order_body(site, 100))).await;
    assert_eq!(first.status, 201, "{}", first.body);
    let order = json_of(&first);
    let id = order["id"].as_i64().unwrap();
    assert_eq!(first.header("location"), format!("/api/v1/orders/{id}"));
    let read = call(&app, "GET", &format!("/api/v1/orders/{id}"), Some(&t), &[], None).await;
    assert_eq!(json_of(&read), order, "the kept answer is the order as stored");
    assert_eq!(read.header("etag"), first.header("etag"));
    assert!(order["number"].as_str().unwrap().starts_with("SO-"));
    let again = call(&app, "POST", "/api/v1/orders", Some(&t), &[("idempotency-key", "erp-77")], Some(order_body(site, 100))).await;
    assert_eq!((again.status.as_u16(), again.body.as_str()), (201, first.body.as_str()), "same key, same body: the first response again");
    // still the first response after the order moved on
    assert_eq!(call(&app, "POST", &format!("/api/v1/orders/{id}/cancel"), Some(&t), &[], Some(json!({"reason": "test"}))).await.status, 200);
    let later = call(&app, "POST", "/api/v1/orders", Some(&t), &[("idempotency-key", "erp-77")], Some(order_body(site, 100))).await;
    assert_eq!((later.status.as_u16(), later.body.as_str(), later.header("etag")), (201, first.body.as_str(), first.header("etag")));
    assert_eq!(json_of(&later)["status"], "draft");
    let other = call(&app, "POST", "/api/v1/orders", Some(&t), &[("idempotency-key", "erp-77")], Some(order_body(site, 150))).await;
    assert_eq!(other.status, 422, "same key, other body");
    let bad = call(&app, "POST", "/api/v1/orders", Some(&t), &[("idempotency-key", "erp-78")], Some(json!({"lines": "nope"}))).await;
    assert_eq!(bad.status, 400);
    let invalid = call(
        &app,
        "POST",
        "/api/v1/orders",
        Some(&t),
        &[("idempotency-key", "erp-79")],
        Some(json!({"site_id": site, "requested_date": null, "po_number": "", "notes": "", "lines": [{"sku": "NOPE", "quantity": 1, "requested_date": null}]})),
    )
    .await;
    assert_eq!(invalid.status, 422);
    assert_eq!(json_of(&invalid)["errors"][0]["field"], "lines.0.sku");
    let count: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM orders").fetch_one(&app.db.pool).await.unwrap();
    assert_eq!(count, 1);

    let got = call(&app, "GET", &format!("/api/v1/orders/{id}"), Some(&t), &[], None).await;
    let etag = got.header("etag");
    assert!(etag.starts_with('"'));
    let cached = call(&app, "GET", &format!("/api/v1/orders/{id}"), Some(&t), &[("if-none-match", &etag)], None).await;
    assert_eq!(cached.status, 304);
    let list = json_of(&call(&app, "GET", "/api/v1/orders?status=cancelled", Some(&t), &[], None).await);
    assert_eq!(list["orders"][0]["id"].as_i64(), Some(id));
    assert_eq!(call(&app, "GET", "/api/v1/orders?status=lost", Some(&t), &[], None).await.status, 422);

    let check = json_of(&call(&app, "POST", "/api/v1/orders/feasibility", Some(&t), &[], Some(order_body(site, 120))).await);
    assert_eq!(check["report"]["lines"][0]["issues"][0], json!({"NotPackMultiple": {"pack": 50}}));
    assert_eq!(check["submittable"], false);
    app.cleanup().await;
});

http_test!(negotiation_over_the_api_with_if_match, |engine| {
    let app = TestApp::on(engine).await;
    let buyer = token(&app, "buyer@acme.example").await;
    let am = token(&app, "am@keyport.example").await;
    let nova = token(&app, "buyer@nova.example").await;
    let site = app.id("SELECT MIN(id) FROM sites WHERE account_id = (SELECT id FROM accounts WHERE code = $1)", "ACME").await;
    let mut body = order_body(site, 1_000);
    body["requested_date"] = json!((app::server::db::today() + time::Duration::days(60)).to_string());
    let created = json_of(&call(&app, "POST", "/api/v1/orders", Some(&buyer), &[("idempotency-key", "n-1")], Some(body)).await);
    let id = created["id"].as_i64().unwrap();
    let path = |a: &str| format!("/api/v1/orders/{id}/{a}");

    // another account's order does not exist for them, on every door
    assert_eq!(call(&app, "GET", &format!("/api/v1/orders/{id}"), Some(&nova), &[], None).await.status, 404);
    for action in ["submit", "cancel", "accept-counter", "decline-counter"] {
        let r = call(&app, "POST", &path(action), Some(&nova), &[], Some(json!({"reason": "x"}))).await;
        assert_eq!(r.status, 404, "{action}: {}", r.body);
    }
    assert!(!call(&app, "GET", "/api/v1/orders", Some(&nova), &[], None).await.body.contains(&format!("\"id\":{id},")));

    let submitted = call(&app, "POST", &path("submit"), Some(&buyer), &[], None).await;
    assert_eq!(json_of(&submitted)["status"], "submitted");
    assert_eq!(call(&app, "POST", &path("confirm"), Some(&buyer), &[], Some(json!({}))).await.status, 403);
    assert_eq!(call(&app, "POST", &path("confirm"), Some(&am), &[], None).await.status, 400, "the body is required");
    let too_long = json!({"reason": "x".repeat(app::limits::REASON_MAX + 1)});
    let r = call(&app, "POST", &path("cancel"), Some(&buyer), &[("if-match", "\"0000\"")], Some(too_long)).await;
    assert_eq!((r.status.as_u16(), json_of(&r)["errors"][0]["field"].as_str()), (422, Some("reason")), "bounds before the precondition");
    assert_eq!(call(&app, "GET", "/api/v1/orders?to=", Some(&buyer), &[], None).await.status, 422, "an empty date is not a date");
    let later = (app::server::db::today() + time::Duration::days(120)).to_string();
    let stale = call(&app, "POST", &path("counter"), Some(&am), &[("if-match", "\"0000\"")], Some(json!({"date": later, "message": "later"}))).await;
    assert_eq!(stale.status, 412);
    let fresh = submitted.header("etag");
    let countered = call(&app, "POST", &path("counter"), Some(&am), &[("if-match", &fresh)], Some(json!({"date": later, "message": "later"}))).await;
    assert_eq!(json_of(&countered)["status"], "countered", "{}", countered.body);
    let accepted = json_of(&call(&app, "POST", &path("accept-counter"), Some(&buyer), &[], None).await);
    assert_eq!((accepted["status"].as_str(), accepted["promised_date"].as_str()), (Some("confirmed"), Some(later.as_str())));
    assert_eq!(call(&app, "POST", &path("submit"), Some(&buyer), &[], None).await.status, 409, "not in this status");
    assert_eq!(call(&app, "POST", &path("fly"), Some(&buyer), &[], None).await.status, 404);
    let produced = json_of(&call(&app, "POST", &path("start-production"), Some(&am), &[], None).await);
    assert_eq!(produced["status"], "in_production");
    assert_eq!(produced["events"].as_array().unwrap().len(), 5);
    app.cleanup().await;
});

http_test!(products_come_at_the_callers_price, |engine| {
    let app = TestApp::on(engine).await;
    let acme = token(&app, "buyer@acme.example").await;
    let nova = token(&app, "buyer@nova.example").await;
    let product = app.id("SELECT id FROM products WHERE sku = $1", "BRG-010").await;
    let account = app.id("SELECT id FROM accounts WHERE code = $1", "ACME").await;
    sqlx::query("INSERT INTO price_agreements (account_id, product_id, unit_price_minor, currency, valid_from, created_at) VALUES ($1, $2, 1234, 'CNY', '2020-01-01', 0)")
        .bind(account)
        .bind(product)
        .execute(&app.db.pool)
        .await
        .unwrap();
    let price = |v: &Value| v["products"][0]["unit_price_minor"].as_i64();
    let a = json_of(&call(&app, "GET", "/api/v1/products?q=brg-010", Some(&acme), &[], None).await);
    let n = json_of(&call(&app, "GET", "/api/v1/products?q=brg-010", Some(&nova), &[], None).await);
    assert_eq!(price(&a), Some(1234));
    assert_ne!(price(&n), Some(1234), "never another account's price");
    let page1 = json_of(&call(&app, "GET", "/api/v1/products?limit=20", Some(&acme), &[], None).await);
    let cursor = page1["next_cursor"].as_str().unwrap().to_string();
    let page3 = json_of(&call(&app, "GET", &format!("/api/v1/products?limit=40&cursor={cursor}"), Some(&acme), &[], None).await);
    assert_eq!(page1["products"].as_array().unwrap().len() + page3["products"].as_array().unwrap().len(), 50);
    assert!(page3["next_cursor"].is_null());
    app.cleanup().await;
});

/// The document's operations as (METHOD, path).
fn documented(doc: &Value) -> std::collections::BTreeSet<(String, String)> {
    let mut ops = std::collections::BTreeSet::new();
    for (path, item) in doc["paths"].as_object().unwrap() {
        for method in ["get", "post", "put", "patch", "delete"] {
            if item.get(method).is_some() {
                ops.insert((method.to_uppercase(), path.clone()));
            }
        }
    }
    ops
}

/// Every operation the API serves, from the router's own registration
/// (each route and its description are registered together).
fn operations() -> Vec<(String, String)> {
    documented(&server::api::document()).into_iter().collect()
}

http_test!(the_router_and_the_document_agree, |engine| {
    let app = TestApp::on(engine).await;
    let doc = json_of(&call(&app, "GET", "/api/v1/openapi.json", None, &[], None).await);
    assert_eq!(doc["openapi"], "3.1.0");
    assert_eq!(documented(&doc), documented(&server::api::document()), "the document served is the router's");
    assert!(operations().len() >= 17, "{:?}", operations());
    // utoipa names a body's schema by its type's name, and two types of one
    // name overwrite each other: each body still describes its own fields
    let body_of = |path: &str| {
        let reference = doc["paths"][path]["post"]["requestBody"]["content"]["application/json"]["schema"]["$ref"].as_str().unwrap_or_else(|| panic!("{path}")).to_string();
        doc["components"]["schemas"][reference.rsplit('/').next().unwrap()].clone()
    };
    assert!(body_of("/orders/{id}/counter")["properties"].get("quantities").is_some());
    assert!(body_of("/change-requests/{id}/counter")["properties"].get("changes").is_some());
    assert!(body_of("/orders/{id}/reject")["properties"].get("reason").is_some());

    // every listed operation is routed (never the fallback, never 405), with the caller's own ids
    let t = token(&app, "buyer@acme.example").await;
    let spare = json_of(&call(&app, "POST", "/api/v1/auth/token", None, &[], Some(json!({"email": "buyer@acme.example", "password": "keyport-demo-2026", "name": "spare"}))).await);
    let site = app.id("SELECT MIN(id) FROM sites WHERE account_id = (SELECT id FROM accounts WHERE code = $1)", "ACME").await;
    let order = json_of(&call(&app, "POST", "/api/v1/orders", Some(&t), &[("idempotency-key", "routed")], Some(order_body(site, 100))).await);
    for (method, path) in operations() {
        if path == "/events" {
            // a stream never ends: read its start
            let req = Request::get("/api/v1/events").header("host", HOST).header("authorization", format!("Bearer {t}")).body(Body::empty()).unwrap();
            let r = app.stream(req, std::time::Duration::from_millis(200)).await;
            assert_eq!((r.status.as_u16(), r.header("content-type").as_str()), (200, "text/event-stream"));
            continue;
        }
        let id = if path.starts_with("/auth/tokens/") { spare["id"].as_i64().unwrap() } else { order["id"].as_i64().unwrap() };
        let r = call(&app, &method, &format!("/api/v1{}", path.replace("{id}", &id.to_string())), Some(&t), &[("idempotency-key", "routed-2")], Some(json!({}))).await;
        assert_ne!(r.status, 405, "{method} {path}");
        assert!(!r.body.contains(server::api::NO_SUCH_ROUTE), "{method} {path} is not routed");
    }
    let unknown = call(&app, "GET", "/api/v1/complaints", Some(&t), &[], None).await;
    assert!(unknown.status == 404 && unknown.body.contains(server::api::NO_SUCH_ROUTE));
    app.cleanup().await;
});

// Every operation, called with NOVA's token and ACME's ids, answers "not
// found" (or "forbidden" for what a buyer never does, or only NOVA's own
// data) and changes nothing of ACME's. The cases are keyed by the
// operation list: an operation without a case fails this test.
http_test!(no_rest_operation_reaches_another_account, |engine| {
    let app = TestApp::on(engine).await;
    let acme = token(&app, "buyer@acme.example").await;
    let nova = token(&app, "buyer@nova.example").await;
    let acme_site = app.id("SELECT MIN(id) FROM sites WHERE account_id = (SELECT id FROM accounts WHERE code = $1)", "ACME").await;
    let mut body = order_body(acme_site, 100);
    body["requested_date"] = json!((time::OffsetDateTime::now_utc().date() + time::Duration::days(60)).to_string());
    let created = json_of(&call(&app, "POST", "/api/v1/orders", Some(&acme), &[("idempotency-key", "acme-1")], Some(body)).await);
    let (acme_order, acme_number) = (created["id"].as_i64().unwrap(), created["number"].as_str().unwrap().to_string());
    let acme_token = app.id("SELECT MIN(id) FROM api_tokens WHERE user_id = (SELECT id FROM users WHERE email = $1)", "buyer@acme.example").await;
    // ACME's order submitted, with a change request pending: its manager has a notification
    assert_eq!(call(&app, "POST", &format!("/api/v1/orders/{acme_order}/submit"), Some(&acme), &[], None).await.status, 200);
    let line = created["lines"][0]["line_key"].as_i64().unwrap();
    let change = json!({"base_version": 1, "reason": "more", "changes": [{"kind": "quantity", "line_key": line, "quantity": 150}]});
    let cr = json_of(&call(&app, "POST", &format!("/api/v1/orders/{acme_order}/change-requests"), Some(&acme), &[("idempotency-key", "acme-cr")], Some(change.clone())).await);
    let acme_cr = cr["id"].as_i64().unwrap_or_else(|| panic!("{cr}"));
    let acme_note = app.id("SELECT MIN(n.id) FROM notifications n JOIN users u ON u.id = n.user_id WHERE u.email = $1", "am@keyport.example").await;
    let preview = Some(json!({"order_id": acme_order, "base_version": 1, "reason": "x", "changes": change["changes"]}));
    let (shipped_order, acme_shipment) = app.acme_shipment().await;
    let ship = Some(
        json!({"carrier": "sf", "mode": "road", "tracking_number": "X1", "packages": 1, "weight_grams": 10, "ship_date": "2026-01-01", "eta": null, "delivery_note": "", "lines": [{"line_key": 1, "quantity": 1}]}),
    );
    // an ACME certificate, for the file door
    let acme_file = {
        let planner = app::server::testing::demo_actor(&app.db, "planner@keyport.example").await;
        let input = app::quality::InspectionInput {
            sku: String::new(),
            lot: "L".into(),
            inspected_on: app::server::db::today(),
            sample_size: 1,
            defects: vec![],
            passed: true,
            inspector: "x".into(),
            note: String::new(),
        };
        let pdf = app::attachments::server::service::Upload { name: "c.pdf".into(), bytes: app::quality::server::demo::certificate_pdf("x").into() };
        let files = app::server::testing::temp_files();
        let made = app::quality::server::service::record(&app.db, &files, &planner, shipped_order, input, Some(pdf), "acme-cert").await.unwrap();
        made.certificate.unwrap().id
    };
    let step = Some(json!({"kind": "at_hub", "at": 1, "place": "", "note": "", "eta": null}));
    let reason = Some(json!({"reason": "x", "message": "x", "date": null, "quantities": []}));
    // (method, path) -> (body, status)
    let cases: std::collections::BTreeMap<(&str, &str), (Option<Value>, u16)> = std::collections::BTreeMap::from([
        (("POST", "/auth/token"), (Some(json!({"email": "buyer@acme.example", "password": "a-guess-1234", "name": "x"})), 401)),
        (("GET", "/auth/tokens"), (None, 200)),
        (("DELETE", "/auth/tokens/{id}"), (None, 404)),
        (("GET", "/products"), (None, 200)),
        (("GET", "/orders"), (None, 200)),
        (("POST", "/orders"), (Some(order_body(acme_site, 100)), 422)),
        (("POST", "/orders/feasibility"), (Some(order_body(acme_site, 100)), 200)),
        (("GET", "/orders/{id}"), (None, 404)),
        (("POST", "/orders/{id}/submit"), (None, 404)),
        (("POST", "/orders/{id}/confirm"), (reason.clone(), 403)),
        (("POST", "/orders/{id}/counter"), (reason.clone(), 403)),
        (("POST", "/orders/{id}/reject"), (reason.clone(), 403)),
        (("POST", "/orders/{id}/accept-counter"), (None, 404)),
        (("POST", "/orders/{id}/decline-counter"), (reason.clone(), 404)),
        (("POST", "/orders/{id}/cancel"), (reason.clone(), 404)),
        (("POST", "/orders/{id}/start-production"), (None, 403)),
        (("GET", "/openapi.json"), (None, 200)),
        (("GET", "/orders/{id}/change-requests"), (None, 404)),
        (("POST", "/orders/{id}/change-requests"), (Some(change.clone()), 404)),
        (("POST", "/change-requests/preview"), (preview, 404)),
        (("GET", "/change-requests"), (None, 403)),
        (("GET", "/change-requests/{id}"), (None, 404)),
        (("POST", "/change-requests/{id}/approve"), (reason.clone(), 404)),
        (("POST", "/change-requests/{id}/reject"), (reason.clone(), 404)),
        (("POST", "/change-requests/{id}/counter"), (Some(json!({"changes": [], "message": "x"})), 404)),
        (("POST", "/change-requests/{id}/accept-counter"), (None, 404)),
        (("POST", "/change-requests/{id}/withdraw"), (reason.clone(), 404)),
        (("POST", "/change-requests/{id}/rebase"), (None, 404)),
        (("GET", "/orders/{id}/versions"), (None, 404)),
        (("GET", "/orders/{id}/versions/{n}"), (None, 404)),
        (("GET", "/orders/{id}/diff"), (None, 404)),
        (("GET", "/notifications"), (None, 200)),
        (("POST", "/notifications/{id}/read"), (None, 404)),
        (("POST", "/notifications/read-all"), (None, 200)),
        (("GET", "/notifications/settings"), (None, 200)),
        (("PUT", "/notifications/settings"), (Some(json!({"muted": []})), 200)),
        (("GET", "/shipments"), (None, 200)),
        (("GET", "/shipments/{id}"), (None, 404)),
        (("GET", "/orders/{id}/shipments"), (None, 404)),
        (("POST", "/orders/{id}/shipments"), (ship, 403)),
        (("POST", "/shipments/{id}/events"), (step, 403)),
        (("GET", "/carriers"), (None, 403)),
        (("GET", "/carrier-events/parked"), (None, 403)),
        // signed by carriers, not by tokens: a customer's token is no signature
        (("POST", "/carriers/{carrier}/events"), (Some(json!({})), 401)),
        (("GET", "/events"), (None, 200)),
        (("GET", "/orders/{id}/plan"), (None, 404)),
        (("GET", "/orders/{id}/inspections"), (None, 404)),
        (("GET", "/plans"), (None, 403)),
        (("GET", "/rates"), (None, 403)),
        (("PUT", "/rates"), (None, 403)),
        (("GET", "/rates.csv"), (None, 403)),
        (("GET", "/orders/{id}/shipping-options"), (None, 404)),
        (("PUT", "/orders/{id}/shipping-choice"), (Some(json!({"rate_id": 1, "reason": "x"})), 403)),
        (("POST", "/orders/{id}/inspections"), (None, 403)),
        (("GET", "/files/{id}"), (None, 404)),
        (
            ("PUT", "/orders/{id}/plan/{stage}"),
            (Some(json!({"stage": "qc", "planned_start": "2027-01-01", "planned_end": "2027-01-02", "actual_start": null, "actual_end": null, "department": "", "note": ""})), 403),
        ),
    ]);
    // the router's operations, both ways: each has a case, each case an operation
    let served = operations();
    for (method, path) in cases.keys() {
        assert!(served.iter().any(|(m, p)| m == method && p == path), "{method} {path} is not served");
    }
    for (method, path) in &served {
        let (method, path) = (method.as_str(), path.as_str());
        let (body, status) = cases.get(&(method, path)).unwrap_or_else(|| panic!("{method} {path} has no cross-account case"));
        let id = if path.starts_with("/auth/tokens/") {
            acme_token
        } else if path.starts_with("/shipments/") {
            acme_shipment
        } else if path.starts_with("/files/") {
            acme_file
        } else if path == "/orders/{id}/shipments"
            || path.starts_with("/orders/{id}/plan")
            || path.starts_with("/orders/{id}/inspections")
            || path.starts_with("/orders/{id}/shipping")
        {
            shipped_order
        } else if path.starts_with("/change-requests/") {
            acme_cr
        } else if path.starts_with("/notifications/") {
            acme_note
        } else {
            acme_order
        };
        let url = format!("/api/v1{}", path.replace("{id}", &id.to_string()).replace("{n}", "1").replace("{carrier}", "sf").replace("{stage}", "qc"))
            + match (method, path) {
                ("GET", "/orders") => "?account_id=1&search=SO",
                ("GET", "/shipments") => "?account_id=1&search=SF",
                ("GET", "/events") => "?after=0",
                _ => "",
            };
        if path == "/events" {
            // NOVA's stream, from the start of the outbox: none of ACME's events
            let req = Request::get(&url).header("host", HOST).header("authorization", format!("Bearer {nova}")).body(Body::empty()).unwrap();
            let r = app.stream(req, std::time::Duration::from_millis(300)).await;
            assert_eq!(r.status.as_u16(), *status);
            assert!(!r.body.contains("data:"), "NOVA heard of ACME's events: {}", r.body);
            let acme_events: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM domain_events").fetch_one(&app.db.pool).await.unwrap();
            assert!(acme_events >= 2, "the outbox holds ACME's events to leak");
            let own = Request::get(&url).header("host", HOST).header("authorization", format!("Bearer {acme}")).body(Body::empty()).unwrap();
            assert!(app.stream(own, std::time::Duration::from_millis(300)).await.body.contains("shipment.dispatched"), "ACME hears its own");
            continue;
        }
        // steps on a request are probed with an If-Match, so they reach the lookup
        let if_match = if path.starts_with("/change-requests/{id}/") { "\"0\"" } else { "" };
        let headers: Vec<(&str, &str)> = [("idempotency-key", "nova-probe"), ("if-match", if_match)].into_iter().filter(|(_, v)| !v.is_empty()).collect();
        let r = call(&app, method, &url, Some(&nova), &headers, body.clone()).await;
        assert_eq!(r.status.as_u16(), *status, "{method} {path}: {}", r.body);
        for secret in [acme_number.as_str(), "ACME", "acme.example", "Shanghai Assembly"] {
            assert!(!r.body.contains(secret), "{method} {path} leaked {secret}: {}", r.body);
        }
    }
    // nothing of ACME's changed
    let status: String = sqlx::query_scalar("SELECT status FROM orders WHERE id = $1").bind(acme_order).fetch_one(&app.db.pool).await.unwrap();
    assert_eq!(status, "submitted");
    let (shipments, events): (i64, i64) = sqlx::query_as("SELECT (SELECT COUNT(*) FROM shipments), (SELECT COUNT(*) FROM tracking_events)").fetch_one(&app.db.pool).await.unwrap();
    assert_eq!((shipments, events), (1, 0));
    let (cr_status, requests): (String, i64) = sqlx::query_as("SELECT MIN(status), COUNT(*) FROM change_requests").fetch_one(&app.db.pool).await.unwrap();
    assert_eq!((cr_status.as_str(), requests), ("pending", 1));
    let (read,): (i64,) = sqlx::query_as("SELECT COUNT(*) FROM notifications WHERE read_at IS NOT NULL").fetch_one(&app.db.pool).await.unwrap();
    assert_eq!(read, 0, "no one else's notification marked read");
    assert_eq!(call(&app, "GET", "/api/v1/orders", Some(&acme), &[], None).await.status, 200, "ACME's token still live");
    app.cleanup().await;
});

/// A submitted, confirmed ACME order made over REST; its id and first line key.
async fn confirmed_order(app: &TestApp, buyer: &str) -> (i64, i64) {
    let site = app.id("SELECT MIN(id) FROM sites WHERE account_id = (SELECT id FROM accounts WHERE code = $1)", "ACME").await;
    let mut body = order_body(site, 1_000);
    body["requested_date"] = json!((time::OffsetDateTime::now_utc().date() + time::Duration::days(60)).to_string());
    let order = json_of(&call(app, "POST", "/api/v1/orders", Some(buyer), &[("idempotency-key", "cr-order")], Some(body)).await);
    let id = order["id"].as_i64().unwrap();
    assert_eq!(call(app, "POST", &format!("/api/v1/orders/{id}/submit"), Some(buyer), &[], None).await.status, 200);
    let am = token(app, "am@keyport.example").await;
    let confirmed = call(app, "POST", &format!("/api/v1/orders/{id}/confirm"), Some(&am), &[], Some(json!({"message": ""}))).await;
    assert_eq!(confirmed.status, 200, "{}", confirmed.body);
    (id, order["lines"][0]["line_key"].as_i64().unwrap())
}

http_test!(change_requests_over_rest, |engine| {
    let app = TestApp::on(engine).await;
    let buyer = token(&app, "buyer@acme.example").await;
    let am = token(&app, "am@keyport.example").await;
    let (id, line) = confirmed_order(&app, &buyer).await;
    let request = json!({"base_version": 1, "reason": "More demand", "changes": [{"kind": "quantity", "line_key": line, "quantity": 1_500}]});
    let path = format!("/api/v1/orders/{id}/change-requests");

    // the preview sends nothing
    let preview =
        call(&app, "POST", "/api/v1/change-requests/preview", Some(&buyer), &[], Some(json!({"order_id": id, "base_version": 1, "reason": "", "changes": request["changes"]})))
            .await;
    assert_eq!(preview.status, 200, "{}", preview.body);
    let p = json_of(&preview);
    assert!(p["impact"]["cost_delta_minor"].as_i64().unwrap() > 0);
    assert_eq!(p["proposed"]["number"], 2);

    // create: the key is required; a repeat gives the same request
    assert_eq!(call(&app, "POST", &path, Some(&buyer), &[], Some(request.clone())).await.status, 400);
    let created = call(&app, "POST", &path, Some(&buyer), &[("idempotency-key", "cr-1")], Some(request.clone())).await;
    assert_eq!(created.status, 201, "{}", created.body);
    let cr = json_of(&created);
    let cr_id = cr["id"].as_i64().unwrap();
    assert_eq!(created.header("location"), format!("/api/v1/change-requests/{cr_id}"));
    let again = json_of(&call(&app, "POST", &path, Some(&buyer), &[("idempotency-key", "cr-1")], Some(request.clone())).await);
    assert_eq!(again["id"].as_i64(), Some(cr_id));
    let bad = call(
        &app,
        "POST",
        &path,
        Some(&buyer),
        &[("idempotency-key", "cr-bad")],
        Some(json!({"base_version": 1, "reason": "x", "changes": [{"kind": "quantity", "line_key": line, "quantity": 0}]})),
    )
    .await;
    assert_eq!((bad.status.as_u16(), bad.header("content-type").as_str()), (422, "application/problem+json"));
    assert!(bad.body.contains("changes.0.quantity"), "{}", bad.body);
    let listed = json_of(&call(&app, "GET", &path, Some(&buyer), &[], None).await);
    assert_eq!(listed.as_array().unwrap().len(), 1);

    // who may: another account sees nothing, a viewer asks nothing, customers have no queue
    let nova = token(&app, "buyer@nova.example").await;
    assert_eq!(call(&app, "GET", &format!("/api/v1/change-requests/{cr_id}"), Some(&nova), &[], None).await.status, 404);
    let viewer = token(&app, "viewer@acme.example").await;
    assert_eq!(call(&app, "POST", &path, Some(&viewer), &[("idempotency-key", "v-1")], Some(request.clone())).await.status, 403);
    assert_eq!(call(&app, "GET", "/api/v1/change-requests", Some(&buyer), &[], None).await.status, 403);
    let queue = json_of(&call(&app, "GET", "/api/v1/change-requests", Some(&am), &[], None).await);
    assert_eq!(queue[0]["id"].as_i64(), Some(cr_id));

    // decisions need If-Match: 428 without, 412 with a stale one
    let approve = format!("/api/v1/change-requests/{cr_id}/approve");
    let none = call(&app, "POST", &approve, Some(&am), &[], Some(json!({"message": "ok"}))).await;
    assert_eq!((none.status.as_u16(), none.header("content-type").as_str()), (428, "application/problem+json"));
    assert_eq!(call(&app, "POST", &approve, Some(&am), &[("if-match", "\"stale\"")], Some(json!({"message": "ok"}))).await.status, 412);
    let read = call(&app, "GET", &format!("/api/v1/change-requests/{cr_id}"), Some(&am), &[], None).await;
    let etag = read.header("etag");
    let done = call(&app, "POST", &approve, Some(&am), &[("if-match", &etag)], Some(json!({"message": "ok"}))).await;
    assert_eq!(done.status, 200, "{}", done.body);
    assert_eq!(json_of(&done)["status"], "approved");
    assert_eq!(call(&app, "POST", &approve, Some(&am), &[("if-match", &done.header("etag"))], Some(json!({}))).await.status, 409, "decided already");

    // versions and the diff
    let versions = json_of(&call(&app, "GET", &format!("/api/v1/orders/{id}/versions"), Some(&buyer), &[], None).await);
    assert_eq!(versions.as_array().unwrap().iter().map(|v| v["number"].as_i64().unwrap()).collect::<Vec<_>>(), vec![1, 2]);
    let v2 = json_of(&call(&app, "GET", &format!("/api/v1/orders/{id}/versions/2"), Some(&buyer), &[], None).await);
    assert_eq!(v2["version"]["lines"][0]["quantity"], 1_500);
    assert_eq!(call(&app, "GET", &format!("/api/v1/orders/{id}/versions/3"), Some(&buyer), &[], None).await.status, 404);
    let diff = json_of(&call(&app, "GET", &format!("/api/v1/orders/{id}/diff?from=1&to=2"), Some(&buyer), &[], None).await);
    assert_eq!(diff["diff"]["lines"][0]["kind"], "changed");

    // the buyer was told; marking read is theirs alone
    let inbox = json_of(&call(&app, "GET", "/api/v1/notifications", Some(&buyer), &[], None).await);
    assert_eq!((inbox["unread"].as_i64(), inbox["items"][0]["kind"].as_str()), (Some(1), Some("change_approved")));
    let note = inbox["items"][0]["id"].as_i64().unwrap();
    assert_eq!(call(&app, "POST", &format!("/api/v1/notifications/{note}/read"), Some(&nova), &[], None).await.status, 404);
    assert_eq!(json_of(&call(&app, "POST", &format!("/api/v1/notifications/{note}/read"), Some(&buyer), &[], None).await)["unread"], 0);
    let saved = call(&app, "PUT", "/api/v1/notifications/settings", Some(&buyer), &[], Some(json!({"muted": ["change_rejected"]}))).await;
    assert_eq!(saved.status, 200, "{}", saved.body);
    assert_eq!(json_of(&call(&app, "GET", "/api/v1/notifications/settings", Some(&buyer), &[], None).await)["muted"], json!(["change_rejected"]));
    app.cleanup().await;
});

http_test!(change_request_steps_over_rest, |engine| {
    let app = TestApp::on(engine).await;
    let buyer = token(&app, "buyer@acme.example").await;
    let am = token(&app, "am@keyport.example").await;
    let (id, line) = confirmed_order(&app, &buyer).await;
    let path = format!("/api/v1/orders/{id}/change-requests");
    let ask = |q: i64, key: &'static str| {
        let body = json!({"base_version": 1, "reason": "why", "changes": [{"kind": "quantity", "line_key": line, "quantity": q}]});
        let (app, buyer, path) = (&app, buyer.clone(), path.clone());
        async move { json_of(&call(app, "POST", &path, Some(&buyer), &[("idempotency-key", key)], Some(body)).await) }
    };
    // each step with the ETag just read
    let step = |who: String, cr: i64, what: &'static str, body: Option<Value>| {
        let app = &app;
        async move {
            let etag = call(app, "GET", &format!("/api/v1/change-requests/{cr}"), Some(&who), &[], None).await.header("etag");
            call(app, "POST", &format!("/api/v1/change-requests/{cr}/{what}"), Some(&who), &[("if-match", &etag)], body).await
        }
    };

    // reject needs a reason; the customer reads it
    let first = ask(1_500, "s-1").await["id"].as_i64().unwrap();
    let no_reason = step(am.clone(), first, "reject", Some(json!({"reason": ""}))).await;
    assert_eq!(no_reason.status, 422);
    let rejected = step(am.clone(), first, "reject", Some(json!({"reason": "Fully booked"}))).await;
    assert_eq!(json_of(&rejected)["status"], "rejected");
    assert_eq!(json_of(&call(&app, "GET", &format!("/api/v1/change-requests/{first}"), Some(&buyer), &[], None).await)["decision_reason"], "Fully booked");

    // withdrawn by the customer; staff may not withdraw
    let second = ask(2_000, "s-2").await["id"].as_i64().unwrap();
    assert_eq!(step(am.clone(), second, "withdraw", Some(json!({}))).await.status, 403);
    assert_eq!(json_of(&step(buyer.clone(), second, "withdraw", Some(json!({}))).await)["status"], "withdrawn");

    // countered, then accepted: the counter's quantity is version 2
    let third = ask(2_500, "s-3").await["id"].as_i64().unwrap();
    let counter = json!({"message": "Two packs fewer", "changes": [{"kind": "quantity", "line_key": line, "quantity": 1_200}]});
    let countered = step(am.clone(), third, "counter", Some(counter)).await;
    assert_eq!(json_of(&countered)["status"], "countered", "{}", countered.body);
    assert_eq!(step(am.clone(), third, "accept-counter", None).await.status, 403, "staff do not accept their own counter");
    let accepted = step(buyer.clone(), third, "accept-counter", None).await;
    assert_eq!((json_of(&accepted)["status"].as_str(), json_of(&accepted)["result_version"].as_i64()), (Some("approved"), Some(2)), "{}", accepted.body);
    let order = json_of(&call(&app, "GET", &format!("/api/v1/orders/{id}"), Some(&buyer), &[], None).await);
    assert_eq!((order["version"].as_i64(), order["lines"][0]["quantity"].as_i64()), (Some(2), Some(1_200)));

    // a request made from version 1 is now stale: 412, and re-basing is the customer's
    let stale = call(
        &app,
        "POST",
        &path,
        Some(&buyer),
        &[("idempotency-key", "s-4")],
        Some(json!({"base_version": 1, "reason": "x", "changes": [{"kind": "quantity", "line_key": line, "quantity": 900}]})),
    )
    .await;
    assert_eq!(stale.status, 412);
    let rebase_fresh = {
        let fourth = call(
            &app,
            "POST",
            &path,
            Some(&buyer),
            &[("idempotency-key", "s-5")],
            Some(json!({"base_version": 2, "reason": "x", "changes": [{"kind": "quantity", "line_key": line, "quantity": 900}]})),
        )
        .await;
        json_of(&fourth)["id"].as_i64().unwrap()
    };
    assert_eq!(step(buyer.clone(), rebase_fresh, "rebase", None).await.status, 409, "a request on the current version needs no re-basing");
    app.cleanup().await;
});

// The carrier webhook over HTTP: signed calls applied once, in any order;
// unsigned, badly signed, replayed and malformed calls refused with
// problem+json and nothing written; an unknown tracking number parked.
http_test!(the_carrier_webhook_takes_only_signed_events_once, |engine| {
    use app::shipments::server::webhook::sign;
    let app = TestApp::on(engine).await;
    let (_, shipment) = app.acme_shipment().await;
    let secret: String = sqlx::query_scalar("SELECT webhook_secret FROM carriers WHERE code = 'sf'").fetch_one(&app.db.pool).await.unwrap();
    let at = |minutes_ago: i64| (time::OffsetDateTime::now_utc() - time::Duration::minutes(minutes_ago)).format(&time::format_description::well_known::Rfc3339).unwrap();
    let body = |id: &str, tracking: &str, kind: &str, minutes_ago: i64| {
        json!({"event_id": id, "tracking_number": tracking, "kind": kind, "at": at(minutes_ago), "place": "Wuxi"}).to_string()
    };
    let post = |body: String, ts: i64, signature: Option<String>| {
        let mut req = Request::post("/api/v1/carriers/sf/events").header("host", HOST).header("content-type", "application/json").header("x-keyport-timestamp", ts.to_string());
        if let Some(s) = signature {
            req = req.header("x-keyport-signature", s);
        }
        app.send(req.body(Body::from(body)).unwrap())
    };
    let now = time::OffsetDateTime::now_utc().unix_timestamp();
    let signed = |b: &str| sign(&secret, now, b.as_bytes());

    // out of order: delivered first, then the pick-up it followed; a retry changes nothing
    let delivered = body("e2", "SF-ACME-1", "delivered", 5);
    let r = post(delivered.clone(), now, Some(signed(&delivered))).await;
    assert_eq!((r.status.as_u16(), json_of(&r)["outcome"].as_str()), (202, Some("applied")), "{}", r.body);
    let picked = body("e1", "SF-ACME-1", "picked_up", 50);
    assert_eq!(json_of(&post(picked.clone(), now, Some(signed(&picked))).await)["outcome"], "applied");
    assert_eq!(json_of(&post(delivered.clone(), now, Some(signed(&delivered))).await)["outcome"], "duplicate");
    let planner = token(&app, "planner@keyport.example").await;
    let s = json_of(&call(&app, "GET", &format!("/api/v1/shipments/{shipment}"), Some(&planner), &[], None).await);
    assert_eq!(s["status"], "delivered");
    let kinds: Vec<&str> = s["events"].as_array().unwrap().iter().map(|e| e["kind"].as_str().unwrap()).collect();
    assert_eq!(kinds, ["picked_up", "delivered"]);

    // unknown tracking number: parked (once), for staff
    let orphan = body("p1", "NOBODY-1", "in_transit", 1);
    assert_eq!(json_of(&post(orphan.clone(), now, Some(signed(&orphan))).await)["outcome"], "parked");
    let parked = json_of(&call(&app, "GET", "/api/v1/carrier-events/parked", Some(&planner), &[], None).await);
    assert_eq!(parked[0]["tracking_number"], "NOBODY-1");

    // refused: missing, wrong and replayed signatures (401), malformed bodies (400), bad fields (422)
    let hub = body("e3", "SF-ACME-1", "at_hub", 1);
    let (spaced, unexplained) = (body("e 4", "SF-ACME-1", "at_hub", 1), body("e5", "SF-ACME-1", "exception", 1));
    let cases = [
        (post(hub.clone(), now, None).await, 401),
        (post(hub.clone(), now, Some(sign("not-the-secret", now, hub.as_bytes()))).await, 401),
        (post(hub.clone(), now - 600, Some(sign(&secret, now - 600, hub.as_bytes()))).await, 401),
        (post(hub.replace("at_hub", "teleported"), now, Some(signed(&hub.replace("at_hub", "teleported")))).await, 400),
        (post("{\"event_id\":".into(), now, Some(signed("{\"event_id\":"))).await, 400),
        (post(spaced.clone(), now, Some(signed(&spaced))).await, 422),
        (post(unexplained.clone(), now, Some(signed(&unexplained))).await, 422),
    ];
    for (i, (r, status)) in cases.iter().enumerate() {
        assert_eq!(r.status.as_u16(), *status, "case {i}: {}", r.body);
        assert_eq!(r.header("content-type"), "application/problem+json", "case {i}");
        assert!(!r.body.contains("session"), "a carrier has no session: {}", r.body);
    }
    let (events, parked): (i64, i64) =
        sqlx::query_as("SELECT (SELECT COUNT(*) FROM tracking_events), (SELECT COUNT(*) FROM parked_carrier_events)").fetch_one(&app.db.pool).await.unwrap();
    assert_eq!((events, parked), (2, 1), "nothing half-applied");
    app.cleanup().await;
});

// Shipments over REST: staff ship part of an order once per key, the
// customer lists and reads it; bad input is refused on its field.
http_test!(shipments_over_rest, |engine| {
    let app = TestApp::on(engine).await;
    let (order, first) = app.acme_shipment().await;
    let planner = token(&app, "planner@keyport.example").await;
    let buyer = token(&app, "buyer@acme.example").await;
    let left = json_of(&call(&app, "GET", &format!("/api/v1/orders/{order}/shipments"), Some(&planner), &[], None).await);
    let line = left["lines"][0]["line_key"].as_i64().unwrap();
    assert_eq!((left["lines"][0]["shipped"].as_i64(), left["may_ship"].as_bool()), (Some(100), Some(true)));
    let today = time::OffsetDateTime::now_utc().date().to_string();
    let ship = |qty: i64, tracking: &str| json!({"carrier": "sf", "mode": "rail", "tracking_number": tracking, "packages": 2, "weight_grams": 5000, "ship_date": today, "eta": null, "delivery_note": "DN-9", "lines": [{"line_key": line, "quantity": qty}]});
    let path = format!("/api/v1/orders/{order}/shipments");
    assert_eq!(call(&app, "POST", &path, Some(&planner), &[], Some(ship(10, "R1"))).await.status, 400, "no Idempotency-Key");
    let too_many = call(&app, "POST", &path, Some(&planner), &[("idempotency-key", "s0")], Some(ship(901, "R1"))).await;
    assert_eq!(too_many.status, 422);
    assert!(too_many.body.contains("lines.0.quantity"), "{}", too_many.body);
    let made = call(&app, "POST", &path, Some(&planner), &[("idempotency-key", "s1")], Some(ship(900, "R1"))).await;
    assert_eq!(made.status, 201, "{}", made.body);
    let again = call(&app, "POST", &path, Some(&planner), &[("idempotency-key", "s1")], Some(ship(900, "R1"))).await;
    assert_eq!((again.status.as_u16(), json_of(&again)["id"].clone()), (201, json_of(&made)["id"].clone()));
    let order_now = json_of(&call(&app, "GET", &format!("/api/v1/orders/{order}"), Some(&buyer), &[], None).await);
    assert_eq!(order_now["status"], "shipped");
    let listed = json_of(&call(&app, "GET", "/api/v1/shipments?search=R1", Some(&buyer), &[], None).await);
    assert_eq!(listed["items"].as_array().unwrap().len(), 1);
    assert_eq!(call(&app, "GET", "/api/v1/shipments?status=lost", Some(&buyer), &[], None).await.status, 422);
    // a staff step, and a customer may not record one
    let step = json!({"kind": "exception", "at": time::OffsetDateTime::now_utc().unix_timestamp() - 60, "place": "Hub", "note": "Customs hold", "eta": null});
    let recorded = call(&app, "POST", &format!("/api/v1/shipments/{first}/events"), Some(&planner), &[], Some(step.clone())).await;
    assert_eq!((recorded.status.as_u16(), json_of(&recorded)["exception"].as_str()), (200, Some("Customs hold")));
    assert_eq!(call(&app, "POST", &format!("/api/v1/shipments/{first}/events"), Some(&buyer), &[], Some(step)).await.status, 403);
    let carriers = json_of(&call(&app, "GET", "/api/v1/carriers", Some(&planner), &[], None).await);
    assert_eq!(carriers[0]["code"], "sf");
    app.cleanup().await;
});
