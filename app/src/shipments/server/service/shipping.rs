//! Staff create a shipment from an order: what leaves, checked against
//! what remains under the order's lock, the order moved to partially
//! shipped or shipped, its booked capacity released, the timeline and the
//! customer's notification written — one transaction, once per
//! idempotency key.

use super::get;
use crate::error::{AppError, FieldError, Invalid};
use crate::notifications::server::{publish, Audience, Event};
use crate::notifications::Kind;
use crate::orders::server::idempotency;
use crate::orders::server::service as orders;
use crate::orders::server::{bookings, store as order_store};
use crate::orders::{status, Command, Side};
use crate::server::db::{db_error, today};
use crate::server::request::Actor;
use crate::server::Db;
use crate::shipments::server::store::{self, NewShipment};
use crate::shipments::{rules, shipment_number, Shipment, ShipmentInput, MAX_SHIPMENTS_PER_ORDER};

/// Creates a shipment of order `order_id` under `key`. A retry with the
/// same key and input answers with the first shipment; the same key with
/// another input is refused.
pub async fn create(db: &Db, actor: &Actor, order_id: i64, input: &ShipmentInput, key: &str) -> Result<Shipment, AppError> {
    actor.require(rules::may_ship(actor.role()))?;
    idempotency::check_key(key)?;
    let fp = idempotency::fingerprint(&(order_id, input));
    let first = |kept: idempotency::Kept| kept.response.parse::<i64>().map_err(|e| AppError::internal("kept shipment id", e));
    if let Some(kept) = idempotency::kept(db, actor.user.id, key, &fp).await? {
        return get(db, actor, first(kept)?).await;
    }
    match insert(db, actor, order_id, input, key, &fp).await {
        Ok(id) => get(db, actor, id).await,
        // a concurrent twin committed first: its answer is ours
        Err(e) => match idempotency::kept(db, actor.user.id, key, &fp).await? {
            Some(kept) => get(db, actor, first(kept)?).await,
            None => Err(e),
        },
    }
}

async fn insert(db: &Db, actor: &Actor, order_id: i64, input: &ShipmentInput, key: &str, fp: &str) -> Result<i64, AppError> {
    // in scope, or not found (another account's order, another manager's)
    let order = orders::get(db, actor, order_id).await?;
    let carrier = store::carrier(db, input.carrier.trim()).await?;
    let mut tx = db.begin().await?;
    store::lock_order(&mut tx, order.id).await?;
    let current = store::order_status(&mut tx, order.id).await?;
    let lines = store::shippable(&mut tx, order.id).await?;
    let checked = rules::check_shipment(input, &lines, today());
    let mut errors = checked.as_ref().err().cloned().unwrap_or_default();
    if carrier.is_none() && !errors.iter().any(|e| e.field == "carrier") {
        errors.push(FieldError { field: "carrier".into(), reason: Invalid::NotAllowed });
    }
    let shipments = store::count_for_order(&mut tx, order.id).await?;
    if shipments >= MAX_SHIPMENTS_PER_ORDER {
        errors.push(FieldError { field: "lines".into(), reason: Invalid::TooMany });
    }
    let (Ok(complete), Some(carrier), true) = (checked, carrier, errors.is_empty()) else {
        return Err(AppError::Invalid(errors));
    };
    // the one rule of who may do what to an order now (the page asks it too)
    let command = Command::Ship { complete };
    if !status::allowed(current, actor.role()).contains(&command) {
        return Err(AppError::InvalidTransition);
    }
    let to = status::next(current, command, Side::Staff).map_err(|_| AppError::InvalidTransition)?;
    let number = shipment_number(&order.number, shipments + 1);
    let booked_before = bookings::share(&mut tx, order.id).await?;
    let id = store::insert(&mut tx, &NewShipment { number: &number, order_id: order.id, account_id: order.account_id, carrier_id: carrier.id, input, created_by: actor.user.id })
        .await?;
    order_store::set_status(&mut tx, order.id, current, to).await?;
    // shipped lines no longer hold production capacity
    bookings::rebook(&mut tx, order.id, &booked_before).await?;
    let data = serde_json::json!({ "shipment": id, "number": number, "carrier": carrier.name, "tracking_number": input.tracking_number.trim() }).to_string();
    order_store::record_event(&mut tx, order.id, actor.user.id, "shipment", Some((current, to)), "", &data).await?;
    let event = Event { kind: Kind::ShipmentDispatched, account_id: order.account_id, order_id: Some(order.id), subject_id: Some(id), actor_id: actor.user.id, data: &data };
    publish(&mut tx, &event, Audience::Customers).await?;
    idempotency::keep(&mut *tx, actor.user.id, key, fp, &id.to_string(), "").await?;
    tx.commit().await.map_err(db_error)?;
    idempotency::remember(db, actor.user.id, key, fp, &id.to_string(), "");
    Ok(id)
}
