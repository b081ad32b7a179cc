//! The demo's carriers and shipments. Orders of the seeded history that
//! have shipped get shipments and journeys written straight into the store
//! (their status is history already); a few orders in production are
//! shipped now through the service, and their journeys arrive through the
//! carrier webhook's own path, signed — so what the demo shows is what the
//! real thing does. One shipment is stuck with an exception.
//!
//! Demo carriers sign with `demo-<code>-secret`: public, like the demo
//! password, and only ever seeded with `--demo`.

use super::service::{self, Ingested};
use super::store::{self, NewEvent, NewShipment};
use super::webhook::{self, CarrierEvent};
use crate::changes::server::demo::demo;
use crate::error::AppError;
use crate::server::db::{db_error, parse_date, today};
use crate::server::seed_history::Lcg;
use crate::server::{now, Db};
use crate::shipments::{Mode, ShipLineInput, ShipmentInput, TrackingKind};
use time::Duration;

/// The demo carriers: (code, name, usual mode).
pub const CARRIERS: [(&str, &str, Mode); 4] = [
    ("sf-express", "SF Express 顺丰速运", Mode::Express),
    ("deppon", "Deppon Logistics 德邦物流", Mode::Road),
    ("cr-express", "China Railway Express 中铁快运", Mode::Rail),
    ("cosco", "COSCO Shipping 中远海运", Mode::Sea),
];

/// A demo carrier's webhook secret.
pub fn demo_secret(code: &str) -> String {
    format!("demo-{code}-secret")
}

/// The journey so far of a shipment `days` after it left.
const JOURNEY: [(TrackingKind, i64, &str); 5] = [
    (TrackingKind::PickedUp, 0, "Suzhou plant 苏州工厂"),
    (TrackingKind::InTransit, 1, "G2 Expressway 京沪高速"),
    (TrackingKind::AtHub, 2, "Wuxi hub 无锡转运中心"),
    (TrackingKind::OutForDelivery, 3, "Local depot 本地网点"),
    (TrackingKind::Delivered, 3, "Receiving dock 收货码头"),
];

/// Seeds carriers and shipments once (none exist yet). Returns whether it did.
pub async fn seed_shipments(db: &Db) -> Result<bool, AppError> {
    let existing: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM carriers").fetch_one(&db.pool).await.map_err(db_error)?;
    if existing > 0 {
        return Ok(false);
    }
    let mut tx = db.begin().await?;
    let mut carriers = Vec::new();
    for (code, name, mode) in CARRIERS {
        let id = store::insert_carrier(&mut tx, code, name, &demo_secret(code)).await?;
        carriers.push((id, code, mode));
    }
    let planner = demo(db, "planner@keyport.example").await?;
    history(&mut tx, &carriers, planner.user.id).await?;
    tx.commit().await.map_err(db_error)?;
    live(db, &planner).await?;
    Ok(true)
}

