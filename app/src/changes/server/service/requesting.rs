//! The customer's side: preview, send (idempotently), withdraw, accept
//! staff's counter, re-base a stale request.

use super::basis::{basis, impact_of, proposed, refuse_unacceptable, summary};
use super::deciding::{approve_with, decision, load};
use crate::changes::server::store::{self, NewRequest};
use crate::changes::{rules, ChangeCommand, ChangeRequest, ChangeRequestInput, ChangeStatus, Preview, MAX_CHANGES};
use crate::error::{AppError, Invalid};
use crate::notifications::server::{publish, Audience, Event};
use crate::notifications::Kind;
use crate::orders::server::{idempotency, store as order_store};
use crate::server::db::db_error;
use crate::server::request::Actor;
use crate::server::Db;

fn may_request(actor: &Actor) -> Result<(), AppError> {
    actor.require(rules::requests(actor.role()))
}

/// Refused before any read: more changes than a request may carry.
fn bounded(input: &ChangeRequestInput) -> Result<(), AppError> {
    if input.changes.len() > MAX_CHANGES {
        return Err(AppError::field("changes", Invalid::TooMany));
    }
    crate::limits::check_reason(&input.reason, "reason")
}

/// The version a request would make and its impact, without sending it.
/// A request made from an older version than the order's is stale: 412.
pub async fn preview(db: &Db, actor: &Actor, order_id: i64, input: &ChangeRequestInput) -> Result<Preview, AppError> {
    may_request(actor)?;
    bounded(input)?;
    let b = basis(db, actor, order_id).await?;
    if input.base_version != b.base.number {
        return Err(AppError::PreconditionFailed);
    }
    // the reason is asked for when sending; the impact shows while it is written
    let reason = if input.reason.trim().is_empty() { "-" } else { &input.reason };
    let next = proposed(db, &b, &input.changes, reason).await?;
    let (impact, report) = impact_of(db, &b, &next).await?;
    refuse_unacceptable(&report, &next, &input.changes)?;
    Ok(Preview { proposed: next, impact, currency: b.order.total.as_ref().map(|m| m.currency.clone()).unwrap_or_default() })
}

/// Sends a request: checked as the preview checks it, stored pending with
/// its impact summary, told to the account's manager and the planners —
/// one transaction. Under an idempotency key a repeat gets the first
/// request back instead of a second one.
pub async fn send(db: &Db, actor: &Actor, order_id: i64, input: &ChangeRequestInput, key: Option<&str>) -> Result<ChangeRequest, AppError> {
    may_request(actor)?;
    bounded(input)?;
    let fp = idempotency::fingerprint(&(order_id, input));
    if let Some(key) = key {
        idempotency::check_key(key)?;
        if let Some(kept) = idempotency::kept(db, actor.user.id, key, &fp).await? {
            let id: i64 = kept.response.parse().map_err(|e| AppError::internal("kept change request id", e))?;
            return super::get(db, actor, id).await;
        }
    }
    let b = basis(db, actor, order_id).await?;
    if input.base_version != b.base.number {
        return Err(AppError::PreconditionFailed);
    }
    let next = proposed(db, &b, &input.changes, &input.reason).await?;
    let (impact, report) = impact_of(db, &b, &next).await?;
    refuse_unacceptable(&report, &next, &input.changes)?;
    let currency = b.order.total.as_ref().map(|m| m.currency.clone()).unwrap_or_default();
    let reason = input.reason.trim();
    let written = async {
        let mut tx = db.begin().await?;
        let id = store::insert(
            &mut tx,
            &NewRequest {
                order_id,
                account_id: b.order.account_id,
                base_version: b.base.number,
                changes: &input.changes,
                reason,
                summary: &summary(&impact, &currency),
                requested_by: actor.user.id,
            },
        )
        .await?;
        let data = serde_json::json!({ "change_request": id }).to_string();
        order_store::record_event(&mut tx, order_id, actor.user.id, "change_requested", None, reason, &data).await?;
        let event = Event { kind: Kind::ChangeRequested, account_id: b.order.account_id, order_id: Some(order_id), subject_id: Some(id), actor_id: actor.user.id, data: &data };
        publish(&mut tx, &event, Audience::AccountTeam).await?;
        if let Some(key) = key {
            idempotency::keep(&mut *tx, actor.user.id, key, &fp, &id.to_string(), "").await?;
        }
        tx.commit().await.map_err(db_error)?;
        Ok::<i64, AppError>(id)
    }
    .await;
    let id = match (written, key) {
        (Ok(id), _) => id,
        // a concurrent twin under the same key (double click, retry in
        // flight) lost the race: it gets the first one's request
        (Err(e), Some(key)) => match idempotency::kept(db, actor.user.id, key, &fp).await? {
            Some(kept) => kept.response.parse().map_err(|e| AppError::internal("kept change request id", e))?,
            None => return Err(e),
        },
        (Err(e), None) => return Err(e),
    };
    super::get(db, actor, id).await
}

/// The customer takes an open request back.
pub async fn withdraw(db: &Db, actor: &Actor, id: i64, reason: &str) -> Result<ChangeRequest, AppError> {
    may_request(actor)?;
    crate::limits::check_reason(reason, "reason")?;
    let (row, status) = load(db, actor, id, ChangeCommand::Withdraw).await?;
    decision(db, actor, &row, status, ChangeStatus::Withdrawn, reason, Kind::ChangeWithdrawn, Audience::AccountTeam).await
}

/// The customer accepts staff's counter: it is applied as the approval
/// would apply it.
pub async fn accept_counter(db: &Db, actor: &Actor, id: i64) -> Result<ChangeRequest, AppError> {
    may_request(actor)?;
    let (row, _) = load(db, actor, id, ChangeCommand::AcceptCounter).await?;
    let counter = row.counter()?.ok_or_else(|| AppError::internal("countered request without a counter", row.id))?;
    approve_with(db, actor, &row, ChangeStatus::Countered, &counter, None, "", Kind::ChangeCounterAccepted, Audience::AccountTeam).await
}

/// Makes a stale request again on the order's current version, if its
/// changes still apply there (else the fields that no longer do); staff's
/// counter, made for the old version, is dropped.
pub async fn rebase(db: &Db, actor: &Actor, id: i64) -> Result<ChangeRequest, AppError> {
    may_request(actor)?;
    let (row, _) = load(db, actor, id, ChangeCommand::Rebase).await?;
    let b = basis(db, actor, row.order_id).await?;
    let changes = row.changes()?;
    let next = proposed(db, &b, &changes, &row.reason).await?;
    let (impact, report) = impact_of(db, &b, &next).await?;
    refuse_unacceptable(&report, &next, &changes)?;
    let mut tx = db.begin().await?;
    store::rebase(&mut tx, id, row.base_version, b.base.number, &summary(&impact, &row.currency)).await?;
    let data = serde_json::json!({ "change_request": id, "rebased_to": b.base.number }).to_string();
    order_store::record_event(&mut tx, row.order_id, actor.user.id, "change_requested", None, &row.reason, &data).await?;
    let event = Event { kind: Kind::ChangeRequested, account_id: row.account_id, order_id: Some(row.order_id), subject_id: Some(id), actor_id: actor.user.id, data: &data };
    publish(&mut tx, &event, Audience::AccountTeam).await?;
    tx.commit().await.map_err(db_error)?;
    super::get(db, actor, id).await
}
