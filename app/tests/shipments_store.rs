//! Shipments on both engines: partial shipments never ship more than was
//! ordered and move the order to partially shipped, shipped and delivered;
//! a retried shipment is one shipment; carriers' events are applied once,
//! in any order, and only when signed; another account sees nothing.
#![cfg(feature = "testing")]

use app::both_engines;
use app::error::{AppError, Invalid};
use app::notifications::server::service as inbox;
use app::notifications::Kind;
use app::orders::server::service as orders;
use app::orders::{OrderInput, OrderLineInput, OrderStatus};
use app::server::db::today;
use app::server::request::Actor;
use app::server::seed::seed_demo;
use app::server::{now, Db};
use app::shipments::server::service::{self as shipments, Ingested};
use app::shipments::server::webhook::{sign, CarrierEvent};
use app::shipments::{Mode, ShipLineInput, ShipmentFilter, ShipmentInput, ShipmentStatus, TrackingInput, TrackingKind};
use time::Duration;

async fn actor(db: &Db, email: &str) -> Actor {
    app::server::testing::demo_actor(db, email).await
}

async fn count(db: &Db, sql: &str) -> i64 {
    sqlx::query_scalar(sql).fetch_one(&db.pool).await.unwrap()
}

/// An ACME order of two lines (FST-010 × 1,000, BRG-020 × 200) in production,
/// and a carrier `sf` whose secret is returned.
async fn in_production(db: &Db) -> (i64, Vec<i64>, String) {
    let buyer = actor(db, "buyer@acme.example").await;
    let site: i64 = sqlx::query_scalar("SELECT MIN(s.id) FROM sites s JOIN accounts a ON a.id = s.account_id WHERE a.code = 'ACME'").fetch_one(&db.pool).await.unwrap();
    let input = OrderInput {
        site_id: Some(site),
        requested_date: Some(today() + Duration::days(60)),
        po_number: "PO-SHIP".into(),
        notes: String::new(),
        lines: [("FST-010", 1_000), ("BRG-020", 200)].iter().map(|(sku, q)| OrderLineInput { sku: sku.to_string(), quantity: *q, requested_date: None }).collect(),
    };
    let id = orders::place(db, &buyer, &input, "place-ship", true).await.unwrap();
    orders::confirm(db, &actor(db, "am@keyport.example").await, id, None, "").await.unwrap();
    let order = orders::start_production(db, &actor(db, "planner@keyport.example").await, id).await.unwrap();
    let secret = shipments::add_carrier(db, "sf", "SF Express").await.unwrap();
    (id, order.lines.iter().map(|l| l.line_key).collect(), secret)
}

fn shipment(tracking: &str, lines: &[(i64, i64)]) -> ShipmentInput {
    ShipmentInput {
        carrier: "sf".into(),
        mode: Mode::Express,
        tracking_number: tracking.into(),
        packages: 3,
        weight_grams: 42_000,
        ship_date: today(),
        eta: Some(today() + Duration::days(3)),
        delivery_note: "DN-1".into(),
        lines: lines.iter().map(|&(line_key, quantity)| ShipLineInput { line_key, quantity }).collect(),
    }
}

fn event(id: &str, tracking: &str, kind: TrackingKind, minutes_ago: i64) -> Vec<u8> {
    let e = CarrierEvent {
        event_id: id.into(),
        tracking_number: tracking.into(),
        kind,
        at: time::OffsetDateTime::now_utc() - Duration::minutes(minutes_ago),
        place: "Wuxi hub".into(),
        note: if kind == TrackingKind::Exception { "Pallet damaged".into() } else { String::new() },
        eta: None,
    };
    serde_json::to_vec(&e).unwrap()
}

/// Posts a carrier event signed with `secret` now.
async fn post(db: &Db, secret: &str, body: &[u8]) -> Result<Ingested, AppError> {
    let ts = now();
    shipments::ingest(db, "sf", Some(&ts.to_string()), Some(&sign(secret, ts, body)), body).await
}

async fn kinds_of(db: &Db, email: &str) -> Vec<Kind> {
    let a = actor(db, email).await;
    inbox::inbox(db, &a, None).await.unwrap().items.into_iter().map(|n| n.kind).collect()
}

