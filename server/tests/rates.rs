//! Rates over HTTP on both engines: the staff admin's CSV in and out, an
//! order's options and the planner's choice; the customer's view of it.

mod support;

use axum::body::Body;
use http::Request;
use serde_json::{json, Value};
use support::{Reply, TestApp, HOST};

async fn call(app: &TestApp, method: &str, path: &str, token: &str, content_type: &str, body: String) -> Reply {
    let req = Request::builder().method(method).uri(path).header("host", HOST).header("authorization", format!("Bearer {token}")).header("content-type", content_type);
    app.send(req.body(Body::from(body)).unwrap()).await
}

async fn token(app: &TestApp, email: &str) -> String {
    let r = call(app, "POST", "/api/v1/auth/token", "", "application/json", json!({"email": email, "password": "keyport-demo-2026", "name": "ERP"}).to_string()).await;
    assert_eq!(r.status, 201, "{}", r.body);
    json(&r)["token"].as_str().unwrap().to_string()
}

fn json(r: &Reply) -> Value {
    serde_json::from_str(&r.body).unwrap_or_else(|_| panic!("not JSON ({}): {}", r.status, r.body))
}

http_test!(rates_in_and_out_as_csv_and_an_order_s_shipping_choice, |engine| {
    let app = TestApp::on(engine).await;
    let admin = token(&app, "admin@keyport.example").await;
    let csv = app::rates::server::demo::demo_csv();
    let put = call(&app, "PUT", "/api/v1/rates", &admin, "text/csv", csv.clone()).await;
    assert_eq!(put.status, 200, "{}", put.body);
    assert_eq!(json(&put).as_array().map(Vec::len), Some(csv.lines().count() - 1));
    let out = call(&app, "GET", "/api/v1/rates.csv", &admin, "", String::new()).await;
    assert_eq!((out.status.as_u16(), out.header("content-type").as_str()), (200, "text/csv; charset=utf-8"));
    let sorted = |text: &str| {
        let mut rates = app::rates::csv::parse(text).unwrap();
        rates.sort_by(|a, b| (&a.zone, a.mode.as_str(), a.min_kg).cmp(&(&b.zone, b.mode.as_str(), b.min_kg)));
        rates
    };
    assert_eq!(sorted(&out.body), sorted(&csv), "what goes in comes out");
    let bad = call(&app, "PUT", "/api/v1/rates", &admin, "text/csv", format!("{}\nroad,SUZHOU,EAST,0,10,x,1,1,Mon\n", app::rates::csv::HEADER)).await;
    assert_eq!((bad.status.as_u16(), json(&bad)["errors"][0]["field"].as_str()), (422, Some("csv.2.cost_per_kg")));

    // zones for the demo sites (the seed of `--demo` sets them; tests set them here)
    sqlx::query("UPDATE sites SET zone = 'EAST'").execute(&app.db.pool).await.unwrap();
    let (order, _) = app.acme_shipment().await;
    let planner = token(&app, "planner@keyport.example").await;
    let options = call(&app, "GET", &format!("/api/v1/orders/{order}/shipping-options?sort=arrival"), &planner, "", String::new()).await;
    assert_eq!(options.status, 200, "{}", options.body);
    let first = json(&options)["options"][0].clone();
    assert!(first["rate_id"].as_i64().is_some(), "{}", options.body);
    assert_eq!(call(&app, "GET", &format!("/api/v1/orders/{order}/shipping-options?sort=weight"), &planner, "", String::new()).await.status, 422);
    let chosen =
        call(&app, "PUT", &format!("/api/v1/orders/{order}/shipping-choice"), &planner, "application/json", json!({"rate_id": first["rate_id"], "reason": "fastest"}).to_string())
            .await;
    assert_eq!((chosen.status.as_u16(), json(&chosen)["choice"]["mode"].clone()), (200, first["mode"].clone()), "{}", chosen.body);
    let buyer = token(&app, "buyer@acme.example").await;
    let seen = json(&call(&app, "GET", &format!("/api/v1/orders/{order}/shipping-options"), &buyer, "", String::new()).await);
    assert_eq!((seen["choice"]["mode"].clone(), seen["choice"]["cost_minor"].clone(), seen["choice"]["reason"].clone()), (first["mode"].clone(), Value::Null, Value::Null));
    assert_eq!(seen["options"].as_array().map(Vec::len), Some(0));
    app.cleanup().await;
});
