//! SQL for orders. Reads of customer data take a [`Scope`] and filter by it
//! in the query; writes happen inside the service's transaction.

use crate::error::AppError;
use crate::money::Money;
use crate::orders::{Order, OrderEvent, OrderLine, OrderStatus};
use crate::server::db::{date_text, db_error, parse_date};
use crate::server::now;
use crate::server::request::Scope;
use sqlx::{Any, Transaction};

type Tx = Transaction<'static, Any>;

/// Takes the next number of `year`, atomically with the order's insert.
pub async fn next_number(tx: &mut Tx, year: i32) -> Result<i64, AppError> {
    sqlx::query_scalar(
        "INSERT INTO order_number_counters (year, last) VALUES ($1, 1) \
         ON CONFLICT (year) DO UPDATE SET last = order_number_counters.last + 1 RETURNING last",
    )
    .bind(i64::from(year))
    .fetch_one(&mut **tx)
    .await
    .map_err(db_error)
}

pub struct NewOrder<'a> {
    pub number: &'a str,
    pub account_id: i64,
    pub site_id: Option<i64>,
    pub po_number: &'a str,
    pub notes: &'a str,
    pub requested_date: Option<time::Date>,
    pub total_minor: i64,
    pub currency: &'a str,
    pub created_by: i64,
}

pub async fn insert_order(tx: &mut Tx, o: &NewOrder<'_>) -> Result<i64, AppError> {
    let t = now();
    sqlx::query_scalar(
        "INSERT INTO orders (number, account_id, site_id, po_number, notes, status, version, requested_date, \
                             total_minor, currency, created_by, created_at, updated_at) \
         VALUES ($1, $2, $3, $4, $5, 'draft', 1, $6, $7, $8, $9, $10, $10) RETURNING id",
    )
    .bind(o.number)
    .bind(o.account_id)
    .bind(o.site_id)
    .bind(o.po_number)
    .bind(o.notes)
    .bind(o.requested_date.map(date_text))
    .bind(o.total_minor)
    .bind(o.currency)
    .bind(o.created_by)
    .bind(t)
    .fetch_one(&mut **tx)
    .await
    .map_err(db_error)
}

pub struct NewLine<'a> {
    pub line_no: i64,
    pub product_id: i64,
    pub sku: &'a str,
    pub quantity: i64,
    pub unit_price_minor: i64,
    pub requested_date: Option<time::Date>,
}

pub async fn insert_line(tx: &mut Tx, order_id: i64, version: i64, line: &NewLine<'_>) -> Result<(), AppError> {
    sqlx::query(
        "INSERT INTO order_lines (order_id, version, line_no, line_key, product_id, sku, quantity, unit_price_minor, requested_date) \
         VALUES ($1, $2, $3, $3, $4, $5, $6, $7, $8)",
    )
    .bind(order_id)
    .bind(version)
    .bind(line.line_no)
    .bind(line.product_id)
    .bind(line.sku)
    .bind(line.quantity)
    .bind(line.unit_price_minor)
    .bind(line.requested_date.map(date_text))
    .execute(&mut **tx)
    .await
    .map_err(db_error)?;
    Ok(())
}

/// Records one step of the timeline.
pub async fn record_event(
    tx: &mut Tx,
    order_id: i64,
    actor_id: i64,
    kind: &str,
    change: Option<(OrderStatus, OrderStatus)>,
    reason: &str,
    data: &str,
) -> Result<(), AppError> {
    sqlx::query(
        "INSERT INTO order_events (order_id, at, actor_id, kind, from_status, to_status, reason, data) \
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8)",
    )
    .bind(order_id)
    .bind(now())
    .bind(actor_id)
    .bind(kind)
    .bind(change.map(|c| c.0.as_str()))
    .bind(change.map(|c| c.1.as_str()))
    .bind(reason)
    .bind(data)
    .execute(&mut **tx)
    .await
    .map_err(db_error)?;
    Ok(())
}

