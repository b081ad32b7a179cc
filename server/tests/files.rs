//! Quality inspections and their files over HTTP, on both engines: the
//! multipart REST door and the page's server function, downloads with the
//! right headers through both doors, and every way an upload can be bad.

mod support;

use axum::body::Body;
use http::Request;
use serde_json::Value;
use support::{multipart, Reply, TestApp, HOST, ORIGIN};

fn fields<'a>(sku: &'a str, today: &'a str) -> Vec<(&'a str, &'a str)> {
    vec![("sku", sku), ("lot", "L-42"), ("inspected_on", today), ("sample_size", "125"), ("defects.surface", "3"), ("result", "pass"), ("inspector", "SGS Suzhou"), ("note", "")]
}

async fn post_inspection(app: &TestApp, order: i64, token: &str, key: Option<&str>, body: (String, Vec<u8>)) -> Reply {
    let mut req =
        Request::post(format!("/api/v1/orders/{order}/inspections")).header("host", HOST).header("authorization", format!("Bearer {token}")).header("content-type", body.0);
    if let Some(k) = key {
        req = req.header("idempotency-key", k);
    }
    app.send(req.body(Body::from(body.1)).unwrap()).await
}

async fn get(app: &TestApp, path: &str, token: Option<&str>, cookie: Option<&str>) -> Reply {
    let mut req = Request::get(path).header("host", HOST);
    if let Some(t) = token {
        req = req.header("authorization", format!("Bearer {t}"));
    }
    if let Some(c) = cookie {
        req = req.header("cookie", c);
    }
    app.send(req.body(Body::empty()).unwrap()).await
}

async fn token(app: &TestApp, email: &str) -> String {
    let body = serde_json::json!({"email": email, "password": "keyport-demo-2026", "name": "ERP"}).to_string();
    let r = app.send(Request::post("/api/v1/auth/token").header("host", HOST).header("content-type", "application/json").body(Body::from(body)).unwrap()).await;
    assert_eq!(r.status, 201, "{}", r.body);
    json(&r)["token"].as_str().unwrap().to_string()
}

fn json(r: &Reply) -> Value {
    serde_json::from_str(&r.body).unwrap_or_else(|_| panic!("not JSON ({}): {}", r.status, r.body))
}

fn field_error(r: &Reply, field: &str) -> Option<String> {
    json(r)["errors"].as_array()?.iter().find(|e| e["field"] == field).map(|e| e["reason"].as_str().unwrap_or("").to_string())
}