/// Shipments of the orders that shipped in the seeded history.
async fn history(tx: &mut crate::server::db::Tx, carriers: &[(i64, &str, Mode)], planner: i64) -> Result<(), AppError> {
    let orders: Vec<(i64, String, i64, String, Option<String>)> = sqlx::query_as(
        "SELECT id, number, account_id, status, promised_date FROM orders \
         WHERE status IN ('partially_shipped', 'shipped', 'delivered', 'accepted', 'closed') ORDER BY id",
    )
    .fetch_all(&mut **tx)
    .await
    .map_err(db_error)?;
    let mut rng = Lcg(7);
    let mut exception_left = true;
    for (i, (order_id, number, account_id, status, promised)) in orders.into_iter().enumerate() {
        let lines: Vec<(i64, i64)> =
            sqlx::query_as("SELECT l.line_key, l.quantity FROM order_lines l JOIN orders o ON o.id = l.order_id AND l.version = o.version WHERE o.id = $1")
                .bind(order_id)
                .fetch_all(&mut **tx)
                .await
                .map_err(db_error)?;
        let partial = status == "partially_shipped";
        let lines: Vec<ShipLineInput> = lines
            .into_iter()
            .enumerate()
            .filter(|(j, _)| !partial || *j == 0)
            .map(|(_, (line_key, quantity))| ShipLineInput { line_key, quantity: if partial { (quantity / 2).max(1) } else { quantity } })
            .collect();
        let promised = promised.as_deref().and_then(parse_date).unwrap_or_else(today);
        // history leaves a few days before the promise; what is still on its way left lately
        let on_the_way = matches!(status.as_str(), "partially_shipped" | "shipped");
        let ship_date = if on_the_way { today() - Duration::days(1 + rng.next(2) as i64) } else { promised - Duration::days(2 + rng.next(3) as i64) };
        let (carrier_id, code, mode) = carriers[i % carriers.len()];
        let input = ShipmentInput {
            carrier: code.into(),
            mode,
            tracking_number: format!("{}{}", code[..2].to_uppercase(), 7_310_000_000u64 + order_id as u64 * 7),
            packages: 1 + rng.next(12) as i64,
            weight_grams: 5_000 + rng.next(400_000) as i64,
            ship_date,
            eta: Some(ship_date + Duration::days(3)),
            delivery_note: format!("DN-{}", number.trim_start_matches("SO-")),
            lines,
        };
        let shipment_id =
            store::insert(tx, &NewShipment { number: &crate::shipments::shipment_number(&number, 1), order_id, account_id, carrier_id, input: &input, created_by: planner })
                .await?;
        let carrier_user: i64 = sqlx::query_scalar("SELECT user_id FROM carriers WHERE id = $1").bind(carrier_id).fetch_one(&mut **tx).await.map_err(db_error)?;
        let steps = if on_the_way { 2 + rng.next(2) as usize } else { JOURNEY.len() };
        let start = ship_date.midnight().assume_utc().unix_timestamp() + 9 * 3600;
        for (k, (kind, days, place)) in JOURNEY.iter().take(steps).enumerate() {
            let at = (start + days * 86_400 + k as i64 * 3 * 3600).min(now() - 600);
            let event_id = format!("{shipment_id}-{k}");
            store::insert_event(tx, &NewEvent { shipment_id, kind: *kind, at, place, note: "", eta: None, recorded_by: carrier_user, carrier: Some((carrier_id, &event_id)) })
                .await?;
        }
        if on_the_way && exception_left {
            exception_left = false;
            let at = now() - 3600;
            let note = "Road closed by snow; rerouted via Nanjing. 大雪封路,改经南京。";
            let eta = Some(today() + Duration::days(3));
            store::insert_event(
                tx,
                &NewEvent {
                    shipment_id, kind: TrackingKind::Exception, at, place: "Changzhou 常州", note, eta, recorded_by: carrier_user, carrier: Some((carrier_id, "snow-1"))
                },
            )
            .await?;
        }
        let head = store::head_in(tx, shipment_id).await?;
        store::restate(tx, &head).await?;
    }
    Ok(())
}

/// A few orders in production shipped now through the service, and their
/// first steps sent through the webhook's path, signed.
async fn live(db: &Db, planner: &crate::server::request::Actor) -> Result<(), AppError> {
    let orders: Vec<i64> = sqlx::query_scalar("SELECT id FROM orders WHERE status = 'in_production' ORDER BY id DESC LIMIT 4").fetch_all(&db.pool).await.map_err(db_error)?;
    for (i, order_id) in orders.into_iter().enumerate() {
        let lines = store::shippable_now(db, order_id).await?;
        let Some(first) = lines.first() else { continue };
        let (code, _, mode) = CARRIERS[i % CARRIERS.len()];
        let tracking = format!("{}{}", code[..2].to_uppercase(), 8_800_000_000u64 + order_id as u64);
        let input = ShipmentInput {
            carrier: code.into(),
            mode,
            tracking_number: tracking.clone(),
            packages: 4,
            weight_grams: 86_500,
            ship_date: today(),
            eta: Some(today() + Duration::days(4)),
            delivery_note: format!("DN-LIVE-{order_id}"),
            lines: vec![ShipLineInput { line_key: first.line_key, quantity: (first.remaining() / 2).max(1) }],
        };
        service::create(db, planner, order_id, &input, &format!("demo-shipment-{order_id}")).await?;
        for (k, (kind, _, place)) in JOURNEY.iter().take(1 + i % 2).enumerate() {
            let at = time::OffsetDateTime::now_utc() - Duration::minutes(90 - 30 * k as i64);
            let event =
                CarrierEvent { event_id: format!("{tracking}-{k}"), tracking_number: tracking.clone(), kind: *kind, at, place: place.to_string(), note: String::new(), eta: None };
            let body = serde_json::to_vec(&event).map_err(|e| AppError::internal("demo carrier event", e))?;
            let ts = now();
            let signature = webhook::sign(&demo_secret(code), ts, &body);
            let outcome = service::ingest(db, code, Some(&ts.to_string()), Some(&signature), &body).await?;
            debug_assert_eq!(outcome, Ingested::Applied);
        }
    }
    // a carrier event for a tracking number nobody entered: parked for staff
    let event = CarrierEvent {
        event_id: "orphan-1".into(),
        tracking_number: "SF0000000000".into(),
        kind: TrackingKind::PickedUp,
        at: time::OffsetDateTime::now_utc() - Duration::minutes(20),
        place: "Kunshan 昆山".into(),
        note: String::new(),
        eta: None,
    };
    let body = serde_json::to_vec(&event).map_err(|e| AppError::internal("demo carrier event", e))?;
    let ts = now();
    service::ingest(db, "sf-express", Some(&ts.to_string()), Some(&webhook::sign(&demo_secret("sf-express"), ts, &body)), &body).await?;
    Ok(())
}
