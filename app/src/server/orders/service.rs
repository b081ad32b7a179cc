//! The orders service: the one place where order rules meet storage. UI
//! server functions and REST handlers both call these.

use super::{catalog, idempotency, store};
use crate::accounts::Role;
use crate::error::{AppError, FieldError, Invalid};
use crate::orders::{order_number, status, Command, Order, OrderInput, OrderStatus, Side};
use crate::server::db::{db_error, today};
use crate::server::request::Actor;
use crate::server::Db;

/// Buyers and customer admins place orders for their own account.
fn ordering_account(actor: &Actor) -> Result<i64, AppError> {
    match (actor.role(), &actor.user.account) {
        (Role::Buyer | Role::CustomerAdmin, Some(account)) => Ok(account.id),
        _ => Err(AppError::Forbidden),
    }
}

/// Saves a new draft order. With an idempotency key, a repeat of the same
/// request answers with the first order's id and writes nothing.
pub async fn create_draft(db: &Db, actor: &Actor, input: &OrderInput, key: Option<&str>) -> Result<i64, AppError> {
    let account_id = ordering_account(actor)?;
    let fp = idempotency::fingerprint(input);
    if let Some(key) = key {
        idempotency::check_key(key)?;
        if let Some(first) = idempotency::replay(db, actor.user.id, key, &fp).await? {
            return first.parse().map_err(|_| AppError::Internal);
        }
    }
    match insert_draft(db, actor, account_id, input, key, &fp).await {
        // a concurrent twin with the same key committed first: answer as it did
        Err(e) if key.is_some() && idempotency::lost_race(&e) => idempotency::replay(db, actor.user.id, key.unwrap_or_default(), &fp)
            .await?
            .ok_or(AppError::Internal)?
            .parse()
            .map_err(|_| AppError::Internal),
        other => other,
    }
}

async fn insert_draft(db: &Db, actor: &Actor, account_id: i64, input: &OrderInput, key: Option<&str>, fp: &str) -> Result<i64, AppError> {
    let mut tx = db.begin().await?;
    if let Some(key) = key {
        idempotency::claim(&mut *tx, actor.user.id, key, fp).await?;
    }
    if let Some(site) = input.site_id {
        let ok: Option<i64> = sqlx::query_scalar("SELECT id FROM sites WHERE id = $1 AND account_id = $2 AND active = 1")
            .bind(site)
            .bind(account_id)
            .fetch_optional(&mut *tx)
            .await
            .map_err(db_error)?;
        if ok.is_none() {
            return Err(AppError::field("site_id", Invalid::NotAllowed));
        }
    }
    let skus: Vec<String> = input.lines.iter().map(|l| l.sku.trim().to_uppercase()).collect();
    let products = catalog::by_skus(&mut *tx, account_id, &skus, today()).await?;
    let mut errors = Vec::new();
    for (i, (line, sku)) in input.lines.iter().zip(&skus).enumerate() {
        if !products.contains_key(sku) {
            errors.push(FieldError { field: format!("lines.{i}.sku"), reason: Invalid::NotAllowed });
        }
        if line.quantity <= 0 {
            errors.push(FieldError { field: format!("lines.{i}.quantity"), reason: Invalid::Amount });
        }
    }
    if input.po_number.chars().count() > 60 {
        errors.push(FieldError { field: "po_number".into(), reason: Invalid::TooLong });
    }
    if !errors.is_empty() {
        return Err(AppError::Invalid(errors));
    }
    let total_minor = input
        .lines
        .iter()
        .zip(&skus)
        .map(|(l, sku)| l.quantity.saturating_mul(products[sku].unit_price_minor))
        .fold(0i64, i64::saturating_add);
    let year = today().year();
    let number = order_number(year, store::next_number(&mut tx, year).await?);
    let order_id = store::insert_order(
        &mut tx,
        &store::NewOrder {
            number: &number,
            account_id,
            site_id: input.site_id,
            po_number: input.po_number.trim(),
            notes: input.notes.trim(),
            requested_date: input.requested_date,
            total_minor,
            currency: "CNY",
            created_by: actor.user.id,
        },
    )
    .await?;
    for (i, (line, sku)) in input.lines.iter().zip(&skus).enumerate() {
        let p = &products[sku];
        let new = store::NewLine {
            line_no: i as i64 + 1,
            product_id: p.id,
            sku,
            quantity: line.quantity,
            unit_price_minor: p.unit_price_minor,
            requested_date: line.requested_date,
        };
        store::insert_line(&mut tx, order_id, 1, &new).await?;
    }
    store::record_event(&mut tx, order_id, actor.user.id, "created", None, "", "{}").await?;
    if let Some(key) = key {
        idempotency::complete(&mut *tx, actor.user.id, key, &order_id.to_string()).await?;
    }
    tx.commit().await.map_err(db_error)?;
    Ok(order_id)
}

/// One order, if the actor's scope may see it.
pub async fn get(db: &Db, actor: &Actor, id: i64) -> Result<Order, AppError> {
    store::order(db, actor.scope(), id).await?.ok_or(AppError::NotFound)
}

/// Applies a command to an order through the state machine, recording who,
/// when and why on the timeline — all in one transaction.
pub async fn transition(db: &Db, actor: &Actor, id: i64, command: Command, reason: &str) -> Result<Order, AppError> {
    let order = get(db, actor, id).await?;
    let side = if actor.role().is_staff() { Side::Staff } else { Side::Customer };
    let to = status::next(order.status, command, side).map_err(|e| match e {
        status::TransitionError::NotYourSide => AppError::Forbidden,
        status::TransitionError::NotAllowedInStatus => AppError::InvalidTransition,
    })?;
    if command == Command::Submit && order.status == OrderStatus::Draft && (order.lines.is_empty() || order.site_id.is_none() || order.requested_date.is_none()) {
        return Err(AppError::field("order", Invalid::Required));
    }
    let mut tx = db.begin().await?;
    store::set_status(&mut tx, id, order.status, to).await?;
    store::record_event(&mut tx, id, actor.user.id, "transition", Some((order.status, to)), reason.trim(), "{}").await?;
    tx.commit().await.map_err(db_error)?;
    get(db, actor, id).await
}
