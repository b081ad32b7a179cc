//! The security review's findings, each as a story on both engines: input
//! bounds in the services (both doors), sign-in throttling, API token
//! lifetime, staff scope, literal search text, the periodic purge and the
//! demo-data guard. Each of these failed on the code before the review.
#![cfg(feature = "testing")]

use app::accounts::server::service as accounts;
use app::auth::server::{api_token, rate_limit, service as auth, session};
use app::both_engines;
use app::error::{AppError, Invalid};
use app::limits::{MAX_LINES, MAX_QUANTITY, REASON_MAX, SEARCH_MAX};
use app::orders::server::service as orders;
use app::orders::{CounterProposal, LineQuantity, OrderFilter, OrderInput, OrderLineInput};
use app::server::db::today;
use app::server::request::Actor;
use app::server::seed::{has_demo_users, seed_demo, DEMO_PASSWORD};
use app::server::{now, purge, Db, Settings};
use time::Duration;

async fn actor(db: &Db, email: &str) -> Actor {
    app::server::testing::demo_actor(db, email).await
}

async fn scalar(db: &Db, sql: &str) -> i64 {
    sqlx::query_scalar(sql).fetch_one(&db.pool).await.unwrap()
}

fn client(ip: &str) -> auth::Client<'_> {
    auth::Client { ip, user_agent: "test" }
}

fn order_input(site: i64, lines: usize, quantity: i64) -> OrderInput {
    OrderInput {
        site_id: Some(site),
        requested_date: Some(today() + Duration::days(60)),
        po_number: "PO-SEC".into(),
        notes: String::new(),
        lines: (0..lines).map(|_| OrderLineInput { sku: "FST-010".into(), quantity, requested_date: None }).collect(),
    }
}

fn fields(e: AppError) -> Vec<(String, Invalid)> {
    match e {
        AppError::Invalid(errors) => errors.into_iter().map(|e| (e.field, e.reason)).collect(),
        other => panic!("expected field errors, got {other:?}"),
    }
}

