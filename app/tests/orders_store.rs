//! Orders on both engines: numbering, contract prices, idempotency (also
//! under concurrency), transitions with their timeline, tenant isolation,
//! and all-or-nothing writes.
#![cfg(feature = "testing")]

use app::both_engines;
use app::error::{AppError, Invalid};
use app::orders::server::service;
use app::orders::{counter_quantity_field, CounterProposal, LineQuantity, OrderInput, OrderLineInput, OrderStatus};
use app::server::db::{date_text, today};
use app::server::request::Actor;
use app::server::seed::seed_demo;
use app::server::Db;
use time::Duration;

async fn actor(db: &Db, email: &str) -> Actor {
    app::server::testing::demo_actor(db, email).await
}

async fn site_of(db: &Db, code: &str) -> i64 {
    sqlx::query_scalar("SELECT MIN(s.id) FROM sites s JOIN accounts a ON a.id = s.account_id WHERE a.code = $1").bind(code).fetch_one(&db.pool).await.unwrap()
}

async fn count(db: &Db, sql: &str) -> i64 {
    sqlx::query_scalar(sql).fetch_one(&db.pool).await.unwrap()
}

fn input(site: i64, lines: &[(&str, i64)]) -> OrderInput {
    OrderInput {
        site_id: Some(site),
        requested_date: Some(today() + Duration::days(60)),
        po_number: "PO-4711".into(),
        notes: String::new(),
        lines: lines.iter().map(|(sku, q)| OrderLineInput { sku: sku.to_string(), quantity: *q, requested_date: None }).collect(),
    }
}

both_engines!(drafts_get_numbers_and_contract_prices, |db: Db| async move {
    seed_demo(&db).await.unwrap();
    let buyer = actor(&db, "buyer@acme.example").await;
    let site = site_of(&db, "ACME").await;
    let list: i64 = sqlx::query_scalar("SELECT list_price_minor FROM products WHERE sku = 'FST-010'").fetch_one(&db.pool).await.unwrap();
    let id = service::create_draft(&db, &buyer, &input(site, &[("fst-010", 1_000), ("BRG-020", 200)]), None).await.unwrap();
    let order = service::get(&db, &buyer, id).await.unwrap();
    assert_eq!(order.number, format!("SO-{}-000001", today().year()));
    assert_eq!(order.status, OrderStatus::Draft);
    assert_eq!(order.lines.len(), 2);
    assert_eq!(order.lines[0].sku, "FST-010", "SKUs are matched without regard to case");
    assert_eq!(order.lines[0].unit_price.as_ref().unwrap().minor, list);
    assert_eq!(order.total.as_ref().unwrap().minor, order.lines.iter().map(|l| l.quantity * l.unit_price.as_ref().unwrap().minor).sum::<i64>());

    // a contract price valid today applies to ACME only
    let product: i64 = sqlx::query_scalar("SELECT id FROM products WHERE sku = 'FST-010'").fetch_one(&db.pool).await.unwrap();
    let acme: i64 = sqlx::query_scalar("SELECT id FROM accounts WHERE code = 'ACME'").fetch_one(&db.pool).await.unwrap();
    sqlx::query("INSERT INTO price_agreements (account_id, product_id, unit_price_minor, currency, valid_from, valid_to, created_at) VALUES ($1, $2, 61, 'CNY', $3, NULL, 0)")
        .bind(acme)
        .bind(product)
        .bind(date_text(today() - Duration::days(1)))
        .execute(&db.pool)
        .await
        .unwrap();
    let second = service::create_draft(&db, &buyer, &input(site, &[("FST-010", 1_000)]), None).await.unwrap();
    let second = service::get(&db, &buyer, second).await.unwrap();
    assert_eq!(second.lines[0].unit_price.as_ref().unwrap().minor, 61);
    assert_eq!(second.number, format!("SO-{}-000002", today().year()));
    let nova_buyer = actor(&db, "buyer@nova.example").await;
    let nova = service::create_draft(&db, &nova_buyer, &input(site_of(&db, "NOVA").await, &[("FST-010", 1_000)]), None).await.unwrap();
    assert_eq!(service::get(&db, &nova_buyer, nova).await.unwrap().lines[0].unit_price.as_ref().unwrap().minor, list, "never another account's price");
});

