//! Reading shipments, within the actor's scope: another account's
//! shipment is not found, whichever door asks.

use crate::error::{AppError, Invalid};
use crate::limits::{self, SEARCH_MAX};
use crate::orders::server::service as orders;
use crate::orders::{status, Command};
use crate::server::request::Actor;
use crate::server::Db;
use crate::shipments::server::store;
use crate::shipments::{rules, Carrier, OrderShipments, ParkedEvent, Shipment, ShipmentFilter, ShipmentPage, PAGE};

pub async fn get(db: &Db, actor: &Actor, id: i64) -> Result<Shipment, AppError> {
    store::get(db, actor.scope(), id).await?.ok_or(AppError::NotFound)
}

/// A page of the shipments the actor may see, newest first.
pub async fn list(db: &Db, actor: &Actor, filter: &ShipmentFilter) -> Result<ShipmentPage, AppError> {
    if filter.search.as_deref().is_some_and(|s| limits::check_optional_text(s, SEARCH_MAX).is_err()) {
        return Err(AppError::field("search", Invalid::TooLong));
    }
    let mut filter = filter.clone();
    if !actor.scope().is_staff() {
        // a customer's list is their account's, whatever they ask for
        filter.account_id = None;
    }
    store::list(db, actor.scope(), &filter, PAGE).await
}

/// An order's shipments, what each of its lines has left to ship, and
/// whether this actor may ship it now (with the carriers to choose from).
pub async fn for_order(db: &Db, actor: &Actor, order_id: i64) -> Result<OrderShipments, AppError> {
    let order = orders::get(db, actor, order_id).await?;
    let shipments = store::for_order(db, order.id).await?;
    let lines = store::shippable_now(db, order.id).await?;
    let may_ship = status::allowed(order.status, actor.role()).iter().any(|c| matches!(c, Command::Ship { .. }));
    let carriers = if may_ship { store::carriers(db).await? } else { Vec::new() };
    Ok(OrderShipments { shipments, lines, may_ship, carriers, today: crate::server::db::today() })
}

/// How many of the actor's shipments are on their way (the dashboard's tile).
pub async fn on_the_way(db: &Db, actor: &Actor) -> Result<i64, AppError> {
    store::count_on_the_way(db, actor.scope()).await
}

pub async fn carriers(db: &Db, actor: &Actor) -> Result<Vec<Carrier>, AppError> {
    actor.require(rules::may_ship(actor.role()))?;
    store::carriers(db).await
}

/// Carrier events no shipment matched, newest first (staff who ship).
pub async fn parked(db: &Db, actor: &Actor) -> Result<Vec<ParkedEvent>, AppError> {
    actor.require(rules::may_ship(actor.role()))?;
    let rows = store::parked(db, 100).await?;
    Ok(rows.into_iter().map(|(id, carrier, event_id, tracking_number, body, received_at)| ParkedEvent { id, carrier, event_id, tracking_number, body, received_at }).collect())
}