both_engines!(every_input_is_bounded_in_the_service, |db: Db| async move {
    seed_demo(&db).await.unwrap();
    let buyer = actor(&db, "buyer@acme.example").await;
    let site = scalar(&db, "SELECT MIN(s.id) FROM sites s JOIN accounts a ON a.id = s.account_id WHERE a.code = 'ACME'").await;
    let orders_before = scalar(&db, "SELECT COUNT(*) FROM orders").await;

    // too many lines, too large a quantity, a date past the horizon: refused before any work
    let e = orders::create_draft(&db, &buyer, &order_input(site, MAX_LINES + 1, 100), None).await.unwrap_err();
    assert_eq!(fields(e), vec![("lines".to_string(), Invalid::TooMany)]);
    let e = orders::create_draft(&db, &buyer, &order_input(site, 1, MAX_QUANTITY + 1), None).await.unwrap_err();
    assert_eq!(fields(e), vec![("lines.0.quantity".to_string(), Invalid::TooLarge)]);
    // the live check says so on the line, as the form shows it
    let report = orders::check(&db, &buyer, &order_input(site, 1, MAX_QUANTITY + 1)).await.unwrap();
    assert_eq!(report.lines[0].issues, vec![app::orders::feasibility::LineIssue::QuantityTooLarge]);
    assert!(orders::check(&db, &buyer, &order_input(site, MAX_LINES + 1, 1)).await.is_err(), "but not an order too large to check");
    let mut far = order_input(site, 1, 100);
    far.requested_date = Some(time::macros::date!(9999 - 12 - 31));
    let e = orders::place(&db, &buyer, &far, "far-key", true).await.unwrap_err();
    assert_eq!(fields(e), vec![("requested_date".to_string(), Invalid::TooFar)]);
    assert_eq!(scalar(&db, "SELECT COUNT(*) FROM orders").await, orders_before, "nothing written");

    // the largest order the bounds allow is answered (and its work is bounded: see feasibility's property test)
    let report = orders::check(&db, &buyer, &order_input(site, MAX_LINES, MAX_QUANTITY)).await.unwrap();
    assert_eq!(report.lines.len(), MAX_LINES);
    assert_eq!(report.order_earliest, None, "two billion bolts fit nowhere within two years");

    // a submit that cannot go through names the field, not "order"
    let mut undated = order_input(site, 1, 1_000);
    undated.requested_date = None;
    let id = orders::create_draft(&db, &buyer, &undated, None).await.unwrap();
    let e = orders::submit(&db, &buyer, id).await.unwrap_err();
    assert_eq!(fields(e), vec![("requested_date".to_string(), Invalid::Required)]);
    // placing and submitting at once: a refusal leaves no orphan draft, and
    // the fixed form (same page, same key) places exactly one order
    let before = scalar(&db, "SELECT COUNT(*) FROM orders").await;
    let e = orders::place(&db, &buyer, &undated, "page-key", true).await.unwrap_err();
    assert_eq!(fields(e), vec![("requested_date".to_string(), Invalid::Required)]);
    assert_eq!(scalar(&db, "SELECT COUNT(*) FROM orders").await, before, "nothing written");
    let fixed = order_input(site, 1, 1_000);
    let placed = orders::place(&db, &buyer, &fixed, "page-key", true).await.unwrap();
    assert_eq!(orders::place(&db, &buyer, &fixed, "page-key", true).await.unwrap(), placed, "a retry is the same order");
    assert_eq!(scalar(&db, "SELECT COUNT(*) FROM orders").await, before + 1);

    // reasons, messages, proposals and search text
    let dated = orders::place(&db, &buyer, &order_input(site, 1, 1_000), "dated-key", true).await.unwrap();
    let am = actor(&db, "am@keyport.example").await;
    let long = "x".repeat(REASON_MAX + 1);
    assert_eq!(fields(orders::reject(&db, &am, dated, &long).await.unwrap_err()), vec![("reason".to_string(), Invalid::TooLong)]);
    let key = orders::get(&db, &am, dated).await.unwrap().lines[0].line_key;
    let proposal = CounterProposal { date: None, quantities: vec![LineQuantity { line_key: key, quantity: MAX_QUANTITY + 1 }], message: "less".into() };
    assert_eq!(fields(orders::counter(&db, &am, dated, &proposal).await.unwrap_err()), vec![(format!("quantities[{key}]"), Invalid::TooLarge)]);
    let search = OrderFilter { search: Some("x".repeat(SEARCH_MAX + 1)), ..Default::default() };
    assert_eq!(fields(orders::list(&db, &buyer, &search).await.unwrap_err()), vec![("search".to_string(), Invalid::TooLong)]);
});

both_engines!(search_text_is_literal, |db: Db| async move {
    seed_demo(&db).await.unwrap();
    app::server::seed_history::seed_history(&db).await.unwrap();
    let buyer = actor(&db, "buyer@acme.example").await;
    let all = orders::list(&db, &buyer, &OrderFilter::default()).await.unwrap();
    assert!(!all.orders.is_empty());
    for wildcard in ["%", "_", "S_-", "%%"] {
        let found = orders::list(&db, &buyer, &OrderFilter { search: Some(wildcard.into()), ..Default::default() }).await.unwrap();
        assert!(found.orders.is_empty(), "{wildcard:?} matched {} orders as a wildcard", found.orders.len());
    }
    let number = all.orders[0].number.clone();
    let found = orders::list(&db, &buyer, &OrderFilter { search: Some(number[..6].to_lowercase()), ..Default::default() }).await.unwrap();
    assert!(!found.orders.is_empty(), "plain text still matches");
});

both_engines!(sign_in_throttle_is_per_email_and_client, |db: Db| async move {
    seed_demo(&db).await.unwrap();
    let settings = Settings::default();
    let email = "buyer@nova.example";
    for _ in 0..rate_limit::FREE_FAILURES {
        assert_eq!(auth::sign_in(&db, &settings, email, "wrong-guess", &client("203.0.113.66")).await, Err(AppError::BadCredentials));
    }
    // the attacker's address is held back, even with the right password...
    let held = auth::sign_in(&db, &settings, email, DEMO_PASSWORD, &client("203.0.113.66")).await.unwrap_err();
    match held {
        AppError::RateLimited { retry_after_secs } => assert!((1..=rate_limit::BACKOFF_BASE_SECS as u64).contains(&retry_after_secs)),
        other => panic!("expected a back-off, got {other:?}"),
    }
    // ...but the owner, elsewhere, is not locked out
    assert!(auth::sign_in(&db, &settings, email, DEMO_PASSWORD, &client("198.51.100.7")).await.is_ok());
    // each further failure doubles the wait
    let rows = scalar(&db, "SELECT COUNT(*) FROM sign_in_attempts WHERE key LIKE 'pair:buyer@nova.example|203.0.113.66'").await;
    assert_eq!(rows, rate_limit::FREE_FAILURES, "refused attempts are not kept");
    assert_eq!(rate_limit::backoff_secs(rows + 1), 2 * rate_limit::backoff_secs(rows));
});

