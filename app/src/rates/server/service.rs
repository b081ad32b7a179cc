//! The rate service: the staff admin replaces the table from CSV (all or
//! nothing); planners see an order's options and choose one with a
//! reason; everyone who sees the order sees the chosen mode and its ETA
//! (cost and reason are the supplier's).

use crate::accounts::Role;
use crate::error::{AppError, FieldError, Invalid};
use crate::orders::server::service as orders;
use crate::orders::server::store as order_store;
use crate::planning::server::store as plans;
use crate::planning::Stage;
use crate::rates::server::store::{self, NewChoice};
use crate::rates::{csv, options, OrderOptions, Rate, SortBy, REASON_MAX};
use crate::server::db::{db_error, today};
use crate::server::request::Actor;
use crate::server::Db;
use crate::shipments::rules::may_ship;

/// The rate table: staff only (what the supplier pays is its own).
pub async fn list(db: &Db, actor: &Actor) -> Result<Vec<Rate>, AppError> {
    actor.require(actor.scope().is_staff())?;
    store::all(db).await
}

/// The staff admin replaces the table with a CSV file's rates. A file
/// with any bad line changes nothing; each bad line is named as
/// `csv.<line>.<field>`.
pub async fn import(db: &Db, actor: &Actor, text: &str) -> Result<Vec<Rate>, AppError> {
    actor.require(actor.role() == Role::StaffAdmin)?;
    let rates = csv::parse(text)
        .map_err(|errors| AppError::Invalid(errors.into_iter().map(|e| FieldError { field: format!("csv.{}.{}", e.line, e.field), reason: e.reason }).collect()))?;
    let mut tx = db.begin().await?;
    store::replace(&mut tx, &rates).await?;
    tx.commit().await.map_err(db_error)?;
    store::all(db).await
}

/// An order's shipping options, for the staff who may choose; for other
/// readers only the choice, without its cost or reason.
pub async fn for_order(db: &Db, actor: &Actor, order_id: i64, sort: SortBy) -> Result<OrderOptions, AppError> {
    let order = orders::get(db, actor, order_id).await?;
    let staff = actor.scope().is_staff();
    let may_choose = may_ship(actor.role()) && crate::quality::inspectable(order.status);
    // freight is the supplier's cost, not the customer's price: every staff
    // role weighs it (planners choose by it); customers see neither it nor why
    let choice = store::choice(db, order.id).await?.map(|(mut c, _)| {
        if !staff {
            c.cost_minor = None;
            c.reason = None;
        }
        c
    });
    if !staff {
        // the customer's view: the choice alone (no plan or rate reads)
        return Ok(OrderOptions { zone: String::new(), grams: 0, ready: today(), promised_date: order.promised_date, options: Vec::new(), choice, may_choose: false });
    }
    let ready = ready_date(db, order.id).await?;
    let zone = store::zone_of_order(db, order.id).await?;
    let grams = remaining_grams(db, order.id).await?;
    let rates = store::all(db).await?;
    let options = options(&rates, &zone, grams, ready, order.promised_date, sort);
    Ok(OrderOptions { zone, grams, ready, promised_date: order.promised_date, options, choice, may_choose })
}

/// A planner chooses the option of rate `rate_id` as it stands today, with
/// a reason. Choosing the same again with the same reason writes nothing.
pub async fn choose(db: &Db, actor: &Actor, order_id: i64, rate_id: i64, reason: &str) -> Result<OrderOptions, AppError> {
    actor.require(may_ship(actor.role()))?;
    let reason = reason.trim();
    if reason.is_empty() {
        return Err(AppError::field("reason", Invalid::Required));
    }
    if reason.chars().count() > REASON_MAX {
        return Err(AppError::field("reason", Invalid::TooLong));
    }
    let now = for_order(db, actor, order_id, SortBy::Cost).await?;
    if !now.may_choose {
        return Err(AppError::InvalidTransition);
    }
    let option = now.options.iter().find(|o| o.rate_id == rate_id).ok_or_else(|| AppError::field("rate_id", Invalid::NotAllowed))?;
    let same = now.choice.as_ref().is_some_and(|c| c.mode == option.mode && c.eta == option.arrival && c.reason.as_deref() == Some(reason));
    if !same {
        let mut tx = db.begin().await?;
        store::choose(
            &mut tx,
            &NewChoice { order_id, mode: option.mode, origin: &option.origin, cost_minor: option.cost_minor, eta: option.arrival, reason, chosen_by: actor.user.id },
        )
        .await?;
        let data = serde_json::json!({ "mode": option.mode.as_str(), "eta": option.arrival.to_string() }).to_string();
        order_store::record_event(&mut tx, order_id, actor.user.id, "shipping_chosen", None, reason, &data).await?;
        tx.commit().await.map_err(db_error)?;
    }
    for_order(db, actor, order_id, SortBy::Cost).await
}

/// When the goods are ready to leave: the plan's packing end (actual if
/// done), or today if that has passed or there is no plan.
async fn ready_date(db: &Db, order_id: i64) -> Result<time::Date, AppError> {
    let packing = plans::milestones(db, order_id).await?.into_iter().find(|m| m.stage == Stage::Packing).map(|m| m.end());
    Ok(packing.unwrap_or_else(today).max(today()))
}

/// What is left to ship, weighed.
async fn remaining_grams(db: &Db, order_id: i64) -> Result<i64, AppError> {
    let weights = store::weights(db, order_id).await?;
    let lines = crate::shipments::server::store::shippable_now(db, order_id).await?;
    Ok(lines.iter().map(|l| l.remaining().saturating_mul(weights.get(&l.sku).copied().unwrap_or(0))).fold(0i64, i64::saturating_add))
}