both_engines!(partial_shipments_move_the_order_and_never_ship_too_much, |db: Db| async move {
    seed_demo(&db).await.unwrap();
    let (id, keys, secret) = in_production(&db).await;
    let planner = actor(&db, "planner@keyport.example").await;

    // more than remains: refused on the line, nothing written
    let err = shipments::create(&db, &planner, id, &shipment("SF1", &[(keys[0], 1_001)]), "k0").await.unwrap_err();
    assert_eq!(err.for_field("lines.0.quantity"), Some(Invalid::TooLarge));
    assert_eq!(count(&db, "SELECT COUNT(*) FROM shipments").await, 0);

    // part of the first line: partially shipped, the buyer told, a retry is the same shipment
    let first = shipments::create(&db, &planner, id, &shipment("SF1", &[(keys[0], 400)]), "k1").await.unwrap();
    assert_eq!((first.status, first.lines[0].quantity, first.number.ends_with("-S1")), (ShipmentStatus::Ready, 400, true));
    let again = shipments::create(&db, &planner, id, &shipment("SF1", &[(keys[0], 400)]), "k1").await.unwrap();
    assert_eq!(again.id, first.id);
    assert_eq!(count(&db, "SELECT COUNT(*) FROM shipments").await, 1);
    assert!(matches!(shipments::create(&db, &planner, id, &shipment("SF1", &[(keys[0], 300)]), "k1").await, Err(AppError::IdempotencyConflict)));
    let buyer = actor(&db, "buyer@acme.example").await;
    assert_eq!(orders::get(&db, &buyer, id).await.unwrap().status, OrderStatus::PartiallyShipped);
    assert!(kinds_of(&db, "buyer@acme.example").await.contains(&Kind::ShipmentDispatched));
    assert!(kinds_of(&db, "receiver@acme.example").await.contains(&Kind::ShipmentDispatched));

    // the same tracking number twice for a carrier is refused on its field
    let dup = shipments::create(&db, &planner, id, &shipment("SF1", &[(keys[0], 1)]), "k2").await.unwrap_err();
    assert_eq!(dup.for_field("tracking_number"), Some(Invalid::Taken));

    // a change may not take a line below what has shipped of it
    let order = orders::get(&db, &buyer, id).await.unwrap();
    let below = app::changes::ChangeRequestInput {
        base_version: order.version,
        changes: vec![app::changes::Change::Quantity { line_key: keys[0], quantity: 300 }],
        reason: "Less, please".into(),
    };
    let err = app::changes::server::service::send(&db, &buyer, id, &below, None).await.unwrap_err();
    assert!(matches!(err, AppError::Invalid(_)), "{err:?}");

    // the rest: shipped; what remains is nothing
    let second = shipments::create(&db, &planner, id, &shipment("SF2", &[(keys[0], 600), (keys[1], 200)]), "k3").await.unwrap();
    assert_eq!(orders::get(&db, &buyer, id).await.unwrap().status, OrderStatus::Shipped);
    let left = shipments::for_order(&db, &buyer, id).await.unwrap();
    assert!(left.lines.iter().all(|l| l.remaining() == 0) && !left.may_ship && left.shipments.len() == 2);
    assert!(shipments::create(&db, &planner, id, &shipment("SF3", &[(keys[1], 1)]), "k4").await.is_err());

    // delivered one by one: the order is delivered with the last
    post(&db, &secret, &event("d1", "SF1", TrackingKind::Delivered, 5)).await.unwrap();
    assert_eq!(orders::get(&db, &buyer, id).await.unwrap().status, OrderStatus::Shipped);
    let staff_step = TrackingInput { kind: TrackingKind::Delivered, at: now() - 60, place: "Dock 3".into(), note: String::new(), eta: None };
    let done = shipments::record(&db, &planner, second.id, &staff_step).await.unwrap();
    assert_eq!(done.status, ShipmentStatus::Delivered);
    assert_eq!(orders::get(&db, &buyer, id).await.unwrap().status, OrderStatus::Delivered);
    assert!(kinds_of(&db, "receiver@acme.example").await.contains(&Kind::ShipmentDelivered));
});