both_engines!(a_parallel_burst_gets_no_extra_guesses, |db: Db| async move {
    seed_demo(&db).await.unwrap();
    let burst: Vec<_> = (0..16)
        .map(|_| {
            let db = db.clone();
            tokio::spawn(async move { auth::sign_in(&db, &Settings::default(), "buyer@acme.example", "wrong-guess", &client("203.0.113.99")).await })
        })
        .collect();
    let mut checked = 0;
    for attempt in burst {
        match attempt.await.unwrap() {
            Err(AppError::BadCredentials) => checked += 1,
            Err(AppError::RateLimited { .. }) => {}
            other => panic!("unexpected {other:?}"),
        }
    }
    // (under contention it may be fewer: each counts every attempt it can see)
    assert!(checked <= rate_limit::FREE_FAILURES, "{checked} guesses were checked");
});

both_engines!(password_checks_while_signed_in_are_throttled, |db: Db| async move {
    seed_demo(&db).await.unwrap();
    let viewer = actor(&db, "viewer@acme.example").await;
    for _ in 0..rate_limit::FREE_FAILURES {
        let e = auth::change_password(&db, &viewer, "wrong-guess", "a-new-password-1", "a-new-password-1").await.unwrap_err();
        assert_eq!(e.for_field("current"), Some(Invalid::WrongCurrentPassword));
    }
    let e = auth::change_password(&db, &viewer, DEMO_PASSWORD, "a-new-password-1", "a-new-password-1").await.unwrap_err();
    assert!(matches!(e, AppError::RateLimited { .. }), "{e:?}");
    // the token form asks for the password under the same throttle
    let e = auth::reauthenticate(&db, &viewer, DEMO_PASSWORD, "password").await.unwrap_err();
    assert!(matches!(e, AppError::RateLimited { .. }), "{e:?}");
});

both_engines!(api_tokens_expire_and_end_with_the_password_or_the_user, |db: Db| async move {
    seed_demo(&db).await.unwrap();
    let settings = Settings::default();
    let buyer = actor(&db, "buyer@acme.example").await;
    // a lifetime is chosen within bounds, 90 days by default
    for days in [0, api_token::MAX_DAYS + 1] {
        let e = api_token::issue(&db, buyer.user.id, "ERP", Some(days)).await.unwrap_err();
        assert_eq!(e.for_field("expires_in_days"), Some(Invalid::NotAllowed));
    }
    let t = api_token::issue(&db, buyer.user.id, "ERP", None).await.unwrap();
    assert!((t.expires_at - now() - api_token::DEFAULT_DAYS * 86_400).abs() < 5);
    assert!(api_token::actor(&db, &t.token).await.unwrap().is_some());
    // an expired token opens nothing
    sqlx::query("UPDATE api_tokens SET expires_at = $1 WHERE id = $2").bind(now() - 1).bind(t.id).execute(&db.pool).await.unwrap();
    db.cache.tokens.forget_where(|_| true);
    assert_eq!(api_token::actor(&db, &t.token).await.unwrap(), None);
    assert!(api_token::list(&db, &buyer).await.unwrap().iter().all(|x| x.id != t.id), "nor is it listed");

    // a password change revokes every token of the user
    let t = api_token::issue(&db, buyer.user.id, "ERP", Some(30)).await.unwrap();
    assert!(api_token::actor(&db, &t.token).await.unwrap().is_some());
    auth::change_password(&db, &buyer, DEMO_PASSWORD, "another-password-9", "another-password-9").await.unwrap();
    assert_eq!(api_token::actor(&db, &t.token).await.unwrap(), None, "revoked with the password change");

    // disabling a user revokes theirs
    let receiver = actor(&db, "receiver@acme.example").await;
    let t = api_token::issue(&db, receiver.user.id, "scanner", None).await.unwrap();
    assert!(api_token::actor(&db, &t.token).await.unwrap().is_some());
    let admin = actor(&db, "admin@acme.example").await;
    accounts::set_user_active(&db, &admin, receiver.user.id, false).await.unwrap();
    accounts::set_user_active(&db, &admin, receiver.user.id, true).await.unwrap();
    assert_eq!(api_token::actor(&db, &t.token).await.unwrap(), None, "re-enabling does not bring a token back");
    let _ = settings;
});