both_engines!(bad_drafts_write_nothing, |db: Db| async move {
    seed_demo(&db).await.unwrap();
    let buyer = actor(&db, "buyer@acme.example").await;
    let site = site_of(&db, "ACME").await;
    let bad = service::create_draft(&db, &buyer, &input(site, &[("NOPE-1", 10), ("FST-010", 0)]), Some("k-1")).await.unwrap_err();
    assert_eq!(bad.for_field("lines.0.sku"), Some(Invalid::NotAllowed));
    assert_eq!(bad.for_field("lines.1.quantity"), Some(Invalid::Amount));
    let foreign = service::create_draft(&db, &buyer, &input(site_of(&db, "NOVA").await, &[("FST-010", 100)]), None).await.unwrap_err();
    assert_eq!(foreign.for_field("site_id"), Some(Invalid::NotAllowed), "another account's site");
    assert_eq!(count(&db, "SELECT COUNT(*) FROM orders").await, 0);
    assert_eq!(count(&db, "SELECT COUNT(*) FROM idempotency_keys").await, 0, "a failed request leaves its key free");
    assert_eq!(count(&db, "SELECT COUNT(*) FROM order_number_counters").await, 0);
    let viewer = actor(&db, "viewer@acme.example").await;
    assert_eq!(service::create_draft(&db, &viewer, &input(site, &[("FST-010", 100)]), None).await, Err(AppError::Forbidden));
    // the key of the failed attempt works for the corrected request
    assert!(service::create_draft(&db, &buyer, &input(site, &[("FST-010", 100)]), Some("k-1")).await.is_ok());
});

both_engines!(retries_never_create_two_orders, |db: Db| async move {
    seed_demo(&db).await.unwrap();
    let buyer = actor(&db, "buyer@acme.example").await;
    let site = site_of(&db, "ACME").await;
    let body = input(site, &[("SEL-030", 300)]);
    let first = service::create_draft(&db, &buyer, &body, Some("click-1")).await.unwrap();
    assert_eq!(service::create_draft(&db, &buyer, &body, Some("click-1")).await.unwrap(), first);
    let other = input(site, &[("SEL-030", 350)]);
    assert_eq!(service::create_draft(&db, &buyer, &other, Some("click-1")).await, Err(AppError::IdempotencyConflict));
    // keys are per user: another user's same key is another request
    let admin = actor(&db, "admin@acme.example").await;
    assert_ne!(service::create_draft(&db, &admin, &body, Some("click-1")).await.unwrap(), first);

    // eight concurrent submits of one request: exactly one order
    let mut tasks = Vec::new();
    for _ in 0..8 {
        let (db, buyer, body) = (db.clone(), buyer.clone(), input(site, &[("GSK-050", 1_000)]));
        tasks.push(tokio::spawn(async move { service::create_draft(&db, &buyer, &body, Some("burst")).await }));
    }
    let mut ids = Vec::new();
    for t in tasks {
        ids.push(t.await.unwrap().expect("every twin gets the answer"));
    }
    ids.dedup();
    assert_eq!(ids.len(), 1, "{ids:?}");
    assert_eq!(count(&db, "SELECT COUNT(*) FROM orders").await, 3);

    // placing with submit, eight times at once (a double click while the
    // first is in flight): one order, submitted once, every twin told so
    let mut tasks = Vec::new();
    for _ in 0..8 {
        let (db, buyer, body) = (db.clone(), buyer.clone(), input(site, &[("GSK-050", 1_000)]));
        tasks.push(tokio::spawn(async move { service::place(&db, &buyer, &body, "burst-submit", true).await }));
    }
    let mut ids = Vec::new();
    for t in tasks {
        ids.push(t.await.unwrap().expect("every twin gets the answer"));
    }
    ids.dedup();
    assert_eq!(ids.len(), 1, "{ids:?}");
    assert_eq!(service::get(&db, &buyer, ids[0]).await.unwrap().status, OrderStatus::Submitted);
    assert_eq!(count(&db, &format!("SELECT COUNT(*) FROM order_events WHERE order_id = {} AND to_status = 'submitted'", ids[0])).await, 1);
    assert_eq!(count(&db, "SELECT COUNT(*) FROM orders").await, 4);
});

