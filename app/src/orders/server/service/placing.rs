//! Placing orders: drafts under idempotency keys, the live feasibility
//! check, and placing with submit in one step.

use super::*;
use crate::accounts::Role;
use crate::error::{AppError, FieldError, Invalid};
use crate::limits;
use crate::money::Money;
use crate::orders::feasibility::{self, LineRequest, OrderRequest, Report};
use crate::orders::server::{bookings, catalog, idempotency, store};
use crate::orders::{order_number, Order, OrderEvent, OrderInput, OrderLine, OrderStatus};
use crate::server::db::{db_error, today};
use crate::server::request::{Actor, Scope};
use crate::server::Db;

/// Buyers and customer admins place orders for their own account.
pub(super) fn ordering_account(actor: &Actor) -> Result<i64, AppError> {
    match (actor.role(), &actor.user.account) {
        (Role::Buyer | Role::CustomerAdmin, Some(account)) => Ok(account.id),
        _ => Err(AppError::Forbidden),
    }
}

/// Saves a new draft order. With an idempotency key, a repeat of the same
/// request answers with the first order's id and writes nothing.
pub async fn create_draft(db: &Db, actor: &Actor, input: &OrderInput, key: Option<&str>) -> Result<i64, AppError> {
    Ok(create(db, actor, input, key).await?.0)
}

/// Creates a draft under `key` and answers as the REST door does: the order
/// as created, as JSON; a retry gets that same first answer, byte for byte,
/// even after the order has moved on.
pub async fn create_keyed(db: &Db, actor: &Actor, input: &OrderInput, key: &str) -> Result<(i64, String), AppError> {
    match create(db, actor, input, Some(key)).await? {
        (id, Some(first)) => Ok((id, first)),
        (_, None) => Err(AppError::internal("keyed order creation", "no first answer kept")),
    }
}

/// The draft's id and, under a key, the first answer kept with it.
pub(super) async fn create(db: &Db, actor: &Actor, input: &OrderInput, key: Option<&str>) -> Result<(i64, Option<String>), AppError> {
    let account_id = ordering_account(actor)?;
    limits::check_order_input(input, today())?;
    let fp = idempotency::fingerprint(input);
    let first_answer = |kept: idempotency::Kept| kept.response.parse().map(|id| (id, kept.body)).map_err(|e| AppError::internal("kept idempotent answer", e));
    let Some(key) = key else {
        return insert_draft(db, actor, account_id, input, None).await;
    };
    idempotency::check_key(key)?;
    if let Some(kept) = idempotency::remembered(db, actor.user.id, key, &fp)? {
        return first_answer(kept);
    }
    // Write first; look for an earlier answer only when that fails. A retry
    // (or a concurrent twin) trips the key's primary key, which rolls back
    // everything it wrote; a retry whose request no longer passes the checks
    // (its site closed since) still gets its first answer. A new key, the
    // common case, costs no read (measured: placement, SQLite).
    match insert_draft(db, actor, account_id, input, Some((key, fp.as_str()))).await {
        Err(e) => match idempotency::kept(db, actor.user.id, key, &fp).await? {
            Some(kept) => first_answer(kept),
            None => Err(e),
        },
        done => done,
    }
}

