//! Tracking events, typed by staff or sent by a carrier, and what each one
//! moves: the shipment's state (that of its latest event by time, worked
//! out again from all of them), the inboxes (a problem or a delivery), the
//! pages watching, and the order — delivered once every shipment is.

use super::get;
use crate::error::AppError;
use crate::notifications::server::{publish, Audience, Event};
use crate::notifications::Kind;
use crate::orders::server::store as order_store;
use crate::orders::{status, Command, OrderStatus, Side};
use crate::server::db::{db_error, parse_date, Tx};
use crate::server::request::Actor;
use crate::server::{now, Db};
use crate::shipments::server::store::{self, NewEvent};
use crate::shipments::server::webhook::{self, CarrierEvent, Refusal};
use crate::shipments::{rules, Shipment, ShipmentStatus, TrackingInput, TrackingKind};

/// Staff record a step of a shipment's journey.
pub async fn record(db: &Db, actor: &Actor, shipment_id: i64, input: &TrackingInput) -> Result<Shipment, AppError> {
    actor.require(rules::may_ship(actor.role()))?;
    let head = store::head(db, actor.scope(), shipment_id).await?.ok_or(AppError::NotFound)?;
    let ship_date = parse_date(&head.ship_date).ok_or_else(|| AppError::internal("bad ship date in store", head.ship_date.clone()))?;
    rules::check_tracking(input, ship_date, now()).map_err(AppError::Invalid)?;
    let mut tx = db.begin().await?;
    let event = NewEvent { shipment_id, kind: input.kind, at: input.at, place: &input.place, note: &input.note, eta: input.eta, recorded_by: actor.user.id, carrier: None };
    apply(&mut tx, &event).await?;
    tx.commit().await.map_err(db_error)?;
    get(db, actor, shipment_id).await
}

/// What became of a carrier's call.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Ingested {
    /// A new event, applied to its shipment.
    Applied,
    /// This event id was received before: nothing changed.
    Duplicate,
    /// No shipment has this tracking number: kept for staff to review.
    Parked,
}

/// A carrier's signed call (`POST /api/v1/carriers/{carrier}/events`):
/// the signature first (a refusal is logged and is 401), then the body
/// (malformed: 400; out of bounds: 422), then one transaction.
pub async fn ingest(db: &Db, carrier: &str, timestamp: Option<&str>, signature: Option<&str>, body: &[u8]) -> Result<Ingested, AppError> {
    if body.len() > webhook::BODY_MAX_BYTES {
        return Err(AppError::PayloadTooLarge);
    }
    let Some(carrier) = store::carrier(db, carrier).await? else {
        tracing::warn!(carrier, "carrier webhook: unknown carrier");
        return Err(AppError::Unauthenticated);
    };
    if let Err(refusal) = webhook::verify(&carrier.webhook_secret, timestamp, signature, body, now()) {
        let why = match refusal {
            Refusal::Missing => "no signature or timestamp",
            Refusal::Stale => "timestamp outside the window (replay?)",
            Refusal::BadSignature => "bad signature",
        };
        tracing::warn!(carrier = carrier.code, why, "carrier webhook: call refused");
        return Err(AppError::Unauthenticated);
    }
    let event: CarrierEvent = serde_json::from_slice(body).map_err(|_| AppError::BadRequest)?;
    let mut errors = Vec::new();
    if !event.ids_ok() {
        errors.push(crate::error::FieldError { field: "event_id".into(), reason: crate::error::Invalid::NotAllowed });
    }
    rules::check_event_text(&event.place, &event.note, event.kind, &mut errors);
    let at = event.at.unix_timestamp();
    if at > now() + 600 {
        errors.push(crate::error::FieldError { field: "at".into(), reason: crate::error::Invalid::NotAllowed });
    }
    // a new estimate within a year either way (staff's are held to the ship date)
    let today = crate::server::db::today();
    if event.eta.is_some_and(|eta| (eta - today).whole_days().abs() > 366) {
        errors.push(crate::error::FieldError { field: "eta".into(), reason: crate::error::Invalid::TooFar });
    }
    if !errors.is_empty() {
        return Err(AppError::Invalid(errors));
    }
    let mut tx = db.begin().await?;
    let outcome = match store::by_tracking(&mut tx, carrier.id, event.tracking_number.trim()).await? {
        None => {
            let body = String::from_utf8_lossy(body);
            if store::park(&mut tx, carrier.id, &event.event_id, event.tracking_number.trim(), &body).await? {
                Ingested::Parked
            } else {
                Ingested::Duplicate
            }
        }
        Some(head) => {
            let new = NewEvent {
                shipment_id: head.id,
                kind: event.kind,
                at,
                place: &event.place,
                note: &event.note,
                eta: event.eta,
                recorded_by: carrier.user_id,
                carrier: Some((carrier.id, &event.event_id)),
            };
            if apply(&mut tx, &new).await? {
                Ingested::Applied
            } else {
                Ingested::Duplicate
            }
        }
    };
    tx.commit().await.map_err(db_error)?;
    Ok(outcome)
}

/// Stores an event and everything it moves, in `tx`. `false`: a carrier
/// event already received, nothing written.
async fn apply(tx: &mut Tx, event: &NewEvent<'_>) -> Result<bool, AppError> {
    // one event of a shipment at a time: each works the state out from all
    // the events committed before it
    store::lock_shipment(tx, event.shipment_id).await?;
    let head = store::head_in(tx, event.shipment_id).await?;
    if !store::insert_event(tx, event).await? {
        return Ok(false);
    }
    let (before, after) = store::restate(tx, &head).await?;
    let (kind, audience) = match after {
        ShipmentStatus::Exception if before != after => (Kind::ShipmentException, Audience::Everyone),
        ShipmentStatus::Delivered if before != after => (Kind::ShipmentDelivered, Audience::Customers),
        _ => (Kind::ShipmentTracked, Audience::Watchers),
    };
    let data = serde_json::json!({ "shipment": head.id, "kind": event.kind.as_str(), "status": after.as_str() }).to_string();
    let published = Event { kind, account_id: head.account_id, order_id: Some(head.order_id), subject_id: Some(head.id), actor_id: event.recorded_by, data: &data };
    publish(tx, &published, audience).await?;
    if after == ShipmentStatus::Delivered && before != after && event.kind == TrackingKind::Delivered {
        deliver_order(tx, head.order_id, event.recorded_by).await?;
    }
    Ok(true)
}

/// The order is delivered when everything has shipped and every shipment arrived.
async fn deliver_order(tx: &mut Tx, order_id: i64, actor_id: i64) -> Result<(), AppError> {
    let current = store::order_status(tx, order_id).await?;
    if current != OrderStatus::Shipped || !store::all_delivered(tx, order_id).await? {
        return Ok(());
    }
    let to = status::next(current, Command::Deliver, Side::Staff).map_err(|_| AppError::InvalidTransition)?;
    order_store::set_status(tx, order_id, current, to).await?;
    order_store::record_event(tx, order_id, actor_id, "transition", Some((current, to)), "", "{}").await?;
    Ok(())
}