both_engines!(carrier_events_count_once_in_any_order_and_only_signed, |db: Db| async move {
    seed_demo(&db).await.unwrap();
    let (id, keys, secret) = in_production(&db).await;
    let planner = actor(&db, "planner@keyport.example").await;
    let s = shipments::create(&db, &planner, id, &shipment("SF9", &[(keys[0], 10)]), "k").await.unwrap();
    let events = || async { count(&db, "SELECT COUNT(*) FROM tracking_events").await };

    // delivered arrives before the hub scan that came first
    assert_eq!(post(&db, &secret, &event("e3", "SF9", TrackingKind::Delivered, 10)).await, Ok(Ingested::Applied));
    assert_eq!(post(&db, &secret, &event("e2", "SF9", TrackingKind::AtHub, 60)).await, Ok(Ingested::Applied));
    assert_eq!(post(&db, &secret, &event("e1", "SF9", TrackingKind::PickedUp, 120)).await, Ok(Ingested::Applied));
    // a retry of a call already applied changes nothing
    assert_eq!(post(&db, &secret, &event("e2", "SF9", TrackingKind::AtHub, 60)).await, Ok(Ingested::Duplicate));
    assert_eq!(events().await, 3);
    let got = shipments::get(&db, &planner, s.id).await.unwrap();
    assert_eq!(got.status, ShipmentStatus::Delivered);
    let kinds: Vec<_> = got.events.iter().map(|e| e.kind).collect();
    assert_eq!(kinds, [TrackingKind::PickedUp, TrackingKind::AtHub, TrackingKind::Delivered], "the journey in time order");
    assert!(got.events.iter().all(|e| e.from_carrier && e.recorded_by == "SF Express"));

    // an unknown tracking number is parked once, for staff
    assert_eq!(post(&db, &secret, &event("p1", "NOPE1", TrackingKind::PickedUp, 1)).await, Ok(Ingested::Parked));
    assert_eq!(post(&db, &secret, &event("p1", "NOPE1", TrackingKind::PickedUp, 1)).await, Ok(Ingested::Duplicate));
    let parked = shipments::parked(&db, &planner).await.unwrap();
    assert_eq!((parked.len(), parked[0].tracking_number.as_str()), (1, "NOPE1"));
    assert_eq!(shipments::parked(&db, &actor(&db, "buyer@acme.example").await).await, Err(AppError::Forbidden));

    // refused before anything is read or written
    let body = event("x1", "SF9", TrackingKind::AtHub, 1);
    let ts = now();
    let refused = [
        shipments::ingest(&db, "sf", Some(&ts.to_string()), Some(&sign("wrong", ts, &body)), &body).await,
        shipments::ingest(&db, "sf", Some(&(ts - 301).to_string()), Some(&sign(&secret, ts - 301, &body)), &body).await,
        shipments::ingest(&db, "sf", None, None, &body).await,
        shipments::ingest(&db, "nobody", Some(&ts.to_string()), Some(&sign(&secret, ts, &body)), &body).await,
    ];
    for r in refused {
        assert_eq!(r, Err(AppError::Unauthenticated));
    }
    assert_eq!(post(&db, &secret, b"{not json").await, Err(AppError::BadRequest));
    let mut no_reason: CarrierEvent = serde_json::from_slice(&event("x2", "SF9", TrackingKind::Exception, 1)).unwrap();
    no_reason.note = String::new();
    let err = post(&db, &secret, &serde_json::to_vec(&no_reason).unwrap()).await.unwrap_err();
    assert_eq!(err.for_field("note"), Some(Invalid::Required));
    let mut far: CarrierEvent = serde_json::from_slice(&event("x3", "SF9", TrackingKind::AtHub, 1)).unwrap();
    far.eta = Some(today() + Duration::days(5000));
    assert_eq!(post(&db, &secret, &serde_json::to_vec(&far).unwrap()).await.unwrap_err().for_field("eta"), Some(Invalid::TooFar));
    assert_eq!(events().await, 3);
    assert_eq!(count(&db, "SELECT COUNT(*) FROM parked_carrier_events").await, 1);
});

both_engines!(an_exception_tells_the_team_and_the_customer, |db: Db| async move {
    seed_demo(&db).await.unwrap();
    let (id, keys, secret) = in_production(&db).await;
    let planner = actor(&db, "planner@keyport.example").await;
    let s = shipments::create(&db, &planner, id, &shipment("SF5", &[(keys[1], 50)]), "k").await.unwrap();
    post(&db, &secret, &event("a", "SF5", TrackingKind::PickedUp, 30)).await.unwrap();
    let mut ex: CarrierEvent = serde_json::from_slice(&event("b", "SF5", TrackingKind::Exception, 10)).unwrap();
    ex.eta = Some(today() + Duration::days(9));
    post(&db, &secret, &serde_json::to_vec(&ex).unwrap()).await.unwrap();
    let buyer = actor(&db, "buyer@acme.example").await;
    let seen = shipments::get(&db, &buyer, s.id).await.unwrap();
    assert_eq!((seen.status, seen.exception.as_deref(), seen.eta), (ShipmentStatus::Exception, Some("Pallet damaged"), Some(today() + Duration::days(9))));
    for who in ["am@keyport.example", "buyer@acme.example"] {
        assert!(kinds_of(&db, who).await.contains(&Kind::ShipmentException), "{who}");
    }
    // routine steps reach no inbox
    assert!(!kinds_of(&db, "buyer@acme.example").await.contains(&Kind::ShipmentTracked));
    assert_eq!(count(&db, "SELECT COUNT(*) FROM domain_events WHERE kind = 'shipment.tracked'").await, 1);
});