/// Moves an order from `from` to `to`, only if it is still in `from` (a
/// concurrent change makes this a conflict, never a lost update).
pub async fn set_status(tx: &mut Tx, order_id: i64, from: OrderStatus, to: OrderStatus) -> Result<(), AppError> {
    let t = now();
    let submitted = (to == OrderStatus::Submitted).then_some(t);
    let done = sqlx::query(
        "UPDATE orders SET status = $1, updated_at = $2, submitted_at = COALESCE($3, submitted_at) WHERE id = $4 AND status = $5",
    )
    .bind(to.as_str())
    .bind(t)
    .bind(submitted)
    .bind(order_id)
    .bind(from.as_str())
    .execute(&mut **tx)
    .await
    .map_err(db_error)?;
    if done.rows_affected() == 1 { Ok(()) } else { Err(AppError::InvalidTransition) }
}

#[derive(sqlx::FromRow)]
struct OrderRow {
    id: i64,
    number: String,
    account_id: i64,
    site_id: Option<i64>,
    po_number: String,
    notes: String,
    status: String,
    version: i64,
    requested_date: Option<String>,
    promised_date: Option<String>,
    total_minor: i64,
    currency: String,
}

#[derive(sqlx::FromRow)]
struct LineRow {
    id: i64,
    line_key: i64,
    line_no: i64,
    product_id: i64,
    sku: String,
    quantity: i64,
    unit_price_minor: i64,
    requested_date: Option<String>,
}

#[derive(sqlx::FromRow)]
struct EventRow {
    at: i64,
    actor: String,
    kind: String,
    from_status: Option<String>,
    to_status: Option<String>,
    reason: String,
}

/// One order with its current lines and timeline, if the scope may see it.
pub async fn order(db: &crate::server::Db, scope: Scope, id: i64) -> Result<Option<Order>, AppError> {
    let row: Option<OrderRow> = sqlx::query_as(
        "SELECT id, number, account_id, site_id, po_number, notes, status, version, requested_date, promised_date, \
                total_minor, currency FROM orders WHERE id = $1 AND ($2 IS NULL OR account_id = $2)",
    )
    .bind(id)
    .bind(scope.account_filter())
    .fetch_optional(&db.pool)
    .await
    .map_err(db_error)?;
    let Some(r) = row else { return Ok(None) };
    let lines: Vec<LineRow> = sqlx::query_as(
        "SELECT id, line_key, line_no, product_id, sku, quantity, unit_price_minor, requested_date \
         FROM order_lines WHERE order_id = $1 AND version = $2 ORDER BY line_no",
    )
    .bind(r.id)
    .bind(r.version)
    .fetch_all(&db.pool)
    .await
    .map_err(db_error)?;
    let events: Vec<EventRow> = sqlx::query_as(
        "SELECT e.at, u.name AS actor, e.kind, e.from_status, e.to_status, e.reason \
         FROM order_events e JOIN users u ON u.id = e.actor_id WHERE e.order_id = $1 ORDER BY e.id",
    )
    .bind(r.id)
    .fetch_all(&db.pool)
    .await
    .map_err(db_error)?;
    let currency = r.currency.clone();
    Ok(Some(Order {
        id: r.id,
        number: r.number,
        account_id: r.account_id,
        site_id: r.site_id,
        po_number: r.po_number,
        notes: r.notes,
        status: OrderStatus::parse(&r.status).ok_or(AppError::Internal)?,
        version: r.version,
        requested_date: r.requested_date.as_deref().and_then(parse_date),
        promised_date: r.promised_date.as_deref().and_then(parse_date),
        total: Money::new(r.total_minor, &currency),
        lines: lines
            .into_iter()
            .map(|l| OrderLine {
                id: l.id,
                line_key: l.line_key,
                line_no: l.line_no,
                product_id: l.product_id,
                sku: l.sku,
                quantity: l.quantity,
                unit_price: Money::new(l.unit_price_minor, &currency),
                requested_date: l.requested_date.as_deref().and_then(parse_date),
            })
            .collect(),
        events: events
            .into_iter()
            .map(|e| OrderEvent {
                at: e.at,
                actor: e.actor,
                kind: e.kind,
                from_status: e.from_status.as_deref().and_then(OrderStatus::parse),
                to_status: e.to_status.as_deref().and_then(OrderStatus::parse),
                reason: e.reason,
            })
            .collect(),
    }))
}
