//! Booked capacity: the load open orders put on each product, per delivery
//! day, kept as running totals in `capacity_bookings` (migration 0006).
//!
//! The feasibility check reads these totals (a few hundred rows per
//! product) instead of summing every open line of the product on every
//! check. Every transition moves its order's share in the same transaction
//! ([`rebook`]), so the totals always equal the sum over the lines; the
//! loaders that write orders directly rebuild them whole ([`rebuild`]),
//! and a test holds the running totals to a rebuild.

use crate::error::AppError;
use crate::orders::feasibility::Booked;
use crate::server::db::{db_error, parse_date, Tx};
use crate::server::Db;
use sqlx::{Any, Executor};
use std::collections::{BTreeMap, HashSet};

/// Statuses whose lines book capacity (`OrderStatus::books_capacity`; a
/// test holds the two together, and migration 0006 wrote the same list).
const BOOKING: &str = "('submitted', 'countered', 'confirmed', 'in_production')";

/// An order's booked lines as (product, due day, quantity): dated by the
/// promise, else the line's or the order's request; undated lines book nothing.
fn booked_lines(filter: &str) -> String {
    format!(
        "SELECT l.product_id, COALESCE(o.promised_date, l.requested_date, o.requested_date) AS due, CAST(SUM(l.quantity) AS BIGINT) AS quantity \
         FROM order_lines l JOIN orders o ON o.id = l.order_id AND l.version = o.version \
         WHERE o.status IN {BOOKING} AND COALESCE(o.promised_date, l.requested_date, o.requested_date) IS NOT NULL {filter} \
         GROUP BY l.product_id, COALESCE(o.promised_date, l.requested_date, o.requested_date)"
    )
}

/// One order's share of the totals, as it stands in the transaction.
pub type Share = Vec<(i64, String, i64)>;

/// What `order_id` books now (nothing unless its status books).
pub async fn share(tx: &mut Tx, order_id: i64) -> Result<Share, AppError> {
    share_on(&mut **tx, order_id).await
}

async fn share_on<'e>(on: impl Executor<'e, Database = Any>, order_id: i64) -> Result<Share, AppError> {
    sqlx::query_as(&booked_lines("AND o.id = $1")).bind(order_id).fetch_all(on).await.map_err(db_error)
}

/// Moves the totals from the order's share `before` (read at the start of
/// the transaction) to its share now.
pub async fn rebook(tx: &mut Tx, order_id: i64, before: &Share) -> Result<(), AppError> {
    let mut delta: BTreeMap<(i64, String), i64> = BTreeMap::new();
    for (product, due, quantity) in before {
        *delta.entry((*product, due.clone())).or_default() -= quantity;
    }
    for (product, due, quantity) in share(tx, order_id).await? {
        *delta.entry((product, due)).or_default() += quantity;
    }
    for ((product, due), change) in delta.into_iter().filter(|(_, change)| *change != 0) {
        sqlx::query(
            "INSERT INTO capacity_bookings (product_id, due, quantity) VALUES ($1, $2, $3) \
             ON CONFLICT (product_id, due) DO UPDATE SET quantity = capacity_bookings.quantity + excluded.quantity",
        )
        .bind(product)
        .bind(&due)
        .bind(change)
        .execute(&mut **tx)
        .await
        .map_err(db_error)?;
    }
    Ok(())
}

/// The load already due per product and day from every order that books
/// capacity except `exclude_order` (an order re-checked is not its own competitor).
pub async fn booked(db: &Db, product_ids: &[i64], exclude_order: Option<i64>) -> Result<Booked, AppError> {
    let mut booked = Booked::default();
    if product_ids.is_empty() {
        return Ok(booked);
    }
    let placeholders: Vec<String> = (1..=product_ids.len()).map(|i| format!("${i}")).collect();
    let sql = format!("SELECT product_id, due, quantity FROM capacity_bookings WHERE quantity <> 0 AND product_id IN ({})", placeholders.join(", "));
    let mut q = sqlx::query_as::<_, (i64, String, i64)>(&sql);
    for id in product_ids {
        q = q.bind(id);
    }
    let mut rows = q.fetch_all(&db.pool).await.map_err(db_error)?;
    if let Some(own) = exclude_order {
        rows.extend(share_on(&db.pool, own).await?.into_iter().map(|(p, due, q)| (p, due, -q)));
    }
    let wanted: HashSet<i64> = product_ids.iter().copied().collect();
    for (product, due, quantity) in rows {
        if let Some(date) = parse_date(&due).filter(|_| wanted.contains(&product)) {
            booked.add(product, date, quantity);
        }
    }
    Ok(booked)
}

/// Recomputes every total from the order lines (for loaders that write
/// orders directly, and for tests that compare).
pub async fn rebuild(tx: &mut Tx) -> Result<(), AppError> {
    sqlx::query("DELETE FROM capacity_bookings").execute(&mut **tx).await.map_err(db_error)?;
    sqlx::query(&format!("INSERT INTO capacity_bookings (product_id, due, quantity) {}", booked_lines(""))).execute(&mut **tx).await.map_err(db_error)?;
    Ok(())
}

/// Every non-zero total, sorted (for tests that compare).
pub async fn totals(db: &Db) -> Result<Vec<(i64, String, i64)>, AppError> {
    sqlx::query_as("SELECT product_id, due, quantity FROM capacity_bookings WHERE quantity <> 0 ORDER BY product_id, due").fetch_all(&db.pool).await.map_err(db_error)
}

#[cfg(test)]
mod tests {
    use crate::orders::OrderStatus;

    #[test]
    fn the_sql_status_list_is_the_rule() {
        let rule: Vec<String> = OrderStatus::ALL.iter().filter(|s| s.books_capacity()).map(|s| format!("'{}'", s.as_str())).collect();
        assert_eq!(super::BOOKING, format!("({})", rule.join(", ")));
    }
}
