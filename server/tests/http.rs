//! The HTTP surface: sign-in, sessions, pages per role, language, the
//! cross-origin check, security headers, rate limiting and tenant isolation
//! on every server function.

mod support;

use app::server::Settings;
use std::collections::BTreeMap;
use support::{TestApp, HOST};

http_test!(health_endpoints_answer, |engine| {
    let app = TestApp::on(engine).await;
    let live = app.get("/healthz", None).await;
    assert_eq!((live.status.as_u16(), live.body.as_str()), (200, "ok"));
    let ready = app.get("/readyz", None).await;
    assert_eq!(ready.status, 200);
    app.db.pool.close().await;
    assert_eq!(app.get("/readyz", None).await.status, 503, "not ready without a database");
    app.cleanup().await;
});

http_test!(every_response_carries_security_headers, |engine| {
    let app = TestApp::on(engine).await;
    for path in ["/login", "/healthz", "/no/such/page", "/"] {
        let r = app.get(path, None).await;
        assert_eq!(r.header("x-content-type-options"), "nosniff", "{path}");
        assert_eq!(r.header("x-frame-options"), "DENY", "{path}");
        assert!(r.header("content-security-policy").contains("frame-ancestors 'none'"), "{path}");
        assert!(!r.header("referrer-policy").is_empty(), "{path}");
    }
    let page = app.get("/login", None).await;
    assert_eq!(page.status, 200);
    assert_eq!(page.header("cache-control"), "no-store");
    let csp = page.header("content-security-policy");
    assert!(csp.contains("'wasm-unsafe-eval'"), "{csp}");
    assert!(!csp.contains("unsafe-inline"), "{csp}");
    let nonce = csp.split("'nonce-").nth(1).and_then(|s| s.split('\'').next()).expect("a nonce in the CSP");
    assert!(nonce.len() >= 16);
    // every inline script carries this response's nonce
    let scripts = page.body.matches("<script").count();
    assert!(scripts > 0);
    assert_eq!(page.body.matches(&format!("nonce=\"{nonce}\"")).count(), scripts - page.body.matches("<script src=").count(), "{}", page.body);
    let other = app.get("/login", None).await.header("content-security-policy");
    assert_ne!(other, csp, "a fresh nonce per response");
    assert_eq!(app.get("/no/such/page", None).await.status, 404);
    app.cleanup().await;
});

http_test!(language_follows_browser_then_choice, |engine| {
    let app = TestApp::on(engine).await;
    let get = |accept: &'static str, cookie: Option<&'static str>| {
        let app = &app;
        async move {
            let mut req = http::Request::get("/login").header("host", HOST).header("accept-language", accept);
            if let Some(c) = cookie {
                req = req.header("cookie", c);
            }
            app.send(req.body(axum::body::Body::empty()).unwrap()).await
        }
    };
    let zh = get("zh-CN,zh;q=0.9,en;q=0.8", None).await;
    assert!(zh.body.contains("<html lang=\"zh-CN\""));
    assert!(zh.body.contains("登录 Keyport"));
    let en = get("en-GB,en;q=0.9", None).await;
    assert!(en.body.contains("<html lang=\"en\""));
    assert!(en.body.contains("Sign in to Keyport"));
    let chosen = get("zh-CN", Some("kp_lang=en")).await;
    assert!(chosen.body.contains("<html lang=\"en\""), "the cookie beats the browser");

    let switch = app.post("/lang", "lang=zh&back=%2Faccount%3Ftab%3D2", None).await;
    assert_eq!(switch.status, 303);
    assert_eq!(switch.header("location"), "/account?tab=2");
    assert!(switch.cookie("kp_lang").unwrap() == "kp_lang=zh");
    let offsite = app.post("/lang", "lang=en&back=https%3A%2F%2Fevil.example", None).await;
    assert_eq!(offsite.header("location"), "/", "no open redirect");
    app.cleanup().await;
});