// Sites are kept a few seconds in memory: deactivating one must still stop
// the very next order to it.
both_engines!(a_deactivated_site_takes_no_new_orders, |db: Db| async move {
    seed_demo(&db).await.unwrap();
    let buyer = actor(&db, "buyer@acme.example").await;
    let admin = actor(&db, "admin@acme.example").await;
    let site = site_of(&db, "ACME").await;
    let first = service::create_draft(&db, &buyer, &input(site, &[("FST-010", 1_000)]), Some("before")).await.unwrap();
    app::accounts::server::service::set_site_active(&db, &admin, site, false).await.unwrap();
    let refused = service::create_draft(&db, &buyer, &input(site, &[("FST-010", 1_000)]), Some("after")).await.unwrap_err();
    assert_eq!(refused.for_field("site_id"), Some(Invalid::NotAllowed));
    // a retry of the order placed before still gets its first answer
    let again = service::create_draft(&db, &buyer, &input(site, &[("FST-010", 1_000)]), Some("before")).await;
    assert_eq!(again, Ok(first));
    assert_eq!(count(&db, "SELECT COUNT(*) FROM orders").await, 1);
});

both_engines!(concurrent_orders_get_distinct_numbers, |db: Db| async move {
    seed_demo(&db).await.unwrap();
    let buyer = actor(&db, "buyer@nova.example").await;
    let site = site_of(&db, "NOVA").await;
    let mut tasks = Vec::new();
    for i in 0..12 {
        let (db, buyer, body) = (db.clone(), buyer.clone(), input(site, &[("PCB-010", 100 + i * 50)]));
        tasks.push(tokio::spawn(async move { service::create_draft(&db, &buyer, &body, None).await.unwrap() }));
    }
    for t in tasks {
        t.await.unwrap();
    }
    let numbers: Vec<String> = sqlx::query_scalar("SELECT number FROM orders ORDER BY number").fetch_all(&db.pool).await.unwrap();
    let expected: Vec<String> = (1..=12).map(|n| format!("SO-{}-{n:06}", today().year())).collect();
    assert_eq!(numbers, expected, "unique and without gaps");
});

both_engines!(transitions_follow_the_machine_and_leave_a_timeline, |db: Db| async move {
    seed_demo(&db).await.unwrap();
    let buyer = actor(&db, "buyer@acme.example").await;
    let am = actor(&db, "am@keyport.example").await;
    let nova = actor(&db, "buyer@nova.example").await;
    let site = site_of(&db, "ACME").await;
    let id = service::create_draft(&db, &buyer, &input(site, &[("HSG-010", 200)]), None).await.unwrap();

    assert_eq!(service::get(&db, &nova, id).await, Err(AppError::NotFound), "another account's order does not exist for them");
    assert_eq!(service::submit(&db, &nova, id).await, Err(AppError::NotFound));
    assert_eq!(service::confirm(&db, &am, id, None, "").await, Err(AppError::InvalidTransition), "drafts are not reviewed");

    let submitted = service::submit(&db, &buyer, id).await.unwrap();
    assert_eq!(submitted.status, OrderStatus::Submitted);
    assert!(submitted.dates_feasible && !submitted.over_credit);
    assert_eq!(service::submit(&db, &buyer, id).await, Err(AppError::InvalidTransition), "a second submit changes nothing");
    assert_eq!(service::confirm(&db, &buyer, id, None, "").await, Err(AppError::Forbidden), "customers do not confirm");
    let confirmed = service::confirm(&db, &am, id, None, "capacity checked").await.unwrap();
    assert_eq!(confirmed.status, OrderStatus::Confirmed);
    assert_eq!(confirmed.promised_date, confirmed.requested_date, "the feasible requested date becomes the promise");
    let started = service::start_production(&db, &am, id).await.unwrap();
    let timeline: Vec<_> = started.events.iter().map(|e| (e.kind.as_str(), e.to_status, e.actor.as_str())).collect();
    assert_eq!(
        timeline,
        vec![
            ("created", None, "Bob Buyer"),
            ("transition", Some(OrderStatus::Submitted), "Bob Buyer"),
            ("transition", Some(OrderStatus::Confirmed), "Li Wei 李伟"),
            ("transition", Some(OrderStatus::InProduction), "Li Wei 李伟"),
        ]
    );
    assert_eq!(started.events[2].reason, "capacity checked");

    // an incomplete draft cannot be submitted
    let mut incomplete = input(site, &[("HSG-010", 200)]);
    incomplete.site_id = None;
    let draft = service::create_draft(&db, &buyer, &incomplete, None).await.unwrap();
    assert!(matches!(service::submit(&db, &buyer, draft).await, Err(AppError::Invalid(_))));
});