/// Validates and writes a new draft. The checks read before the write
/// transaction, so SQLite's one writer holds its lock only for the writes.
pub(super) async fn insert_draft(db: &Db, actor: &Actor, account_id: i64, input: &OrderInput, key: Option<(&str, &str)>) -> Result<(i64, Option<String>), AppError> {
    if let Some(site) = input.site_id {
        if !account_sites(db, Scope::Account(account_id), account_id).await?.iter().any(|(id, _, active)| *id == site && *active) {
            return Err(AppError::field("site_id", Invalid::NotAllowed));
        }
    }
    let skus: Vec<String> = input.lines.iter().map(|l| l.sku.trim().to_uppercase()).collect();
    let products = catalog::by_skus(&db.pool, account_id, &skus, today()).await?;
    let mut errors = Vec::new();
    for (i, (line, sku)) in input.lines.iter().zip(&skus).enumerate() {
        if !products.contains_key(sku) {
            errors.push(FieldError { field: format!("lines.{i}.sku"), reason: Invalid::NotAllowed });
        }
        if line.quantity <= 0 {
            errors.push(FieldError { field: format!("lines.{i}.quantity"), reason: Invalid::Amount });
        }
    }
    if !errors.is_empty() {
        return Err(AppError::Invalid(errors));
    }
    let new_lines: Vec<store::NewLine> = input
        .lines
        .iter()
        .zip(&skus)
        .enumerate()
        .map(|(i, (line, sku))| store::NewLine {
            line_no: i as i64 + 1,
            line_key: i as i64 + 1,
            product_id: products[sku].id,
            sku,
            quantity: line.quantity,
            unit_price_minor: products[sku].unit_price_minor,
            requested_date: line.requested_date,
        })
        .collect();
    let total_minor = order_total(&new_lines)?;
    let year = today().year();

    let mut tx = db.begin().await?;
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
    let line_ids = store::insert_lines(&mut tx, order_id, 1, &new_lines).await?;
    let at = store::record_event(&mut tx, order_id, actor.user.id, "created", None, "", "{}").await?;
    let mut first_answer = None;
    if let Some((key, fingerprint)) = key {
        // The whole first answer, as the REST door gives it to a retry: the
        // order as just written (built here, not read back, to keep the write
        // lock short; the API test checks it equals a read of the order).
        let created = Order {
            id: order_id,
            number,
            account_id,
            site_id: input.site_id,
            po_number: input.po_number.trim().to_string(),
            notes: input.notes.trim().to_string(),
            status: OrderStatus::Draft,
            version: 1,
            requested_date: input.requested_date,
            promised_date: None,
            counter_date: None,
            counter_message: String::new(),
            dates_feasible: true,
            over_credit: false,
            earliest_date: None,
            total: Some(Money::new(total_minor, "CNY")),
            lines: new_lines
                .iter()
                .zip(line_ids)
                .map(|(l, id)| OrderLine {
                    id,
                    line_key: l.line_key,
                    line_no: l.line_no,
                    product_id: l.product_id,
                    sku: l.sku.to_string(),
                    quantity: l.quantity,
                    unit_price: Some(Money::new(l.unit_price_minor, "CNY")),
                    requested_date: l.requested_date,
                    counter_quantity: None,
                })
                .collect(),
            events: vec![OrderEvent {
                at,
                actor: actor.user.name.clone(),
                kind: "created".into(),
                from_status: None,
                to_status: None,
                reason: String::new(),
                date: None,
                quantities: Vec::new(),
            }],
        };
        let body = serde_json::to_string(&created).map_err(|e| AppError::internal("first answer to keep", e))?;
        idempotency::keep(&mut *tx, actor.user.id, key, fingerprint, &order_id.to_string(), &body).await?;
        first_answer = Some((key, fingerprint, body));
    }
    tx.commit().await.map_err(db_error)?;
    let first_answer = first_answer.map(|(key, fingerprint, body)| {
        idempotency::remember(db, actor.user.id, key, fingerprint, &order_id.to_string(), &body);
        body
    });
    Ok((order_id, first_answer))
}

