//! Staff's side — approve, reject, counter — and the approval itself,
//! which accepting a counter shares: the change applied atomically as the
//! order's next version, its booked capacity and promised date moved, the
//! timeline and the notifications written in the same transaction.

use super::basis::{basis, impact_of, proposed, refuse_unacceptable};
use crate::changes::diff::LineDiff;
use crate::changes::server::store::{self, Row};
use crate::changes::server::versions;
use crate::changes::{rules, Change, ChangeCommand, ChangeRequest, ChangeStatus, MAX_CHANGES};
use crate::error::{AppError, Invalid};
use crate::notifications::server::{publish, Audience, Event};
use crate::notifications::Kind;
use crate::orders::feasibility;
use crate::orders::server::{bookings, store as order_store};
use crate::orders::{OrderStatus, QuantityChange};
use crate::server::db::{db_error, today};
use crate::server::request::Actor;
use crate::server::Db;
use time::Date;

/// The request (in scope), refused unless `command` is among what the
/// actor may do to it now (`rules::allowed`, the list the pages show).
/// Approving or accepting a request the order has moved on from is a
/// failed precondition (412), not a forbidden step.
pub(super) async fn load(db: &Db, actor: &Actor, id: i64, command: ChangeCommand) -> Result<(Row, ChangeStatus), AppError> {
    let row = store::get(db, actor.scope(), id).await?.ok_or(AppError::NotFound)?;
    let status = row.status()?;
    let stale = status.is_open() && row.base_version != row.order_version;
    let role = actor.role();
    if !rules::allowed(status, stale, role).contains(&command) {
        let role_may = ChangeStatus::ALL.into_iter().any(|s| [false, true].into_iter().any(|st| rules::allowed(s, st, role).contains(&command)));
        return Err(if stale && rules::allowed(status, false, role).contains(&command) {
            AppError::PreconditionFailed
        } else if role_may {
            AppError::InvalidTransition
        } else {
            AppError::Forbidden
        });
    }
    Ok((row, status))
}

/// A decision that changes no order (reject, withdraw): the request moved,
/// the timeline and the notification written — one transaction.
#[allow(clippy::too_many_arguments)]
pub(super) async fn decision(
    db: &Db,
    actor: &Actor,
    row: &Row,
    from: ChangeStatus,
    to: ChangeStatus,
    reason: &str,
    kind: Kind,
    audience: Audience,
) -> Result<ChangeRequest, AppError> {
    let reason = reason.trim();
    let mut tx = db.begin().await?;
    store::decide(&mut tx, row.id, from, to, actor.user.id, reason, None).await?;
    let data = serde_json::json!({ "change_request": row.id }).to_string();
    order_store::record_event(&mut tx, row.order_id, actor.user.id, &format!("change_{}", to.as_str()), None, reason, &data).await?;
    let event = Event { kind, account_id: row.account_id, order_id: Some(row.order_id), subject_id: Some(row.id), actor_id: actor.user.id, data: &data };
    publish(&mut tx, &event, audience).await?;
    tx.commit().await.map_err(db_error)?;
    super::get(db, actor, row.id).await
}