both_engines!(account_managers_work_their_own_accounts_and_money_stays_with_those_who_need_it, |db: Db| async move {
    seed_demo(&db).await.unwrap();
    // a second account manager takes NOVA over
    let am2: i64 = sqlx::query_scalar(
        "INSERT INTO users (account_id, email, name, role, password_hash, active, created_at) \
         SELECT NULL, 'am2@keyport.example', 'Second AM', 'account_manager', password_hash, 1, 0 FROM users WHERE email = 'am@keyport.example' RETURNING id",
    )
    .fetch_one(&db.pool)
    .await
    .unwrap();
    sqlx::query("UPDATE accounts SET account_manager_id = $1 WHERE code = 'NOVA'").bind(am2).execute(&db.pool).await.unwrap();
    let nova_buyer = actor(&db, "buyer@nova.example").await;
    let site = scalar(&db, "SELECT MIN(s.id) FROM sites s JOIN accounts a ON a.id = s.account_id WHERE a.code = 'NOVA'").await;
    let id = orders::place(&db, &nova_buyer, &order_input(site, 1, 1_000), "nova-1", true).await.unwrap();

    // ACME's manager neither sees nor decides NOVA's order
    let am = actor(&db, "am@keyport.example").await;
    assert_eq!(orders::get(&db, &am, id).await.unwrap_err(), AppError::NotFound);
    assert_eq!(orders::confirm(&db, &am, id, None, "").await.unwrap_err(), AppError::NotFound);
    assert_eq!(orders::reject(&db, &am, id, "no").await.unwrap_err(), AppError::NotFound);
    assert!(orders::review_queue(&db, &am, None).await.unwrap().iter().all(|o| o.id != id));
    assert!(accounts::list(&db, &am).await.unwrap().iter().all(|a| a.code != "NOVA"));
    // NOVA's manager does
    let am2 = actor(&db, "am2@keyport.example").await;
    assert!(orders::review_queue(&db, &am2, None).await.unwrap().iter().any(|o| o.id == id));
    orders::confirm(&db, &am2, id, None, "ok").await.unwrap();
    // counts follow the same scope: NOVA's open order is NOVA's and its manager's
    assert_eq!(orders::open_count(&db, &am2).await.unwrap(), 1);
    assert_eq!(orders::open_count(&db, &nova_buyer).await.unwrap(), 1);
    assert_eq!(orders::open_count(&db, &am).await.unwrap(), 0);
    assert_eq!(orders::open_count(&db, &actor(&db, "buyer@acme.example").await).await.unwrap(), 0);

    // planners and support read the order without prices, the account without its credit limit
    for email in ["planner@keyport.example", "support@keyport.example"] {
        let staff = actor(&db, email).await;
        let order = orders::get(&db, &staff, id).await.unwrap();
        assert_eq!(order.total, None, "{email}");
        assert!(order.lines.iter().all(|l| l.unit_price.is_none()), "{email}");
        assert!(orders::list(&db, &staff, &OrderFilter::default()).await.unwrap().orders.iter().all(|o| o.total.is_none()));
        assert!(accounts::list(&db, &staff).await.unwrap().iter().all(|a| a.credit_limit.is_none()), "{email}");
    }
    // the staff admin sees everything, with money
    let admin = actor(&db, "admin@keyport.example").await;
    assert!(orders::get(&db, &admin, id).await.unwrap().total.is_some());
    assert!(accounts::list(&db, &admin).await.unwrap().iter().all(|a| a.credit_limit.is_some()));
});