http_test!(an_inspection_with_its_certificate_over_rest_and_the_download_doors, |engine| {
    let app = TestApp::on(engine).await;
    let (order, _) = app.acme_shipment().await;
    let today = app::server::db::today().to_string();
    let planner = token(&app, "planner@keyport.example").await;
    let pdf = app::quality::server::demo::certificate_pdf("SO-1");

    let first = post_inspection(&app, order, &planner, Some("cert-1"), multipart(&fields("FST-010", &today), Some(("../../证书 <A>.pdf", &pdf)))).await;
    assert_eq!(first.status, 201, "{}", first.body);
    let inspection = json(&first);
    assert_eq!((inspection["sample_size"].as_i64(), inspection["passed"].as_bool()), (Some(125), Some(true)));
    assert_eq!(inspection["defects"][0]["kind"], "surface");
    let file = inspection["certificate"]["id"].as_i64().unwrap();
    assert_eq!(inspection["certificate"]["name"], "证书 A.pdf", "path and quotes stripped");
    // the same key and form: the same inspection
    let again = post_inspection(&app, order, &planner, Some("cert-1"), multipart(&fields("FST-010", &today), Some(("../../证书 <A>.pdf", &pdf)))).await;
    assert_eq!((again.status.as_u16(), json(&again)["id"].clone()), (201, inspection["id"].clone()));
    let rows: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM inspections WHERE order_id = $1").bind(order).fetch_one(&app.db.pool).await.unwrap();
    assert_eq!(rows, 1, "written once");

    // the customer lists it and downloads the file, by token and by cookie
    let buyer = token(&app, "buyer@acme.example").await;
    let listed = get(&app, &format!("/api/v1/orders/{order}/inspections"), Some(&buyer), None).await;
    assert_eq!((listed.status.as_u16(), json(&listed)["items"].as_array().map(Vec::len)), (200, Some(1)));
    let by_token = get(&app, &format!("/api/v1/files/{file}"), Some(&buyer), None).await;
    assert_eq!(by_token.status, 200);
    assert_eq!(by_token.header("content-type"), "application/pdf");
    assert_eq!(by_token.header("x-content-type-options"), "nosniff");
    assert!(by_token.header("content-disposition").starts_with("attachment; filename=\""), "{}", by_token.header("content-disposition"));
    assert!(by_token.header("content-disposition").contains("filename*=UTF-8''%E8%AF%81%E4%B9%A6%20A.pdf"), "{}", by_token.header("content-disposition"));
    assert!(by_token.body.starts_with("%PDF-"));
    let cookie = app.sign_in("buyer@acme.example").await;
    let by_cookie = get(&app, &format!("/files/{file}"), None, Some(&cookie)).await;
    assert_eq!((by_cookie.status.as_u16(), by_cookie.header("x-content-type-options").as_str()), (200, "nosniff"));
    assert_eq!(get(&app, &format!("/files/{file}"), None, None).await.status, 401, "no session, no file");

    // another account: not found through every door, the same as no file at all
    let nova = token(&app, "buyer@nova.example").await;
    let theirs = get(&app, &format!("/api/v1/files/{file}"), Some(&nova), None).await;
    assert_eq!((theirs.status.as_u16(), theirs.header("content-type").as_str()), (404, "application/problem+json"));
    assert_eq!(get(&app, &format!("/api/v1/files/{}", file + 1000), Some(&nova), None).await.status, 404);
    let nova_cookie = app.sign_in("buyer@nova.example").await;
    assert_eq!(get(&app, &format!("/files/{file}"), None, Some(&nova_cookie)).await.status, 404);
    assert_eq!(get(&app, &format!("/api/v1/orders/{order}/inspections"), Some(&nova), None).await.status, 404);
    // customers do not record
    let denied = post_inspection(&app, order, &buyer, Some("cert-2"), multipart(&fields("FST-010", &today), None)).await;
    assert_eq!(denied.status, 403);
    app.cleanup().await;
});