both_engines!(other_accounts_and_roles_get_nothing, |db: Db| async move {
    seed_demo(&db).await.unwrap();
    let (id, keys, _) = in_production(&db).await;
    let planner = actor(&db, "planner@keyport.example").await;
    let s = shipments::create(&db, &planner, id, &shipment("SF7", &[(keys[0], 10)]), "k").await.unwrap();
    let nova = actor(&db, "buyer@nova.example").await;
    assert_eq!(shipments::get(&db, &nova, s.id).await, Err(AppError::NotFound));
    assert_eq!(shipments::for_order(&db, &nova, id).await.map(|_| ()), Err(AppError::NotFound));
    assert!(shipments::list(&db, &nova, &ShipmentFilter::default()).await.unwrap().items.is_empty());
    let acme = actor(&db, "viewer@acme.example").await;
    assert_eq!(
        shipments::list(&db, &acme, &ShipmentFilter { account_id: Some(999), ..Default::default() }).await.unwrap().items.len(),
        1,
        "a customer's filter cannot widen or move their scope"
    );
    let step = TrackingInput { kind: TrackingKind::AtHub, at: now(), place: String::new(), note: String::new(), eta: None };
    for who in ["buyer@acme.example", "receiver@acme.example", "support@keyport.example"] {
        let a = actor(&db, who).await;
        assert_eq!(shipments::create(&db, &a, id, &shipment("SF8", &[(keys[0], 1)]), "x").await.map(|_| ()), Err(AppError::Forbidden), "{who}");
        assert_eq!(shipments::record(&db, &a, s.id, &step).await.map(|_| ()), Err(AppError::Forbidden), "{who}");
    }
    // staff of another account's order: not found (NOVA's buyer's order for the planner is fine, so use a customer of NOVA)
    assert_eq!(shipments::create(&db, &nova, id, &shipment("SF8", &[(keys[0], 1)]), "y").await.map(|_| ()), Err(AppError::Forbidden));
    assert_eq!(count(&db, "SELECT COUNT(*) FROM shipments").await, 1);
    // search by tracking and by order number
    let found = shipments::list(&db, &acme, &ShipmentFilter { search: Some("sf7".into()), ..Default::default() }).await.unwrap();
    assert_eq!(found.items.len(), 1);
    let over = shipments::list(&db, &acme, &ShipmentFilter { search: Some("x".repeat(101)), ..Default::default() }).await;
    assert_eq!(over.unwrap_err().for_field("search"), Some(Invalid::TooLong));
});

/// What a committed shipment signals to the streams of this process: at
/// once on SQLite; on PostgreSQL through NOTIFY and this process's own
/// listener (as it would from any other node). A refused write signals nothing.
async fn signals(engine: app::server::db::Engine) {
    let t = app::server::testing::TestDb::new(engine).await;
    let db = t.db.clone();
    app::server::live::start(&db, &t.url);
    seed_demo(&db).await.unwrap();
    let (id, keys, _) = in_production(&db).await;
    let mut rx = db.live.subscribe();
    let planner = actor(&db, "planner@keyport.example").await;
    assert!(shipments::create(&db, &planner, id, &shipment("SF4", &[(keys[0], 5_000)]), "k0").await.is_err());
    // the listener connects in the background: it has had the seeding's time
    let s = shipments::create(&db, &planner, id, &shipment("SF4", &[(keys[0], 5)]), "k1").await.unwrap();
    let signal = tokio::time::timeout(std::time::Duration::from_secs(10), rx.recv()).await.expect("a signal within 10 s").unwrap();
    assert_eq!((signal.kind.as_str(), signal.order_id, signal.subject_id), ("shipment.dispatched", Some(id), Some(s.id)));
    let ev: i64 = sqlx::query_scalar("SELECT MAX(id) FROM domain_events").fetch_one(&db.pool).await.unwrap();
    assert_eq!(signal.id, ev, "the signal names the outbox row a stream resumes after");
    assert!(tokio::time::timeout(std::time::Duration::from_millis(300), rx.recv()).await.is_err(), "one signal per event");
    t.cleanup().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn committed_events_reach_the_streams_sqlite() {
    signals(app::server::db::Engine::Sqlite).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn committed_events_reach_the_streams_postgres() {
    signals(app::server::db::Engine::Postgres).await;
}