http_test!(signed_out_visitors_are_sent_to_sign_in, |engine| {
    let app = TestApp::on(engine).await;
    let home = app.get("/", None).await;
    assert_eq!(home.status, 302, "{}", home.body);
    assert_eq!(home.header("location"), "/login");
    let account = app.get("/account", None).await;
    assert_eq!(account.header("location"), "/login?next=/account");
    let forged = app.get("/", Some("kp_session=not-a-real-token")).await;
    assert_eq!(forged.header("location"), "/login");
    app.cleanup().await;
});

http_test!(sign_in_sets_a_safe_cookie_and_opens_the_right_world, |engine| {
    let app = TestApp::on(engine).await;
    let reply = app.post("/sf/sign_in", "email=buyer%40acme.example&password=keyport-demo-2026&next=%2Faccount", None).await;
    let set = reply.cookies().into_iter().find(|c| c.starts_with("kp_session=")).expect("session cookie");
    for attr in ["HttpOnly", "SameSite=Lax", "Path=/"] {
        assert!(set.contains(attr), "{set} lacks {attr}");
    }
    assert!(!set.contains("Secure"), "plain http in tests");
    assert_eq!(reply.header("location"), "/account");
    let cookie = reply.cookie("kp_session").unwrap();

    let home = app.get("/", Some(&cookie)).await;
    assert_eq!(home.status, 200);
    assert!(home.body.contains("Bob Buyer"));
    assert!(home.body.contains("data-testid=\"account-code\">ACME<"));
    assert!(home.body.contains("href=\"/orders\""), "customer navigation");
    assert!(!home.body.contains("href=\"/console/accounts\""), "no staff navigation for customers");

    let staff = app.sign_in("am@keyport.example").await;
    let console = app.get("/", Some(&staff)).await;
    assert!(console.body.contains("data-testid=\"review-queue\""));
    assert!(console.body.contains("NOVA Electronics") && console.body.contains("ACME Motors"));
    assert!(!console.body.contains("href=\"/complaints\""), "no customer navigation for staff");

    // a sign-in always issues a new session id, and ends the one it replaces
    let again = app.post("/sf/sign_in", "email=buyer%40acme.example&password=keyport-demo-2026", Some(&cookie)).await;
    let fresh = again.cookie("kp_session").unwrap();
    assert_ne!(fresh, cookie);
    assert_eq!(app.get("/", Some(&cookie)).await.status, 302, "the replaced session is gone");
    assert_eq!(app.get("/", Some(&fresh)).await.status, 200);

    // wrong password: a clear error and no cookie
    let wrong = app.post("/sf/sign_in", "email=buyer%40acme.example&password=wrong-password", None).await;
    assert!(wrong.cookie("kp_session").is_none());
    assert!(wrong.body.contains("BadCredentials"), "{}", wrong.body);
    assert_eq!(wrong.status, 401, "each error carries its own status");
    app.cleanup().await;
});

http_test!(secure_deployments_mark_cookies_secure, |engine| {
    let app = TestApp::with_settings_on(engine, Settings { secure_cookies: true, demo: true, ..Settings::default() }).await;
    let reply = app.post("/sf/sign_in", "email=viewer%40nova.example&password=keyport-demo-2026", None).await;
    // the __Host- prefix: browsers keep it only if Secure, host-only and for /
    let cookie = reply.cookie("__Host-kp_session").expect("a __Host- session cookie");
    assert!(reply.cookies().iter().any(|c| c.starts_with("__Host-kp_session=") && c.contains("; Secure") && c.contains("Path=/") && !c.contains("Domain")));
    assert!(reply.cookie("kp_session").is_none(), "no unprefixed twin");
    assert_eq!(app.get("/", Some(&cookie)).await.status, 200, "the prefixed cookie signs in");
    let plain = cookie.replacen("__Host-", "", 1);
    assert_eq!(app.get("/", Some(&plain)).await.status, 302, "an unprefixed cookie (plantable over http) opens nothing");
    assert!(app.get("/login", None).await.header("strict-transport-security").contains("max-age="));
    app.cleanup().await;
});