http_test!(bad_uploads_are_refused_and_nothing_is_kept, |engine| {
    let app = TestApp::on(engine).await;
    let (order, _) = app.acme_shipment().await;
    let today = app::server::db::today().to_string();
    let planner = token(&app, "planner@keyport.example").await;
    let count = || async { sqlx::query_scalar::<_, i64>("SELECT (SELECT COUNT(*) FROM inspections) + (SELECT COUNT(*) FROM attachments)").fetch_one(&app.db.pool).await.unwrap() };

    // a program named like a certificate: the content decides
    let exe = post_inspection(&app, order, &planner, Some("bad-1"), multipart(&fields("FST-010", &today), Some(("certificate.pdf", b"MZ\x90\0\x03\0\0\0")))).await;
    assert_eq!((exe.status.as_u16(), field_error(&exe, "certificate").as_deref()), (422, Some("FileType")), "{}", exe.body);
    // HTML named .png
    let html = post_inspection(&app, order, &planner, Some("bad-2"), multipart(&fields("FST-010", &today), Some(("x.png", b"<html><script>alert(1)</script>")))).await;
    assert_eq!(field_error(&html, "certificate").as_deref(), Some("FileType"));
    // over the cap: refused before it is read
    let big = [b"%PDF-".to_vec(), vec![b' '; app::limits::UPLOAD_BODY_MAX_BYTES]].concat();
    let over = post_inspection(&app, order, &planner, Some("bad-3"), multipart(&fields("FST-010", &today), Some(("big.pdf", &big)))).await;
    assert_eq!(over.status, 413, "{}", over.body);
    // just over the file cap, inside the body cap: the file is named
    let file_over = [b"%PDF-".to_vec(), vec![b' '; app::attachments::MAX_FILE_BYTES]].concat();
    let named = post_inspection(&app, order, &planner, Some("bad-4"), multipart(&fields("FST-010", &today), Some(("big.pdf", &file_over)))).await;
    assert_eq!((named.status.as_u16(), field_error(&named, "certificate").as_deref()), (422, Some("FileTooLarge")), "{}", named.body);
    // fields: each named
    let mut bad = fields("NOPE", "2999-01-01");
    bad.retain(|(k, _)| *k != "result");
    let refused = post_inspection(&app, order, &planner, Some("bad-5"), multipart(&bad, None)).await;
    assert_eq!(refused.status, 422);
    assert_eq!(field_error(&refused, "result").as_deref(), Some("Required"), "{}", refused.body);
    let refused = post_inspection(&app, order, &planner, Some("bad-6"), multipart(&fields("NOPE", "2999-01-01"), None)).await;
    assert_eq!((field_error(&refused, "sku").as_deref(), field_error(&refused, "inspected_on").as_deref()), (Some("NotAllowed"), Some("NotAllowed")));
    // no key, not multipart, a broken body
    assert_eq!(post_inspection(&app, order, &planner, None, multipart(&fields("FST-010", &today), None)).await.status, 400);
    assert_eq!(post_inspection(&app, order, &planner, Some("bad-7"), ("application/json".into(), b"{}".to_vec())).await.status, 400);
    let broken = post_inspection(&app, order, &planner, Some("bad-8"), ("multipart/form-data; boundary=x".into(), b"--x\r\nnot a part".to_vec())).await;
    assert_eq!(broken.status, 422, "{}", broken.body);
    assert_eq!(count().await, 0, "nothing kept");
    app.cleanup().await;
});

http_test!(the_page_form_posts_multipart_to_its_server_function, |engine| {
    let app = TestApp::on(engine).await;
    let (order, _) = app.acme_shipment().await;
    let today = app::server::db::today().to_string();
    let cookie = app.sign_in("planner@keyport.example").await;
    let order_id = order.to_string();
    let mut form = fields("", &today);
    form.extend([("order_id", order_id.as_str()), ("idempotency_key", "page-1")]);
    let (content_type, body) = multipart(&form, Some(("scan.png", b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR")));
    let req = Request::post("/sf/record_inspection")
        .header("host", HOST)
        .header("origin", ORIGIN)
        .header("cookie", &cookie)
        .header("content-type", content_type)
        .body(Body::from(body))
        .unwrap();
    let r = app.send(req).await;
    assert_eq!(r.status, 200, "{}", r.body);
    let made = json(&r);
    assert_eq!((made["sku"].clone(), made["certificate"]["content_type"].clone()), (Value::Null, Value::from("image/png")), "whole order; PNG by content");
    // the customer's page reads it through the list server function
    let buyer = app.sign_in("buyer@acme.example").await;
    let listed = app.post("/sf/order_inspections", &format!("order_id={order}"), Some(&buyer)).await;
    assert!(listed.body.contains("scan.png"), "{}", listed.body);
    let nova = app.sign_in("buyer@nova.example").await;
    assert_eq!(app.post("/sf/order_inspections", &format!("order_id={order}"), Some(&nova)).await.status, 404);
    // a body that is not multipart is refused, not a crash
    let plain = app.post("/sf/record_inspection", &format!("order_id={order}"), Some(&cookie)).await;
    assert_eq!(plain.status, 400, "{}", plain.body);
    app.cleanup().await;
});