both_engines!(the_purge_removes_only_what_has_expired, |db: Db| async move {
    seed_demo(&db).await.unwrap();
    let settings = Settings::default();
    let buyer = actor(&db, "buyer@acme.example").await;
    let t = now();
    let uid = buyer.user.id;
    for (id, last_seen, expires) in [("old-expired", t - 10, t - 1), ("old-idle", t - settings.session_idle_secs - 5, t + 3600), ("live", t, t + 3600)] {
        sqlx::query("INSERT INTO sessions (id, user_id, created_at, last_seen_at, expires_at, ip, user_agent) VALUES ($1, $2, $3, $3, $4, 'x', 'x')")
            .bind(id)
            .bind(uid)
            .bind(last_seen)
            .bind(expires)
            .execute(&db.pool)
            .await
            .unwrap();
    }
    for (key, at) in [("old", t - purge::IDEMPOTENCY_RETENTION_SECS - 1), ("new", t)] {
        sqlx::query("INSERT INTO idempotency_keys (user_id, key, request_hash, response, created_at) VALUES ($1, $2, 'h', '1', $3)")
            .bind(uid)
            .bind(key)
            .bind(at)
            .execute(&db.pool)
            .await
            .unwrap();
    }
    for at in [t - 2 * 24 * 3600, t] {
        sqlx::query("INSERT INTO sign_in_attempts (key, at) VALUES ('pair:x|y', $1)").bind(at).execute(&db.pool).await.unwrap();
    }
    let sessions_before = scalar(&db, "SELECT COUNT(*) FROM sessions").await;
    let done = purge::purge(&db, &settings).await.unwrap();
    assert_eq!((done.sessions, done.idempotency_keys, done.sign_in_attempts), (2, 1, 1));
    assert_eq!(scalar(&db, "SELECT COUNT(*) FROM sessions").await, sessions_before - 2);
    assert_eq!(scalar(&db, "SELECT COUNT(*) FROM sessions WHERE id = 'live'").await, 1);
    assert_eq!(scalar(&db, "SELECT COUNT(*) FROM idempotency_keys WHERE key = 'new'").await, 1);
    // the signed-in buyer's own session is untouched
    assert!(session::lookup(&db, &settings, "no-such-token").await.unwrap().is_none());
    assert_eq!(scalar(&db, &format!("SELECT COUNT(*) FROM sessions WHERE id = '{}'", buyer.session_id)).await, 1);
});

both_engines!(demo_users_are_recognised_and_the_first_admin_comes_from_a_link, |db: Db| async move {
    assert!(!has_demo_users(&db).await.unwrap());
    assert!(app::server::seed::has_no_users(&db).await.unwrap());
    let token = accounts::bootstrap_admin(&db, "it@supplier.example", "IT Admin").await.unwrap();
    assert_eq!(auth::invitation_email(&db, &token).await.unwrap(), "it@supplier.example");
    let settings = Settings::default();
    let session = auth::accept_invitation(&db, &settings, &token, "a-strong-password", "a-strong-password", &client("10.0.0.1")).await.unwrap();
    let admin = session::lookup(&db, &settings, &session).await.unwrap().unwrap();
    assert_eq!(admin.role(), app::accounts::Role::StaffAdmin);
    assert_eq!(accounts::bootstrap_admin(&db, "it@supplier.example", "Again").await.unwrap_err().for_field("email"), Some(Invalid::Taken));
    assert!(!has_demo_users(&db).await.unwrap(), "a real installation has no demo users");
    seed_demo(&db).await.unwrap();
    assert!(has_demo_users(&db).await.unwrap());
});

/// With SQLite, one process serves a database file, so what it keeps in
/// memory can never be stale; a second is refused.
#[tokio::test]
async fn a_sqlite_file_has_one_owner() {
    let dir = std::env::temp_dir().join(format!("kp_owner_{}", std::process::id()));
    let url = format!("sqlite://{}/keyport.db", dir.display());
    let first = Db::connect(&url).await.expect("the first opens it");
    let second = Db::connect(&url).await;
    assert!(second.is_err(), "a second owner must be refused");
    first.close().await;
    drop(first);
    let again = Db::connect(&url).await.expect("free again once the first is gone");
    again.close().await;
    let _ = std::fs::remove_dir_all(dir);
}