http_test!(sign_out_ends_the_session, |engine| {
    let app = TestApp::on(engine).await;
    let cookie = app.sign_in("receiver@acme.example").await;
    assert_eq!(app.get("/", Some(&cookie)).await.status, 200);
    let out = app.post("/sf/sign_out", "", Some(&cookie)).await;
    assert!(out.cookies().iter().any(|c| c.starts_with("kp_session=;") && c.contains("Max-Age=0")));
    assert_eq!(out.header("location"), "/login");
    assert_eq!(app.get("/", Some(&cookie)).await.status, 302, "the old cookie opens nothing");
    app.cleanup().await;
});

http_test!(mutating_requests_from_other_origins_are_refused, |engine| {
    let app = TestApp::on(engine).await;
    let form = "email=buyer%40acme.example&password=keyport-demo-2026";
    let evil = app.post_from("/sf/sign_in", form, None, Some("https://evil.example")).await;
    assert_eq!(evil.status, 403);
    assert!(evil.cookie("kp_session").is_none());
    assert!(evil.body.contains("CrossOrigin"));
    let cookie = app.sign_in("admin@acme.example").await;
    let site_id = app.id("SELECT MIN(id) FROM sites WHERE account_id = (SELECT id FROM accounts WHERE code = $1)", "ACME").await;
    let blind = app
        .send(
            http::Request::post("/sf/set_site_active")
                .header("host", HOST)
                .header("cookie", &cookie)
                .header("sec-fetch-site", "cross-site")
                .header("content-type", "application/x-www-form-urlencoded")
                .body(axum::body::Body::from(format!("site_id={site_id}&active=false")))
                .unwrap(),
        )
        .await;
    assert_eq!(blind.status, 403, "Sec-Fetch-Site: cross-site without Origin");
    let still: i64 = sqlx::query_scalar("SELECT active FROM sites WHERE id = $1").bind(site_id).fetch_one(&app.db.pool).await.unwrap();
    assert_eq!(still, 1, "nothing changed");
    assert_eq!(app.post_from("/lang", "lang=zh", None, Some("http://evil.example")).await.status, 403);
    // the same request from our own origin goes through
    let ok = app.post("/sf/set_site_active", &format!("site_id={site_id}&active=false"), Some(&cookie)).await;
    assert_eq!(ok.status, 200, "{}", ok.body);
    app.cleanup().await;
});

http_test!(malformed_requests_get_a_clear_400_not_a_panic, |engine| {
    let app = TestApp::on(engine).await;
    let cookie = app.sign_in("admin@acme.example").await;
    for (path, form) in
        [("/sf/account_detail", "id=not-a-number"), ("/sf/set_site_active", "site_id=1"), ("/sf/set_user_active", "user_id=1&active=perhaps"), ("/sf/save_site", "%%%")]
    {
        let r = app.post(path, form, Some(&cookie)).await;
        assert_eq!(r.status, 400, "{path}: {}", r.body);
        assert!(r.body.contains("BadRequest"), "{path}: {}", r.body);
    }
    assert_eq!(app.get("/console/accounts/abc", Some(&cookie)).await.status, 200, "a bad id in a path is a page saying not found");
    app.cleanup().await;
});

http_test!(repeated_failures_are_rate_limited_with_a_clear_message, |engine| {
    let app = TestApp::on(engine).await;
    for _ in 0..app::auth::server::rate_limit::FREE_FAILURES {
        let r = app.post("/sf/sign_in", "email=buyer%40nova.example&password=wrong-password", None).await;
        assert!(r.body.contains("BadCredentials"));
    }
    let limited = app.post("/sf/sign_in", "email=buyer%40nova.example&password=keyport-demo-2026", None).await;
    assert!(limited.body.contains("RateLimited"), "{}", limited.body);
    assert_eq!(limited.status, 429);
    assert!(limited.cookie("kp_session").is_none());
    app.cleanup().await;
});

