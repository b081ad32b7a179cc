//! The order's steps after it is placed: submit, review (confirm, counter,
//! reject), the customer's answer, cancel and production — every step
//! through `apply`, the state machine and the one rule of who may do what.

use super::*;
use crate::error::{AppError, FieldError, Invalid};
use crate::limits;
use crate::orders::feasibility::Report;
use crate::orders::feasibility::{self};
use crate::orders::server::{bookings, store};
use crate::orders::{counter_quantity_field, status, Command, CounterProposal, Order, OrderInput, OrderLineInput, OrderStatus, QuantityChange, Side};
use crate::server::db::{db_error, today};
use crate::server::request::Actor;
use crate::server::Db;
use time::Date;

pub(super) fn input_of(order: &Order) -> OrderInput {
    OrderInput {
        site_id: order.site_id,
        requested_date: order.requested_date,
        po_number: order.po_number.clone(),
        notes: order.notes.clone(),
        lines: order.lines.iter().map(|l| OrderLineInput { sku: l.sku.clone(), quantity: l.quantity, requested_date: l.requested_date }).collect(),
    }
}

/// Applies a command through the state machine, with the dates it sets,
/// recording who, when and why on the timeline — one transaction. The
/// status must still be the one read, or nothing happens (a conflict).
pub(super) async fn apply(db: &Db, actor: &Actor, order: &Order, command: Command, reason: &str, dates: store::Dates) -> Result<Order, AppError> {
    // the one rule of who may do what now (the page shows the same list)
    if !status::allowed(order.status, actor.role()).contains(&command) {
        return Err(if status::role_may(actor.role(), command) { AppError::InvalidTransition } else { AppError::Forbidden });
    }
    let side = if actor.role().is_staff() { Side::Staff } else { Side::Customer };
    let to = status::next(order.status, command, side).map_err(|_| AppError::InvalidTransition)?;
    // the quantities this step proposes or makes the new version's, for the timeline
    let quantities: Vec<QuantityChange> = dates
        .counter_quantities
        .iter()
        .chain(&dates.new_version)
        .flatten()
        .filter_map(|(key, to)| {
            let l = order.lines.iter().find(|l| l.line_key == *key)?;
            Some(QuantityChange { line_no: l.line_no, sku: l.sku.clone(), from: l.quantity, to: *to })
        })
        .collect();
    let mut tx = db.begin().await?;
    let booked_before = bookings::share(&mut tx, order.id).await?;
    store::set_status(&mut tx, order.id, order.status, to).await?;
    if let Some(new) = &dates.new_version {
        store::new_version(&mut tx, order, new).await?;
    }
    store::set_dates(&mut tx, order.id, &dates).await?;
    if let (OrderStatus::Confirmed, Some(promised)) = (to, dates.promised) {
        // a confirmed order gets its default plan, from today to the promise
        crate::planning::server::store::ensure_default(&mut tx, order.id, actor.user.id, today(), promised).await?;
    }
    bookings::rebook(&mut tx, order.id, &booked_before).await?;
    let data = serde_json::json!({
        "promised": dates.promised.map(|d| d.to_string()),
        "counter": dates.counter.as_ref().and_then(|c| c.as_ref().map(|c| c.0.to_string())),
        "quantities": quantities,
    });
    store::record_event(&mut tx, order.id, actor.user.id, "transition", Some((order.status, to)), reason.trim(), &data.to_string()).await?;
    tx.commit().await.map_err(db_error)?;
    get(db, actor, order.id).await
}

/// Refuses early (before any read) a command the actor's role never gives;
/// whether the order's status allows it is `apply`'s to say.
pub(super) fn may(actor: &Actor, command: Command) -> Result<(), AppError> {
    actor.require(status::role_may(actor.role(), command))
}

/// Required text within the bound of reasons and messages.
pub(super) fn required(text: &str, field: &str) -> Result<(), AppError> {
    if text.trim().is_empty() {
        return Err(AppError::field(field, Invalid::Required));
    }
    limits::check_reason(text, field)
}

/// The customer submits a draft. It must be complete and its lines valid;
/// date and credit issues do not stop it — they become flags for review.
pub async fn submit(db: &Db, actor: &Actor, id: i64) -> Result<Order, AppError> {
    may(actor, Command::Submit)?;
    let order = get(db, actor, id).await?;
    submit_read(db, actor, &order, None).await
}

/// Submits an order already read, with its feasibility report when the
/// caller has just made it (placing checks before it writes; checking
/// twice would double the placement's heaviest read).
pub(super) async fn submit_read(db: &Db, actor: &Actor, order: &Order, report: Option<Report>) -> Result<Order, AppError> {
    may(actor, Command::Submit)?;
    let report = match report {
        Some(report) => report,
        None => feasibility(db, order.account_id, &input_of(order), Some(order.id)).await?,
    };
    if !report.submittable() {
        return Err(AppError::Invalid(unsubmittable_fields(&report)));
    }
    let dates = store::Dates { flags: Some((report.dates_feasible(), report.over_credit(), report.order_earliest)), ..Default::default() };
    apply(db, actor, order, Command::Submit, "", dates).await
}