both_engines!(negotiation_by_counter_proposal, |db: Db| async move {
    seed_demo(&db).await.unwrap();
    let buyer = actor(&db, "buyer@acme.example").await;
    let am = actor(&db, "am@keyport.example").await;
    let site = site_of(&db, "ACME").await;
    let counter_date = today() + Duration::days(90);
    let id = service::create_draft(&db, &buyer, &input(site, &[("CBL-010", 20)]), None).await.unwrap();
    service::submit(&db, &buyer, id).await.unwrap();
    assert_eq!(service::counter(&db, &am, id, &dated(counter_date, " ")).await.unwrap_err().for_field("message"), Some(Invalid::Required));
    let same = CounterProposal { message: "no change".into(), ..Default::default() };
    assert_eq!(service::counter(&db, &am, id, &same).await.unwrap_err().for_field("counter_date"), Some(Invalid::Required), "a proposal must change something");
    let countered = service::counter(&db, &am, id, &dated(counter_date, "Line 1 can ship later")).await.unwrap();
    assert_eq!((countered.status, countered.counter_date), (OrderStatus::Countered, Some(counter_date)));
    // only those who order for the account answer a proposal
    let viewer = actor(&db, "viewer@acme.example").await;
    assert_eq!(service::accept_counter(&db, &viewer, id).await, Err(AppError::Forbidden));
    assert_eq!(service::decline_counter(&db, &viewer, id, "no").await, Err(AppError::Forbidden));
    let accepted = service::accept_counter(&db, &buyer, id).await.unwrap();
    assert_eq!(accepted.status, OrderStatus::Confirmed);
    assert_eq!(accepted.promised_date, Some(counter_date));
    assert_eq!(accepted.counter_date, None);
    let kinds: Vec<_> = accepted.events.iter().filter_map(|e| e.to_status).collect();
    assert_eq!(kinds, vec![OrderStatus::Submitted, OrderStatus::Countered, OrderStatus::Confirmed]);
    assert_eq!(accepted.events[2].reason, "Line 1 can ship later", "both sides see the message");

    // declining cancels; rejecting needs a reason
    let id2 = service::create_draft(&db, &buyer, &input(site, &[("CBL-010", 20)]), None).await.unwrap();
    service::submit(&db, &buyer, id2).await.unwrap();
    service::counter(&db, &am, id2, &dated(counter_date, "Later please")).await.unwrap();
    assert_eq!(service::decline_counter(&db, &buyer, id2, "too late").await.unwrap().status, OrderStatus::Cancelled);
    let id3 = service::create_draft(&db, &buyer, &input(site, &[("CBL-010", 20)]), None).await.unwrap();
    service::submit(&db, &buyer, id3).await.unwrap();
    assert_eq!(service::reject(&db, &am, id3, "").await.unwrap_err().for_field("reason"), Some(Invalid::Required));
    assert_eq!(service::reject(&db, &am, id3, "Discontinued").await.unwrap().status, OrderStatus::Rejected);
    let queue = service::review_queue(&db, &am, None).await.unwrap();
    assert!(queue.is_empty(), "nothing left to review: {queue:?}");
    assert_eq!(service::review_queue(&db, &buyer, None).await, Err(AppError::Forbidden));
});