// Every server function, called by account A's admin with account B's ids,
// answers "not found" (or only A's data) and changes nothing of B. The list
// of cases must cover every registered server function: adding one without
// a case here fails this test.
http_test!(no_server_function_or_page_leaks_another_account, |engine| {
    let app = TestApp::on(engine).await;
    let acme_admin = app.sign_in("admin@acme.example").await;
    let nova = app.id("SELECT id FROM accounts WHERE code = $1", "NOVA").await;
    let nova_site = app.id("SELECT MIN(id) FROM sites WHERE account_id = (SELECT id FROM accounts WHERE code = $1)", "NOVA").await;
    let nova_user = app.id("SELECT id FROM users WHERE email = $1", "buyer@nova.example").await;
    let site = "name=X&address=Y&contact_name=Z&contact_phone=1";
    // an order of NOVA's, placed through the same door its buyer uses
    let nova_buyer = app.sign_in("buyer@nova.example").await;
    let order_json = |site: i64| {
        format!(
            r#"{{"input":{{"site_id":{site},"requested_date":null,"po_number":"PO-1","notes":"","lines":[{{"sku":"FST-010","quantity":1000,"requested_date":null}}]}},"idempotency_key":"k1","submit":false}}"#
        )
    };
    let placed = app.post_json("/sf/place_order", &order_json(nova_site), Some(&nova_buyer)).await;
    assert_eq!(placed.status, 200, "{}", placed.body);
    let nova_order: i64 = placed.body.trim().parse().unwrap();
    let nova_token = app.post("/sf/create_api_token", "name=NovaERP&password=keyport-demo-2026&expires_in_days=90", Some(&nova_buyer)).await;
    assert!(nova_token.body.contains("kp_"), "{}", nova_token.body);
    let nova_token: i64 = app.id("SELECT id FROM api_tokens WHERE name = $1", "NovaERP").await;
    // NOVA's order submitted, with a change request pending (its manager and the planner are told)
    let dated = format!(
        r#"{{"input":{{"site_id":{nova_site},"requested_date":"{}","po_number":"PO-1","notes":"","lines":[{{"sku":"FST-010","quantity":1000,"requested_date":null}}]}},"idempotency_key":"k0","submit":true}}"#,
        app::server::db::today() + time::Duration::days(60)
    );
    let submitted = app.post_json("/sf/place_order", &dated, Some(&nova_buyer)).await;
    assert_eq!(submitted.status, 200, "{}", submitted.body);
    let nova_submitted: i64 = submitted.body.trim().parse().unwrap();
    let line = app.id("SELECT MIN(line_key) FROM order_lines WHERE order_id = (SELECT MAX(id) FROM orders WHERE po_number = $1)", "PO-1").await;
    let change = format!(r#"{{"base_version":1,"reason":"more","changes":[{{"kind":"quantity","line_key":{line},"quantity":1500}}]}}"#);
    let sent = app.post_json("/sf/send_change", &format!(r#"{{"order_id":{nova_submitted},"input":{change},"idempotency_key":"c1"}}"#), Some(&nova_buyer)).await;
    assert_eq!(sent.status, 200, "{}", sent.body);
    let nova_change = app.id("SELECT MIN(id) FROM change_requests WHERE reason = $1", "more").await;
    let (nova_shipped, nova_shipment) = app.shipment_of("NOVA").await;
    let ship = r#"{"carrier":"sf","mode":"road","tracking_number":"X1","packages":1,"weight_grams":10,"ship_date":"2026-01-01","eta":null,"delivery_note":"","lines":[{"line_key":1,"quantity":1}]}"#;
    let team_note = app.id("SELECT MIN(n.id) FROM notifications n JOIN users u ON u.id = n.user_id WHERE u.email = $1", "planner@keyport.example").await;

    // path -> (form body, what the answer must contain)
    let cases: BTreeMap<&str, (String, &str)> = BTreeMap::from([
        ("/sf/account_detail", (format!("id={nova}"), "NotFound")),
        ("/sf/save_site", (format!("account_id={nova}&{site}"), "NotFound")),
        ("/sf/set_site_active", (format!("site_id={nova_site}&active=false"), "NotFound")),
        ("/sf/update_user", (format!("user_id={nova_user}&name=Hacked&role=viewer"), "NotFound")),
        ("/sf/set_user_active", (format!("user_id={nova_user}&active=false"), "NotFound")),
        ("/sf/save_account", (format!("id={nova}&code=NOVA&name=Hacked&tier=key&credit_limit=1&account_manager_id="), "Forbidden")),
        ("/sf/list_staff", (String::new(), "Forbidden")),
        ("/sf/list_accounts", (String::new(), "ACME")),
        ("/sf/my_account", (String::new(), "ACME")),
        ("/sf/current_user", (String::new(), "admin@acme.example")),
        ("/sf/sign_in_context", (String::new(), "signed_in")),
        ("/sf/invite_user", (format!("account_id={nova}&email=spy%40acme.example&name=Spy&role=viewer"), "invite")),
        ("/sf/invitation_email", ("token=nope".into(), "InvitationInvalid")),
        ("/sf/accept_invitation", ("token=nope&password=long-enough-1&confirm=long-enough-1".into(), "InvitationInvalid")),
        ("/sf/change_password", ("current=wrong-wrong&password=long-enough-1&confirm=long-enough-1".into(), "WrongCurrentPassword")),
        ("/sf/sign_in", ("email=buyer%40nova.example&password=wrong-password".into(), "BadCredentials")),
        ("/sf/sign_out", (String::new(), "")),
        ("/sf/order_detail", (format!("id={nova_order}"), "NotFound")),
        ("/sf/list_api_tokens", (String::new(), "[")),
        ("/sf/search_catalog", ("text=FST-010".into(), "FST-010")),
        ("/sf/create_api_token", ("name=Mine&password=keyport-demo-2026".into(), "kp_")),
        ("/sf/revoke_api_token", (format!("id={nova_token}"), "NotFound")),
        ("/sf/submit_order", (format!("id={nova_order}"), "NotFound")),
        ("/sf/accept_counter", (format!("id={nova_order}"), "NotFound")),
        ("/sf/decline_counter", (format!("id={nova_order}&reason=no"), "NotFound")),
        ("/sf/cancel_order", (format!("id={nova_order}&reason=no"), "NotFound")),
        ("/sf/confirm_order", (format!("id={nova_order}&promised_date=&message="), "Forbidden")),
        ("/sf/counter_order", (format!("id={nova_order}&counter_date=2030-01-01&message=x"), "Forbidden")),
        ("/sf/reject_order", (format!("id={nova_order}&reason=x"), "Forbidden")),
        ("/sf/start_production", (format!("id={nova_order}"), "Forbidden")),
        ("/sf/review_queue", (format!("account_id={nova}"), "Forbidden")),
        ("/sf/list_orders", (format!(r#"{{"filter":{{"account_id":{nova},"site_id":{nova_site}}}}}"#), "orders")),
        ("/sf/list_options", (format!("account_id={nova}"), "sites")),
        ("/sf/open_order_count", (String::new(), "0")),
        ("/sf/check_order", (r#"{"input":{"site_id":null,"requested_date":null,"po_number":"","notes":"","lines":[]}}"#.to_string(), "header")),
        ("/sf/place_order", (order_json(nova_site).replace("k1", "k2"), "site_id")),
        ("/sf/preview_change", (format!(r#"{{"order_id":{nova_submitted},"input":{change}}}"#), "NotFound")),
        ("/sf/send_change", (format!(r#"{{"order_id":{nova_submitted},"input":{change},"idempotency_key":"spy"}}"#), "NotFound")),
        ("/sf/change_request_page", (format!("id={nova_change}"), "NotFound")),
        ("/sf/order_change_requests", (format!("order_id={nova_submitted}"), "NotFound")),
        ("/sf/compare_versions", (format!("order_id={nova_submitted}"), "NotFound")),
        ("/sf/change_queue", (format!("account_id={nova}"), "Forbidden")),
        ("/sf/approve_change", (format!("id={nova_change}&promised_date=&message="), "Forbidden")),
        ("/sf/reject_change", (format!("id={nova_change}&reason=x"), "Forbidden")),
        ("/sf/counter_change", (format!(r#"{{"id":{nova_change},"changes":[],"message":"x"}}"#), "Forbidden")),
        ("/sf/accept_change_counter", (format!("id={nova_change}"), "NotFound")),
        ("/sf/withdraw_change", (format!("id={nova_change}&reason=x"), "NotFound")),
        ("/sf/rebase_change", (format!("id={nova_change}"), "NotFound")),
        ("/sf/my_inbox", (String::new(), "items")),
        ("/sf/unread_count", (String::new(), "0")),
        ("/sf/mark_read", (format!("id={team_note}"), "NotFound")),
        ("/sf/notification_settings", (String::new(), "muted")),
        ("/sf/save_notification_settings", (String::new(), "muted")),
        ("/sf/shipment_list", (format!("account_id={nova}&search=SF"), "items")),
        ("/sf/shipment_detail", (format!("id={nova_shipment}"), "NotFound")),
        ("/sf/shipments_of_order", (format!("order_id={nova_shipped}"), "NotFound")),
        ("/sf/create_shipment", (format!(r#"{{"order_id":{nova_shipped},"input":{ship},"idempotency_key":"spy"}}"#), "Forbidden")),
        ("/sf/record_tracking", (format!("shipment_id={nova_shipment}&kind=at_hub"), "Forbidden")),
        ("/sf/parked_carrier_events", (String::new(), "Forbidden")),
        // NOVA's shipment is on its way; ACME has none
        ("/sf/shipments_on_the_way", (String::new(), "0")),
        ("/sf/order_plan", (format!("order_id={nova_shipped}"), "NotFound")),
        ("/sf/shipping_options", (format!("order_id={nova_shipped}"), "NotFound")),
        ("/sf/choose_shipping", (format!("order_id={nova_shipped}&rate_id=1&reason=x"), "Forbidden")),
        ("/sf/rate_table", (String::new(), "Forbidden")),
        ("/sf/import_rates", ("csv=x".into(), "Forbidden")),
        ("/sf/portfolio", (format!("account_id={nova}"), "Forbidden")),
        ("/sf/order_inspections", (format!("order_id={nova_shipped}"), "NotFound")),
        ("/sf/record_inspection", (format!("order_id={nova_shipped}"), "Forbidden")),
        ("/sf/update_milestone", (format!("order_id={nova_shipped}&stage=qc&planned_start=2027-01-01&planned_end=2027-01-02"), "Forbidden")),
    ]);
    let registered: Vec<String> = leptos::server_fn::axum::server_fn_paths().map(|(path, _)| path.to_string()).collect();
    for path in &registered {
        assert!(cases.contains_key(path.as_str()), "server function {path} has no isolation case");
    }
    for (path, (form, expect)) in &cases {
        if *path == "/sf/sign_out" {
            continue; // run last: it ends the session the others use
        }
        let r = if form.starts_with('{') {
            app.post_json(path, form, Some(&acme_admin)).await
        } else if app::limits::MULTIPART_SERVER_FNS.contains(path) {
            let fields: Vec<(&str, &str)> = form.split('&').filter_map(|kv| kv.split_once('=')).collect();
            let (content_type, body) = support::multipart(&fields, None);
            let req = http::Request::post(*path).header("host", support::HOST).header("origin", support::ORIGIN).header("cookie", &acme_admin).header("content-type", content_type);
            app.send(req.body(axum::body::Body::from(body)).unwrap()).await
        } else {
            app.post(path, form, Some(&acme_admin)).await
        };
        assert!(r.body.contains(expect), "{path}: expected {expect}, got {} {}", r.status, r.body);
        let status = match *expect {
            "NotFound" => 404,
            "Forbidden" => 403,
            "InvitationInvalid" | "WrongCurrentPassword" | "site_id" => 422,
            "BadCredentials" => 401,
            _ => 200,
        };
        assert_eq!(r.status, status, "{path}");
        assert!(!r.body.contains("NOVA") && !r.body.contains("nova.example"), "{path} leaked: {}", r.body);
    }
    let spy_account: i64 = app.id("SELECT account_id FROM users WHERE email = $1", "spy@acme.example").await;
    assert_ne!(spy_account, nova, "an invitation never lands in another account");
    let (name, active): (String, i64) = sqlx::query_as("SELECT name, active FROM users WHERE id = $1").bind(nova_user).fetch_one(&app.db.pool).await.unwrap();
    assert_eq!((name.as_str(), active), ("Sun Li 孙丽", 1));
    let site_active: i64 = sqlx::query_scalar("SELECT active FROM sites WHERE id = $1").bind(nova_site).fetch_one(&app.db.pool).await.unwrap();
    assert_eq!(site_active, 1);
    let (status, orders): (String, i64) = sqlx::query_as("SELECT MIN(status), COUNT(*) FROM orders WHERE id <> $1").bind(nova_shipped).fetch_one(&app.db.pool).await.unwrap();
    assert_eq!((status.as_str(), orders), ("draft", 2), "NOVA's orders untouched, nothing placed at NOVA's site");
    let (change_status, changes): (String, i64) = sqlx::query_as("SELECT MIN(status), COUNT(*) FROM change_requests").fetch_one(&app.db.pool).await.unwrap();
    assert_eq!((change_status.as_str(), changes), ("pending", 1), "NOVA's request untouched");
    let read: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM notifications WHERE read_at IS NOT NULL").fetch_one(&app.db.pool).await.unwrap();
    assert_eq!(read, 0);
    let revoked: Option<i64> = sqlx::query_scalar("SELECT revoked_at FROM api_tokens WHERE id = $1").bind(nova_token).fetch_one(&app.db.pool).await.unwrap();
    assert_eq!(revoked, None, "NOVA's token still live");
    let (shipments, events): (i64, i64) = sqlx::query_as("SELECT (SELECT COUNT(*) FROM shipments), (SELECT COUNT(*) FROM tracking_events)").fetch_one(&app.db.pool).await.unwrap();
    assert_eq!((shipments, events), (1, 0), "NOVA's shipment untouched");

    // pages: another account's page is "not found", never its data
    let buyer = app.sign_in("buyer@acme.example").await;
    for path in [format!("/console/accounts/{nova}"), "/console/staff".to_string(), format!("/orders/{nova_order}"), "/orders".to_string()] {
        let page = app.get(&path, Some(&buyer)).await;
        assert!(!page.body.contains("NOVA Electronics") && !page.body.contains("Sun Li"), "{path} leaked");
    }
    let page = app.get(&format!("/console/accounts/{nova}"), Some(&buyer)).await;
    assert!(page.body.contains("Not found"), "{}", page.body);
    let nova_buyer = app.sign_in("buyer@nova.example").await;
    for path in ["/", "/account", "/settings", "/orders", "/orders/new"] {
        let page = app.get(path, Some(&nova_buyer)).await;
        assert_eq!(page.status, 200, "{path}");
        assert!(!page.body.contains("ACME Motors") && !page.body.contains("acme.example"), "{path} leaked ACME");
    }
    app.cleanup().await;
});

// Pages whose title comes from loaded data, under concurrent load: a
// reactive title once panicked on the server (read after disposal).
http_test!(data_titled_pages_hold_up_under_concurrency, |engine| {
    let app = std::sync::Arc::new(TestApp::on(engine).await);
    let buyer = app.sign_in("buyer@acme.example").await;
    let staff = app.sign_in("admin@keyport.example").await;
    let site = app.id("SELECT MIN(id) FROM sites WHERE account_id = (SELECT id FROM accounts WHERE code = $1)", "ACME").await;
    let body = format!(
        r#"{{"input":{{"site_id":{site},"requested_date":null,"po_number":"PO-1","notes":"","lines":[{{"sku":"FST-010","quantity":1000,"requested_date":null}}]}},"idempotency_key":"t1","submit":false}}"#
    );
    let id: i64 = app.post_json("/sf/place_order", &body, Some(&buyer)).await.body.trim().parse().unwrap();
    let mut tasks = Vec::new();
    for i in 0..96 {
        let (app, path, cookie) = if i % 2 == 0 { (app.clone(), format!("/orders/{id}"), buyer.clone()) } else { (app.clone(), "/console/accounts/1".to_string(), staff.clone()) };
        tasks.push(tokio::spawn(async move { app.get(&path, Some(&cookie)).await }));
    }
    for t in tasks {
        let r = t.await.expect("no handler panicked");
        assert_eq!(r.status, 200);
        assert!(r.body.contains("<title>SO-") || r.body.contains("<title>ACME Motors"), "the title names the order or account");
    }
});