/// The order's value, or the first line whose amount cannot be held
/// (checked arithmetic: money never wraps or saturates silently).
pub(super) fn order_total(lines: &[store::NewLine<'_>]) -> Result<i64, AppError> {
    let mut total = 0i64;
    for (i, l) in lines.iter().enumerate() {
        total = l
            .quantity
            .checked_mul(l.unit_price_minor)
            .and_then(|amount| total.checked_add(amount))
            .ok_or_else(|| AppError::field(&format!("lines.{i}.quantity"), Invalid::TooLarge))?;
    }
    Ok(total)
}

/// The live check while a customer edits an order.
pub async fn check(db: &Db, actor: &Actor, input: &OrderInput) -> Result<Report, AppError> {
    let account_id = ordering_account(actor)?;
    limits::check_order_size(input, today())?;
    feasibility(db, account_id, input, None).await
}

/// Saves a draft (idempotently, under the page's key) and submits it when
/// asked. Repeating the call after it went through returns the same order.
///
/// A submit that would be refused writes nothing: a new request is checked
/// as submit will check it before its draft is written, so a buyer who
/// fixes the form and sends it again never leaves an orphan draft behind
/// (and a retry of a request that went through is answered as before).
pub async fn place(db: &Db, actor: &Actor, input: &OrderInput, key: &str, submit_it: bool) -> Result<i64, AppError> {
    // a new request: checked as submit will check it, before anything is written
    let mut checked = None;
    if submit_it && idempotency::kept(db, actor.user.id, key, &idempotency::fingerprint(input)).await?.is_none() {
        let account_id = ordering_account(actor)?;
        limits::check_order_input(input, today())?;
        idempotency::check_key(key)?;
        let report = feasibility(db, account_id, input, None).await?;
        if !report.submittable() {
            return Err(AppError::Invalid(unsubmittable_fields(&report)));
        }
        checked = Some(report);
    }
    let id = create_draft(db, actor, input, Some(key)).await?;
    if submit_it {
        let order = get(db, actor, id).await?;
        if order.status == OrderStatus::Draft {
            let submitted = submit_read(db, actor, &order, checked).await;
            // a concurrent twin (a double click, a retry while the first is
            // in flight) that finds it submitted already gets the first's answer
            let twin_was_first = matches!(submitted, Err(AppError::InvalidTransition)) && get(db, actor, id).await?.status != OrderStatus::Draft;
            if !twin_was_first {
                submitted?;
            }
        }
    }
    Ok(id)
}

/// Which fields stop a submit, named as the order form names them.
pub(super) fn unsubmittable_fields(report: &Report) -> Vec<FieldError> {
    use feasibility::{HeaderIssue as H, LineIssue as L};
    let mut fields: Vec<FieldError> = report
        .header
        .iter()
        .map(|issue| {
            let (field, reason) = match issue {
                H::NoLines => ("lines", Invalid::Required),
                H::NoSite => ("site_id", Invalid::Required),
                H::NoDate => ("requested_date", Invalid::Required),
                H::NoPoNumber => ("po_number", Invalid::Required),
                H::DateInPast => ("requested_date", Invalid::NotAllowed),
                H::DateBeyondHorizon => ("requested_date", Invalid::TooFar),
            };
            FieldError { field: field.into(), reason }
        })
        .collect();
    for (i, line) in report.lines.iter().enumerate() {
        for issue in line.issues.iter().filter(|i| i.blocks()) {
            let (field, reason) = match issue {
                L::UnknownProduct => ("sku", Invalid::NotAllowed),
                L::QuantityTooLarge => ("quantity", Invalid::TooLarge),
                L::DateBeyondHorizon | L::NoDateWithinHorizon => ("requested_date", Invalid::TooFar),
                _ => ("quantity", Invalid::Quantity),
            };
            fields.push(FieldError { field: format!("lines.{i}.{field}"), reason });
        }
    }
    fields
}

/// The feasibility of an order as entered, for `account_id`, against every
/// other order's booked load and the account's credit.
pub async fn feasibility(db: &Db, account_id: i64, input: &OrderInput, exclude: Option<i64>) -> Result<Report, AppError> {
    let skus: Vec<String> = input.lines.iter().map(|l| l.sku.trim().to_uppercase()).collect();
    let products = catalog::by_skus(&db.pool, account_id, &skus, today()).await?;
    let ids: Vec<i64> = products.values().map(|p| p.id).collect();
    let booked = bookings::booked(db, &ids, exclude).await?;
    let credit_limit_minor = crate::accounts::server::store::credit_limit(db, account_id).await?;
    let has_site = match input.site_id {
        Some(site) => account_sites(db, Scope::Account(account_id), account_id).await?.iter().any(|(id, _, active)| *id == site && *active),
        None => false,
    };
    let request = OrderRequest {
        lines: input
            .lines
            .iter()
            .zip(&skus)
            .map(|(l, sku)| LineRequest { product: products.get(sku).map(|p| p.rules()), quantity: l.quantity, requested: l.requested_date })
            .collect(),
        requested: input.requested_date,
        has_site,
        has_po_number: !input.po_number.trim().is_empty(),
        today: today(),
        credit_limit_minor,
        open_value_minor: store::open_value(db, account_id, exclude).await?,
    };
    Ok(feasibility::check(&request, &booked))
}