fn dated(date: time::Date, message: &str) -> CounterProposal {
    CounterProposal { date: Some(date), quantities: vec![], message: message.into() }
}

both_engines!(a_counter_with_quantities_makes_a_new_version_when_accepted, |db: Db| async move {
    seed_demo(&db).await.unwrap();
    let buyer = actor(&db, "buyer@acme.example").await;
    let am = actor(&db, "am@keyport.example").await;
    let site = site_of(&db, "ACME").await;
    let id = service::create_draft(&db, &buyer, &input(site, &[("CBL-010", 20), ("CBL-020", 20)]), None).await.unwrap();
    let submitted = service::submit(&db, &buyer, id).await.unwrap();
    let (first, second) = (submitted.lines[0].clone(), submitted.lines[1].clone());
    let qty = |key: i64, quantity: i64| LineQuantity { line_key: key, quantity };
    let proposal = |q: Vec<LineQuantity>| CounterProposal { date: None, quantities: q, message: "We can make 15 now".into() };

    // bad proposals name the line's field and change nothing
    let field = counter_quantity_field(second.line_key);
    for bad in [vec![qty(second.line_key, 0)], vec![qty(second.line_key, 12)], vec![qty(999, 15)]] {
        let err = service::counter(&db, &am, id, &proposal(bad.clone())).await.unwrap_err();
        let named = bad[0].line_key;
        assert_eq!(err.for_field(&counter_quantity_field(named)), Some(Invalid::Quantity), "{bad:?}: {err:?}");
    }
    assert_eq!(service::get(&db, &buyer, id).await.unwrap().status, OrderStatus::Submitted);

    // quantities only: the date stays the order's own
    let countered = service::counter(&db, &am, id, &proposal(vec![qty(first.line_key, 20), qty(second.line_key, 15)])).await.unwrap();
    assert_eq!(countered.status, OrderStatus::Countered);
    assert_eq!(countered.counter_date, submitted.requested_date);
    assert_eq!((countered.lines[0].counter_quantity, countered.lines[1].counter_quantity), (None, Some(15)), "{field}");
    let step = countered.events.last().unwrap();
    assert_eq!((step.quantities.len(), step.quantities[0].from, step.quantities[0].to), (1, 20, 15), "the timeline shows the proposal");

    let accepted = service::accept_counter(&db, &buyer, id).await.unwrap();
    assert_eq!((accepted.status, accepted.version), (OrderStatus::Confirmed, 2));
    assert_eq!(accepted.lines.iter().map(|l| l.quantity).collect::<Vec<_>>(), vec![20, 15]);
    assert_eq!(accepted.lines.iter().map(|l| l.line_key).collect::<Vec<_>>(), vec![first.line_key, second.line_key], "line keys carry over");
    assert!(accepted.lines.iter().all(|l| l.counter_quantity.is_none()));
    let sum: i64 = accepted.lines.iter().map(|l| l.quantity * l.unit_price.as_ref().unwrap().minor).sum();
    assert_eq!(accepted.total.as_ref().unwrap().minor, sum, "the total follows the new version");
    assert_eq!(accepted.promised_date, submitted.requested_date);
    // the first version is kept as it was
    let v1: i64 = count(&db, &format!("SELECT CAST(SUM(quantity) AS BIGINT) FROM order_lines WHERE order_id = {id} AND version = 1")).await;
    assert_eq!(v1, 40);

    // declining a quantity proposal keeps the lines and cancels
    let id2 = service::create_draft(&db, &buyer, &input(site, &[("CBL-010", 20)]), None).await.unwrap();
    let o2 = service::submit(&db, &buyer, id2).await.unwrap();
    service::counter(&db, &am, id2, &proposal(vec![qty(o2.lines[0].line_key, 10)])).await.unwrap();
    let declined = service::decline_counter(&db, &buyer, id2, "need all 20").await.unwrap();
    assert_eq!((declined.status, declined.version, declined.lines[0].quantity, declined.lines[0].counter_quantity), (OrderStatus::Cancelled, 1, 20, None));
});

