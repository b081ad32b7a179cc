//! Every version of an order stays readable. Lines are versioned in
//! `order_lines`; the header (site, date, PO number, notes) is the
//! `order_versions` row with the smallest number at or after the one asked
//! for, else the order's own: only an approved change alters the header,
//! and it first writes the base version's header there (migration 0008).

use crate::changes::{Version, VersionInfo, VersionLine};
use crate::error::{AppError, Invalid};
use crate::orders::server::store::{self as orders, NewLine};
use crate::server::db::{date_text, db_error, one_row, parse_date, Tx};
use crate::server::{now, Db};
use sqlx::Any;
use time::Date;

#[derive(sqlx::FromRow)]
struct Header {
    site_id: Option<i64>,
    requested_date: Option<String>,
    po_number: String,
    notes: String,
}

#[derive(sqlx::FromRow)]
struct Line {
    line_key: i64,
    product_id: i64,
    sku: String,
    quantity: i64,
    unit_price_minor: i64,
    requested_date: Option<String>,
}

/// Version `number` of order `order_id` (in scope: the caller checked),
/// with prices; `None` past the order's current version.
pub async fn version<'e>(conn: impl sqlx::Acquire<'e, Database = Any>, order_id: i64, number: i64) -> Result<Option<Version>, AppError> {
    let mut conn = conn.acquire().await.map_err(db_error)?;
    // the snapshot nearest at or after `number`, else the order itself
    let snapshot: Option<Header> =
        sqlx::query_as("SELECT site_id, requested_date, po_number, notes FROM order_versions WHERE order_id = $1 AND number >= $2 ORDER BY number LIMIT 1")
            .bind(order_id)
            .bind(number)
            .fetch_optional(&mut *conn)
            .await
            .map_err(db_error)?;
    let header = match snapshot {
        Some(h) => Some(h),
        None => sqlx::query_as("SELECT site_id, requested_date, po_number, notes FROM orders WHERE id = $1 AND version >= $2")
            .bind(order_id)
            .bind(number)
            .fetch_optional(&mut *conn)
            .await
            .map_err(db_error)?,
    };
    let Some(h) = header else { return Ok(None) };
    let lines: Vec<Line> =
        sqlx::query_as("SELECT line_key, product_id, sku, quantity, unit_price_minor, requested_date FROM order_lines WHERE order_id = $1 AND version = $2 ORDER BY line_no")
            .bind(order_id)
            .bind(number)
            .fetch_all(&mut *conn)
            .await
            .map_err(db_error)?;
    if lines.is_empty() {
        return Ok(None);
    }
    Ok(Some(Version {
        number,
        site_id: h.site_id,
        requested_date: h.requested_date.as_deref().and_then(parse_date),
        po_number: h.po_number,
        notes: h.notes,
        lines: lines
            .into_iter()
            .map(|l| VersionLine {
                line_key: l.line_key,
                product_id: l.product_id,
                sku: l.sku,
                quantity: l.quantity,
                unit_price_minor: l.unit_price_minor,
                requested_date: l.requested_date.as_deref().and_then(parse_date),
            })
            .collect(),
    }))
}

/// The order's number, currency and current version, if the scope may see it:
/// what the versions view needs of the order (not its lines or timeline).
pub async fn head(db: &Db, scope: crate::server::request::Scope, order_id: i64) -> Result<Option<(String, String, i64)>, AppError> {
    sqlx::query_as(&format!("SELECT number, currency, version FROM orders WHERE id = $1 AND {}", crate::server::request::scoped("account_id", 2)))
        .bind(order_id)
        .bind(scope.account_filter())
        .bind(scope.manager_filter())
        .fetch_optional(&db.pool)
        .await
        .map_err(db_error)
}

/// Every version of an order, oldest first, with the request that made it.
pub async fn list(db: &Db, order_id: i64) -> Result<Vec<VersionInfo>, AppError> {
    let rows: Vec<(i64, i64, i64, Option<i64>)> = sqlx::query_as(
        "SELECT l.version, CAST(SUM(l.quantity * l.unit_price_minor) AS BIGINT), COUNT(*), \
                (SELECT r.id FROM change_requests r WHERE r.order_id = l.order_id AND r.result_version = l.version) \
         FROM order_lines l WHERE l.order_id = $1 GROUP BY l.order_id, l.version ORDER BY l.version",
    )
    .bind(order_id)
    .fetch_all(&db.pool)
    .await
    .map_err(db_error)?;
    Ok(rows.into_iter().map(|(number, total, lines, change_request_id)| VersionInfo { number, total_minor: Some(total), lines, change_request_id }).collect())
}

/// One past every line key the order has ever used (removed lines too), so
/// a key never comes back for another line.
pub async fn next_line_key(db: &Db, order_id: i64) -> Result<i64, AppError> {
    let (max,): (Option<i64>,) = sqlx::query_as("SELECT MAX(line_key) FROM order_lines WHERE order_id = $1").bind(order_id).fetch_one(&db.pool).await.map_err(db_error)?;
    Ok(max.unwrap_or(0) + 1)
}

/// Makes `next` the order's current version, in the caller's transaction:
/// the base version's header kept, the new lines written (keys carried
/// over), the header, total and (when given) promised date moved. Fails
/// with `PreconditionFailed` when the order is no longer at `base` — the
/// request went stale while it was being decided.
pub async fn make_current(tx: &mut Tx, order_id: i64, base: &Version, next: &Version, promised: Option<Date>) -> Result<(), AppError> {
    for v in [base, next] {
        sqlx::query(
            "INSERT INTO order_versions (order_id, number, site_id, requested_date, po_number, notes, created_at) \
             VALUES ($1, $2, $3, $4, $5, $6, $7) ON CONFLICT (order_id, number) DO NOTHING",
        )
        .bind(order_id)
        .bind(v.number)
        .bind(v.site_id)
        .bind(v.requested_date.map(date_text))
        .bind(&v.po_number)
        .bind(&v.notes)
        .bind(now())
        .execute(&mut **tx)
        .await
        .map_err(db_error)?;
    }
    let total = next
        .lines
        .iter()
        .try_fold(0i64, |sum, l| l.quantity.checked_mul(l.unit_price_minor).and_then(|a| sum.checked_add(a)))
        .ok_or_else(|| AppError::field("changes", Invalid::TooLarge))?;
    let done = sqlx::query(
        "UPDATE orders SET version = $1, total_minor = $2, site_id = $3, requested_date = $4, po_number = $5, notes = $6, \
                promised_date = COALESCE($7, promised_date), counter_date = NULL, counter_message = '', updated_at = $8 \
         WHERE id = $9 AND version = $10",
    )
    .bind(next.number)
    .bind(total)
    .bind(next.site_id)
    .bind(next.requested_date.map(date_text))
    .bind(&next.po_number)
    .bind(&next.notes)
    .bind(promised.map(date_text))
    .bind(now())
    .bind(order_id)
    .bind(base.number)
    .execute(&mut **tx)
    .await
    .map_err(db_error)?;
    one_row(done, AppError::PreconditionFailed)?;
    let lines: Vec<NewLine> = next
        .lines
        .iter()
        .enumerate()
        .map(|(i, l)| NewLine {
            line_no: i as i64 + 1,
            line_key: l.line_key,
            product_id: l.product_id,
            sku: &l.sku,
            quantity: l.quantity,
            unit_price_minor: l.unit_price_minor,
            requested_date: l.requested_date,
        })
        .collect();
    orders::insert_lines(tx, order_id, next.number, &lines).await?;
    Ok(())
}
