//! The inspection service: read within the reader's scope; planners record
//! an inspection — with its certificate, its timeline entry and the
//! customer's notification — in one transaction, once per idempotency key.

use crate::attachments::server::service::{self as files, Upload};
use crate::attachments::server::Files;
use crate::error::{AppError, Invalid};
use crate::notifications::server::{publish, Audience, Event};
use crate::notifications::Kind;
use crate::orders::server::idempotency;
use crate::orders::server::service as orders;
use crate::orders::server::store as order_store;
use crate::quality::server::store::{self, NewInspection};
use crate::quality::{check_inspection, inspectable, may_record, normalize, Inspection, InspectionInput, OrderInspections, MAX_INSPECTIONS_PER_ORDER};
use crate::server::db::{db_error, today};
use crate::server::request::Actor;
use crate::server::Db;

/// The order's inspections, for anyone who may see the order.
pub async fn for_order(db: &Db, actor: &Actor, order_id: i64) -> Result<OrderInspections, AppError> {
    let order = orders::get(db, actor, order_id).await?;
    let mut skus: Vec<String> = order.lines.iter().map(|l| l.sku.clone()).collect();
    skus.dedup();
    Ok(OrderInspections { items: store::for_order(db, order.id, None).await?, may_record: may_record(actor.role()) && inspectable(order.status), skus, today: today() })
}

/// Records an inspection of order `order_id` under `key`, with its
/// certificate if one came. A retry with the same key and input answers
/// with the first inspection; the same key with another input is refused.
pub async fn record(db: &Db, files: &Files, actor: &Actor, order_id: i64, input: InspectionInput, certificate: Option<Upload>, key: &str) -> Result<Inspection, AppError> {
    actor.require(may_record(actor.role()))?;
    idempotency::check_key(key)?;
    let input = normalize(input);
    // the file first: a wrong type is named with the other fields' errors
    let file = certificate.as_ref().map(|u| files::check(u, "certificate")).transpose();
    let fp = idempotency::fingerprint(&(order_id, &input, file.as_ref().ok().and_then(|f| f.as_ref()).map(|f| &f.sha256)));
    let first = |kept: idempotency::Kept| kept.response.parse::<i64>().map_err(|e| AppError::internal("kept inspection id", e));
    if let Some(kept) = idempotency::kept(db, actor.user.id, key, &fp).await? {
        return one(db, order_id, first(kept)?).await;
    }
    let order = orders::get(db, actor, order_id).await?;
    let skus: Vec<String> = order.lines.iter().map(|l| l.sku.clone()).collect();
    let mut errors = check_inspection(&input, &skus, today()).err().unwrap_or_default();
    if let Err(AppError::Invalid(more)) = &file {
        errors.extend(more.iter().cloned());
    }
    if !errors.is_empty() {
        return Err(AppError::Invalid(errors));
    }
    let file = file?;
    if !inspectable(order.status) {
        return Err(AppError::InvalidTransition);
    }
    let mut tx = db.begin().await?;
    crate::shipments::server::store::lock_order(&mut tx, order.id).await?;
    if store::count_for_order(&mut tx, order.id).await? >= MAX_INSPECTIONS_PER_ORDER {
        return Err(AppError::field("order", Invalid::TooMany));
    }
    let certificate = match &file {
        Some(f) => Some(files::attach(files, &mut tx, f, order.account_id, Some(order.id), actor.user.id).await?),
        None => None,
    };
    let new = NewInspection { order_id: order.id, account_id: order.account_id, input: &input, certificate_id: certificate.as_ref().map(|c| c.id), recorded_by: actor.user.id };
    let id = match store::insert(&mut tx, &new).await {
        Ok(id) => id,
        // a concurrent twin under the same key committed first: its answer is ours
        Err(e) => {
            drop(tx);
            return match idempotency::kept(db, actor.user.id, key, &fp).await? {
                Some(kept) => one(db, order_id, first(kept)?).await,
                None => Err(e),
            };
        }
    };
    let data = serde_json::json!({ "inspection": id, "passed": input.passed, "sku": input.sku, "lot": input.lot, "sample_size": input.sample_size }).to_string();
    order_store::record_event(&mut tx, order.id, actor.user.id, "inspection", None, &input.note, &data).await?;
    let event = Event { kind: Kind::InspectionRecorded, account_id: order.account_id, order_id: Some(order.id), subject_id: Some(id), actor_id: actor.user.id, data: &data };
    publish(&mut tx, &event, Audience::Customers).await?;
    if let Err(e) = idempotency::keep(&mut *tx, actor.user.id, key, &fp, &id.to_string(), "").await {
        // the key was kept by a twin between our look and now
        drop(tx);
        return match idempotency::kept(db, actor.user.id, key, &fp).await? {
            Some(kept) => one(db, order_id, first(kept)?).await,
            None => Err(e),
        };
    }
    tx.commit().await.map_err(db_error)?;
    one(db, order_id, id).await
}

async fn one(db: &Db, order_id: i64, id: i64) -> Result<Inspection, AppError> {
    store::for_order(db, order_id, Some(id)).await?.pop().ok_or(AppError::NotFound)
}
