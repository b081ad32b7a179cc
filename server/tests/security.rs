//! The security review's findings at the HTTP surface: body limits on both
//! doors, problem+json for every REST error (axum's own rejections and the
//! cross-origin refusal included), the post-sign-in redirect, and the
//! client address behind a proxy.

mod support;

use app::server::Settings;
use axum::body::Body;
use http::Request;
use support::{TestApp, HOST, ORIGIN};

fn is_problem(r: &support::Reply) -> bool {
    r.header("content-type").starts_with("application/problem+json")
        && serde_json::from_str::<serde_json::Value>(&r.body).is_ok_and(|v| v["status"] == r.status.as_u16() && v["title"].is_string())
}

async fn api_token(app: &TestApp) -> String {
    let r = app
        .send(
            Request::post("/api/v1/auth/token")
                .header("host", HOST)
                .header("content-type", "application/json")
                .body(Body::from(r#"{"email":"buyer@acme.example","password":"keyport-demo-2026","name":"t"}"#))
                .unwrap(),
        )
        .await;
    assert_eq!(r.status, 201, "{}", r.body);
    serde_json::from_str::<serde_json::Value>(&r.body).unwrap()["token"].as_str().unwrap().to_string()
}

http_test!(request_bodies_are_capped_on_both_doors, |engine| {
    let app = TestApp::on(engine).await;
    let cookie = app.sign_in("buyer@acme.example").await;
    let huge = "x".repeat(app::limits::BODY_MAX_BYTES + 1);
    // a server function: the app's own error, translated in the browser
    let sf = app.post("/sf/search_catalog", &format!("text={huge}"), Some(&cookie)).await;
    assert_eq!(sf.status, 413, "{}", &sf.body[..sf.body.len().min(200)]);
    assert!(sf.body.contains("PayloadTooLarge"), "{}", sf.body);
    // the REST door: problem+json
    let token = api_token(&app).await;
    let rest = app
        .send(
            Request::post("/api/v1/orders/feasibility")
                .header("host", HOST)
                .header("authorization", format!("Bearer {token}"))
                .header("content-type", "application/json")
                .body(Body::from(format!("{{\"notes\":\"{huge}\"}}")))
                .unwrap(),
        )
        .await;
    assert_eq!(rest.status, 413);
    assert!(is_problem(&rest), "{}", rest.body);
    app.cleanup().await;
});

http_test!(every_rest_error_is_problem_json, |engine| {
    let app = TestApp::on(engine).await;
    let token = api_token(&app).await;
    let bearer = format!("Bearer {token}");
    let cases: Vec<(Request<Body>, u16)> = vec![
        // axum's path rejection
        (Request::get("/api/v1/orders/not-a-number").header("host", HOST).header("authorization", &bearer).body(Body::empty()).unwrap(), 400),
        // axum's query rejection
        (Request::get("/api/v1/products?limit=many").header("host", HOST).header("authorization", &bearer).body(Body::empty()).unwrap(), 400),
        // an unknown route
        (Request::get("/api/v1/nothing-here").header("host", HOST).header("authorization", &bearer).body(Body::empty()).unwrap(), 404),
        // a method the route does not take
        (Request::put("/api/v1/orders").header("host", HOST).header("authorization", &bearer).body(Body::empty()).unwrap(), 405),
        // the cross-origin refusal
        (
            Request::post("/api/v1/auth/token")
                .header("host", HOST)
                .header("origin", "https://evil.example")
                .header("content-type", "application/json")
                .body(Body::from("{}"))
                .unwrap(),
            403,
        ),
    ];
    for (req, status) in cases {
        let what = format!("{} {}", req.method(), req.uri());
        let r = app.send(req).await;
        assert_eq!(r.status.as_u16(), status, "{what}: {}", r.body);
        assert!(is_problem(&r), "{what}: {} {}", r.header("content-type"), r.body);
    }
    app.cleanup().await;
});

http_test!(after_sign_in_the_redirect_stays_on_this_site, |engine| {
    let app = TestApp::on(engine).await;
    for next in ["/%09/evil.example", "%2F%2Fevil.example", "https%3A%2F%2Fevil.example", "/%5Cevil.example", "%09//evil.example"] {
        let r = app.post("/sf/sign_in", &format!("email=viewer%40acme.example&password=keyport-demo-2026&next={next}"), None).await;
        assert_eq!(r.header("location"), "/", "next={next}");
    }
    let r = app.post("/sf/sign_in", "email=viewer%40acme.example&password=keyport-demo-2026&next=%2Forders%3Fstatus%3Dconfirmed", None).await;
    assert_eq!(r.header("location"), "/orders?status=confirmed", "a path on this site is kept");
    app.cleanup().await;
});

http_test!(behind_a_proxy_a_forged_forwarded_entry_picks_no_fresh_limit, |engine| {
    let app = TestApp::with_settings_on(engine, Settings { trust_proxy: true, demo: true, ..Settings::default() }).await;
    let attempt = |forged: String| {
        let app = &app;
        async move {
            app.send(
                Request::post("/sf/sign_in")
                    .header("host", HOST)
                    .header("origin", ORIGIN)
                    .header("content-type", "application/x-www-form-urlencoded")
                    // the client wrote the first entry; our proxy appended the address it saw
                    .header("x-forwarded-for", format!("{forged}, 203.0.113.5"))
                    .body(Body::from("email=buyer%40nova.example&password=wrong-password"))
                    .unwrap(),
            )
            .await
        }
    };
    for i in 0..app::auth::server::rate_limit::FREE_FAILURES {
        assert_eq!(attempt(format!("198.51.100.{i}")).await.status, 401);
    }
    let r = attempt("198.51.100.200".into()).await;
    assert_eq!(r.status, 429, "a new forged first entry is the same client: {}", r.body);
    app.cleanup().await;
});

http_test!(every_response_carries_a_request_id, |engine| {
    let app = TestApp::on(engine).await;
    let (a, b) = (app.get("/login", None).await, app.get("/healthz", None).await);
    assert_eq!(a.header("x-request-id").len(), 16);
    assert_ne!(a.header("x-request-id"), b.header("x-request-id"), "one id per request");
    let kept = app.send(Request::get("/healthz").header("host", HOST).header("x-request-id", "lb-7f3a-0001").body(Body::empty()).unwrap()).await;
    assert_eq!(kept.header("x-request-id"), "lb-7f3a-0001", "a proxy's id is carried through");
    let replaced = app.send(Request::get("/healthz").header("host", HOST).header("x-request-id", "<script>").body(Body::empty()).unwrap()).await;
    assert_ne!(replaced.header("x-request-id"), "<script>");
    app.cleanup().await;
});