/// Confirms with a promised date: the one given, else the earliest feasible.
pub async fn confirm(db: &Db, actor: &Actor, id: i64, promised: Option<Date>, message: &str) -> Result<Order, AppError> {
    may(actor, Command::Confirm)?;
    limits::check_reason(message, "message")?;
    if promised.is_some_and(|d| d > feasibility::horizon(today())) {
        return Err(AppError::field("promised_date", Invalid::TooFar));
    }
    let order = get(db, actor, id).await?;
    let promised = match promised.or(order.earliest_date).or(order.requested_date) {
        Some(d) if d >= today() => d,
        _ => return Err(AppError::field("promised_date", Invalid::NotAllowed)),
    };
    apply(db, actor, &order, Command::Confirm, message, store::Dates { promised: Some(promised), ..Default::default() }).await
}

/// Proposes another date and/or other quantities; the customer accepts or
/// declines the proposal whole. Proposed quantities must still meet the
/// product's minimum and pack multiple.
pub async fn counter(db: &Db, actor: &Actor, id: i64, proposal: &CounterProposal) -> Result<Order, AppError> {
    may(actor, Command::Counter)?;
    required(&proposal.message, "message")?;
    limits::check_counter(proposal, today())?;
    if proposal.date.is_some_and(|d| d < today()) {
        return Err(AppError::field("counter_date", Invalid::NotAllowed));
    }
    let order = get(db, actor, id).await?;
    let changes = proposal.changes(&order.lines).map_err(|field| AppError::field(&field, Invalid::Quantity))?;
    let current = order.earliest_date.filter(|_| !order.dates_feasible).or(order.requested_date);
    if changes.is_empty() && (proposal.date.is_none() || proposal.date == current) {
        // nothing would change: say what to change
        return Err(AppError::field("counter_date", Invalid::Required));
    }
    let date = proposal.date.or(current).filter(|d| *d >= today()).ok_or_else(|| AppError::field("counter_date", Invalid::Required))?;
    if !changes.is_empty() {
        let mut input = input_of(&order);
        for (key, change) in &changes {
            if let Some(pos) = order.lines.iter().position(|l| l.line_key == *key) {
                input.lines[pos].quantity = change.to;
            }
        }
        let report = feasibility(db, order.account_id, &input, Some(order.id)).await?;
        let bad: Vec<FieldError> = changes
            .iter()
            .filter_map(|(key, _)| {
                let pos = order.lines.iter().position(|l| l.line_key == *key)?;
                report.lines[pos].issues.iter().any(|i| i.blocks()).then(|| FieldError { field: counter_quantity_field(*key), reason: Invalid::Quantity })
            })
            .collect();
        if !bad.is_empty() {
            return Err(AppError::Invalid(bad));
        }
    }
    let step = store::Dates {
        counter: Some(Some((date, proposal.message.trim().to_string()))),
        counter_quantities: Some(changes.iter().map(|(k, c)| (*k, c.to)).collect()),
        ..Default::default()
    };
    apply(db, actor, &order, Command::Counter, &proposal.message, step).await
}

pub async fn reject(db: &Db, actor: &Actor, id: i64, reason: &str) -> Result<Order, AppError> {
    may(actor, Command::Reject)?;
    required(reason, "reason")?;
    let order = get(db, actor, id).await?;
    apply(db, actor, &order, Command::Reject, reason, store::Dates::default()).await
}

/// The customer accepts the counter-proposal: its date becomes the promise,
/// and proposed quantities make the order's next version.
pub async fn accept_counter(db: &Db, actor: &Actor, id: i64) -> Result<Order, AppError> {
    may(actor, Command::AcceptCounter)?;
    let order = get(db, actor, id).await?;
    let promised = order.counter_date.ok_or(AppError::InvalidTransition)?;
    let quantities: Vec<(i64, i64)> = order.lines.iter().filter_map(|l| Some((l.line_key, l.counter_quantity?))).collect();
    let step = store::Dates {
        promised: Some(promised),
        counter: Some(None),
        counter_quantities: Some(Vec::new()),
        new_version: (!quantities.is_empty()).then_some(quantities),
        ..Default::default()
    };
    apply(db, actor, &order, Command::AcceptCounter, "", step).await
}

pub async fn decline_counter(db: &Db, actor: &Actor, id: i64, reason: &str) -> Result<Order, AppError> {
    may(actor, Command::DeclineCounter)?;
    limits::check_reason(reason, "reason")?;
    let order = get(db, actor, id).await?;
    let step = store::Dates { counter: Some(None), counter_quantities: Some(Vec::new()), ..Default::default() };
    apply(db, actor, &order, Command::DeclineCounter, reason, step).await
}

pub async fn cancel(db: &Db, actor: &Actor, id: i64, reason: &str) -> Result<Order, AppError> {
    may(actor, Command::Cancel)?;
    required(reason, "reason")?;
    let order = get(db, actor, id).await?;
    apply(db, actor, &order, Command::Cancel, reason, store::Dates::default()).await
}

/// Planning moves a confirmed order into production.
pub async fn start_production(db: &Db, actor: &Actor, id: i64) -> Result<Order, AppError> {
    may(actor, Command::StartProduction)?;
    let order = get(db, actor, id).await?;
    apply(db, actor, &order, Command::StartProduction, "", store::Dates::default()).await
}