both_engines!(booked_orders_push_later_ones_out, |db: Db| async move {
    seed_demo(&db).await.unwrap();
    let buyer = actor(&db, "buyer@acme.example").await;
    let nova_buyer = actor(&db, "buyer@nova.example").await;
    let am = actor(&db, "am@keyport.example").await;
    let (capacity, lead): (i64, i64) = sqlx::query_as("SELECT weekly_capacity, lead_time_days FROM products WHERE sku = 'HSG-050'").fetch_one(&db.pool).await.unwrap();
    let wanted = today() + Duration::days(lead + 21);
    let n = (lead + 6) / 7;
    let big = capacity * n.max(1) / 50 * 50; // a whole number of packs
    let mut first = input(site_of(&db, "ACME").await, &[("HSG-050", big)]);
    first.requested_date = Some(wanted);
    let first_report = service::check(&db, &buyer, &first).await.unwrap();
    assert!(first_report.dates_feasible(), "{first_report:?}");
    let id = service::create_draft(&db, &buyer, &first, None).await.unwrap();
    service::submit(&db, &buyer, id).await.unwrap();
    service::confirm(&db, &am, id, None, "").await.unwrap();
    // another account wants the same product in the same week: the window is full
    let mut second = input(site_of(&db, "NOVA").await, &[("HSG-050", 500)]);
    second.requested_date = Some(wanted);
    let report = service::check(&db, &nova_buyer, &second).await.unwrap();
    assert!(!report.dates_feasible(), "{report:?}");
    let offered = report.order_earliest.unwrap();
    assert!(offered > wanted);
    second.requested_date = Some(offered);
    assert!(service::check(&db, &nova_buyer, &second).await.unwrap().dates_feasible(), "the offered date works");
    // and the credit: ACME's open order counts against its limit
    let mut huge = input(site_of(&db, "ACME").await, &[("HSG-050", 100_000)]);
    huge.requested_date = Some(wanted);
    assert!(service::check(&db, &buyer, &huge).await.unwrap().over_credit());
});

both_engines!(demo_history_spans_eighteen_months_in_every_state, |db: Db| async move {
    seed_demo(&db).await.unwrap();
    assert!(app::server::seed_history::seed_history(&db).await.unwrap());
    assert!(!app::server::seed_history::seed_history(&db).await.unwrap(), "once only");
    for code in ["ACME", "NOVA"] {
        let (n, oldest): (i64, i64) = sqlx::query_as("SELECT COUNT(*), MIN(o.created_at) FROM orders o JOIN accounts a ON a.id = o.account_id WHERE a.code = $1")
            .bind(code)
            .fetch_one(&db.pool)
            .await
            .unwrap();
        assert!(n > 100, "{code}: {n} orders");
        let months = (app::server::now() - oldest) / (30 * 86400);
        assert!(months >= 16, "{code}: history of {months} months");
        let prices: i64 =
            sqlx::query_scalar("SELECT COUNT(*) FROM price_agreements p JOIN accounts a ON a.id = p.account_id WHERE a.code = $1").bind(code).fetch_one(&db.pool).await.unwrap();
        assert!(prices >= 10, "{code}: {prices} contract prices");
    }
    let states: i64 = sqlx::query_scalar("SELECT COUNT(DISTINCT status) FROM orders").fetch_one(&db.pool).await.unwrap();
    assert!(states >= 11, "{states} states");
    // totals balance with lines
    let off: i64 = sqlx::query_scalar(
        "SELECT COUNT(*) FROM orders o WHERE o.total_minor <> (SELECT CAST(SUM(quantity * unit_price_minor) AS BIGINT) FROM order_lines l WHERE l.order_id = o.id)",
    )
    .fetch_one(&db.pool)
    .await
    .unwrap();
    assert_eq!(off, 0);
    // new orders continue the numbering
    let buyer = actor(&db, "buyer@acme.example").await;
    let id = service::create_draft(&db, &buyer, &input(site_of(&db, "ACME").await, &[("FST-020", 200)]), None).await.unwrap();
    assert!(service::get(&db, &buyer, id).await.is_ok());
});