/// Applies `changes` (the request's, or staff's counter) as the order's
/// next version. The order must still be at the request's base version —
/// checked here and again by the write itself, in the same transaction, so
/// a concurrent approval or a shipment in between makes this one stale.
#[allow(clippy::too_many_arguments)]
pub(super) async fn approve_with(
    db: &Db,
    actor: &Actor,
    row: &Row,
    from: ChangeStatus,
    changes: &[Change],
    promised: Option<Date>,
    message: &str,
    kind: Kind,
    audience: Audience,
) -> Result<ChangeRequest, AppError> {
    let b = basis(db, actor, row.order_id).await?;
    if b.base.number != row.base_version {
        return Err(AppError::PreconditionFailed);
    }
    let next = proposed(db, &b, changes, &row.reason).await?;
    let (impact, report) = impact_of(db, &b, &next).await?;
    refuse_unacceptable(&report, &next, changes)?;
    // an order with a promise gets a new one: the date given, else the
    // later of the old promise and the earliest feasible
    let promised = match (b.order.promised_date, promised) {
        (None, _) => None,
        (Some(_), Some(given)) => Some(given),
        (Some(old), None) => Some(impact.earliest.map_or(old, |e| e.max(old)).max(today())),
    };
    if let Some(d) = promised {
        if d < today() {
            return Err(AppError::field("promised_date", Invalid::NotAllowed));
        }
        if d > feasibility::horizon(today()) {
            return Err(AppError::field("promised_date", Invalid::TooFar));
        }
    }
    let message = message.trim();
    let mut tx = db.begin().await?;
    let booked_before = bookings::share(&mut tx, b.order.id).await?;
    store::decide(&mut tx, row.id, from, ChangeStatus::Approved, actor.user.id, message, Some(next.number)).await?;
    versions::make_current(&mut tx, b.order.id, &b.base, &next, promised).await?;
    // a shipment committed since the change was checked (the write above
    // waited for its lock on the order): what it shipped still bounds the lines
    let shipped = crate::shipments::server::store::shipped(&mut *tx, b.order.id).await?;
    let below = |key: &i64, qty: &i64| *qty > next.lines.iter().find(|l| l.line_key == *key).map_or(0, |l| l.quantity);
    if shipped.iter().any(|(key, qty)| below(key, qty)) {
        return Err(AppError::PreconditionFailed);
    }
    if b.order.status == OrderStatus::Submitted {
        // the review queue's flags follow the order's new content
        let flags = Some((impact.dates_feasible, impact.over_credit, impact.earliest));
        order_store::set_dates(&mut tx, b.order.id, &order_store::Dates { flags, ..Default::default() }).await?;
    }
    bookings::rebook(&mut tx, b.order.id, &booked_before).await?;
    // what changed, line by line, for the timeline (added lines from 0, removed to 0)
    let line_no = |key: i64| next.lines.iter().position(|l| l.line_key == key).or_else(|| b.base.lines.iter().position(|l| l.line_key == key)).map_or(0, |i| i as i64 + 1);
    let quantities: Vec<QuantityChange> = impact
        .diff
        .lines
        .iter()
        .filter_map(|d| {
            let (line, from, to) = match d {
                LineDiff::Added { line } => (line, 0, line.quantity),
                LineDiff::Removed { line } => (line, line.quantity, 0),
                LineDiff::Changed { before, after } if before.quantity != after.quantity => (after, before.quantity, after.quantity),
                LineDiff::Changed { .. } => return None,
            };
            Some(QuantityChange { line_no: line_no(line.line_key), sku: line.sku.clone(), from, to })
        })
        .collect();
    let data = serde_json::json!({
        "change_request": row.id,
        "version": next.number,
        "promised": promised.map(|d| d.to_string()),
        "quantities": quantities,
    })
    .to_string();
    order_store::record_event(&mut tx, b.order.id, actor.user.id, "change_approved", None, if message.is_empty() { &row.reason } else { message }, &data).await?;
    let event = Event { kind, account_id: row.account_id, order_id: Some(row.order_id), subject_id: Some(row.id), actor_id: actor.user.id, data: &data };
    publish(&mut tx, &event, audience).await?;
    tx.commit().await.map_err(db_error)?;
    super::get(db, actor, row.id).await
}

/// Staff approve: the change becomes the order's next version, committed
/// to `promised` (default: the feasible date).
pub async fn approve(db: &Db, actor: &Actor, id: i64, promised: Option<Date>, message: &str) -> Result<ChangeRequest, AppError> {
    actor.require(rules::decides(actor.role()))?;
    crate::limits::check_reason(message, "message")?;
    let (row, status) = load(db, actor, id, ChangeCommand::Approve).await?;
    let requester = row.requested_by_id;
    approve_with(db, actor, &row, status, &row.changes()?, promised, message, Kind::ChangeApproved, Audience::AccountBuyers { requester }).await
}

/// Staff reject, with a reason the customer reads.
pub async fn reject(db: &Db, actor: &Actor, id: i64, reason: &str) -> Result<ChangeRequest, AppError> {
    actor.require(rules::decides(actor.role()))?;
    if reason.trim().is_empty() {
        return Err(AppError::field("reason", Invalid::Required));
    }
    crate::limits::check_reason(reason, "reason")?;
    let (row, status) = load(db, actor, id, ChangeCommand::Reject).await?;
    let requester = row.requested_by_id;
    decision(db, actor, &row, status, ChangeStatus::Rejected, reason, Kind::ChangeRejected, Audience::AccountBuyers { requester }).await
}

/// Staff propose other changes (another quantity or date), with a message;
/// the counter must itself apply to the order as it stands.
pub async fn counter(db: &Db, actor: &Actor, id: i64, changes: &[Change], message: &str) -> Result<ChangeRequest, AppError> {
    actor.require(rules::decides(actor.role()))?;
    if changes.len() > MAX_CHANGES {
        return Err(AppError::field("changes", Invalid::TooMany));
    }
    if message.trim().is_empty() {
        return Err(AppError::field("message", Invalid::Required));
    }
    crate::limits::check_reason(message, "message")?;
    let (row, _) = load(db, actor, id, ChangeCommand::Counter).await?;
    let b = basis(db, actor, row.order_id).await?;
    // checked as the customer's acceptance will apply it
    let next = proposed(db, &b, changes, &row.reason).await?;
    refuse_unacceptable(&impact_of(db, &b, &next).await?.1, &next, changes)?;
    let message = message.trim();
    let mut tx = db.begin().await?;
    store::set_counter(&mut tx, row.id, changes, message, actor.user.id).await?;
    let data = serde_json::json!({ "change_request": row.id }).to_string();
    order_store::record_event(&mut tx, row.order_id, actor.user.id, "change_countered", None, message, &data).await?;
    let event = Event { kind: Kind::ChangeCountered, account_id: row.account_id, order_id: Some(row.order_id), subject_id: Some(row.id), actor_id: actor.user.id, data: &data };
    publish(&mut tx, &event, Audience::AccountBuyers { requester: row.requested_by_id }).await?;
    tx.commit().await.map_err(db_error)?;
    super::get(db, actor, row.id).await
}