/// The running totals of booked capacity, and what a rebuild from the
/// order lines gives (they must always be equal).
async fn bookings_and_rebuilt(db: &Db) -> (Vec<(i64, String, i64)>, Vec<(i64, String, i64)>) {
    use app::orders::server::bookings;
    let running = bookings::totals(db).await.unwrap();
    let mut tx = db.begin().await.unwrap();
    bookings::rebuild(&mut tx).await.unwrap();
    let rebuilt: Vec<(i64, String, i64)> =
        sqlx::query_as("SELECT product_id, due, quantity FROM capacity_bookings WHERE quantity <> 0 ORDER BY product_id, due").fetch_all(&mut *tx).await.unwrap();
    drop(tx); // rolled back: the running totals stay as they were
    (running, rebuilt)
}

// Every transition moves its order's share of booked capacity in its own
// transaction: after submitting, counter-proposing quantities and a date,
// accepting (a new version), confirming, cancelling and rejecting, the
// running totals equal a rebuild from the lines, with the demo history
// (written directly, booked by its own rebuild) underneath.
both_engines!(booked_capacity_follows_every_transition, |db: Db| async move {
    seed_demo(&db).await.unwrap();
    app::server::seed_history::seed_history(&db).await.unwrap();
    let buyer = actor(&db, "buyer@acme.example").await;
    let am = actor(&db, "am@keyport.example").await;
    let site = site_of(&db, "ACME").await;
    let (before, rebuilt) = bookings_and_rebuilt(&db).await;
    assert!(!before.is_empty(), "the demo history books capacity");
    assert_eq!(before, rebuilt);
    let placed = |lines: &'static [(&'static str, i64)]| {
        let (db, buyer) = (db.clone(), buyer.clone());
        async move {
            let id = service::create_draft(&db, &buyer, &input(site, lines), None).await.unwrap();
            service::submit(&db, &buyer, id).await.unwrap()
        }
    };
    let a = placed(&[("CBL-010", 20), ("CBL-020", 40)]).await;
    let (after_submit, _) = bookings_and_rebuilt(&db).await;
    assert_ne!(after_submit, before, "a submitted order books");
    let later = today() + Duration::days(90);
    let proposal = CounterProposal { date: Some(later), quantities: vec![LineQuantity { line_key: a.lines[1].line_key, quantity: 30 }], message: "30, later".into() };
    service::counter(&db, &am, a.id, &proposal).await.unwrap();
    service::accept_counter(&db, &buyer, a.id).await.unwrap();
    let b = placed(&[("CBL-010", 40)]).await;
    service::confirm(&db, &am, b.id, Some(today() + Duration::days(75)), "").await.unwrap();
    let c = placed(&[("CBL-020", 20)]).await;
    service::reject(&db, &am, c.id, "no capacity").await.unwrap();
    service::cancel(&db, &buyer, b.id, "not needed").await.unwrap();
    let (running, rebuilt) = bookings_and_rebuilt(&db).await;
    assert_eq!(running, rebuilt);
    // what is left of ours: order a, version 2, at the counter's date
    let (cbl10, cbl20): (i64, i64) = (count(&db, "SELECT id FROM products WHERE sku = 'CBL-010'").await, count(&db, "SELECT id FROM products WHERE sku = 'CBL-020'").await);
    let on = |rows: &[(i64, String, i64)], product: i64| rows.iter().filter(|r| r.0 == product && r.1 == date_text(later)).map(|r| r.2).sum::<i64>();
    let base = |product: i64| on(&before, product);
    assert_eq!((on(&running, cbl10) - base(cbl10), on(&running, cbl20) - base(cbl20)), (20, 30));
});
