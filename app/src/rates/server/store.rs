//! The rate table, product weights, site zones and shipping choices.

use crate::error::AppError;
use crate::rates::{Rate, ShippingChoice};
use crate::server::db::{date_text, db_error, parse_date, Tx};
use crate::server::{now, Db};
use crate::shipments::Mode;
use std::collections::HashMap;

#[derive(sqlx::FromRow)]
struct Row {
    id: i64,
    mode: String,
    origin: String,
    zone: String,
    min_kg: i64,
    max_kg: i64,
    per_kg_minor: i64,
    minimum_minor: i64,
    transit_days: i64,
    pickup_days: String,
}

/// Every rate, by lane and band.
pub async fn all(db: &Db) -> Result<Vec<Rate>, AppError> {
    let rows: Vec<Row> =
        sqlx::query_as("SELECT id, mode, origin, zone, min_kg, max_kg, per_kg_minor, minimum_minor, transit_days, pickup_days FROM rates ORDER BY zone, mode, origin, min_kg")
            .fetch_all(&db.pool)
            .await
            .map_err(db_error)?;
    rows.into_iter()
        .map(|r| {
            let mode = Mode::parse(&r.mode).ok_or_else(|| AppError::internal("rate mode in store", r.mode.clone()))?;
            let pickup_days = r.pickup_days.split('/').filter_map(|d| d.parse::<u8>().ok()).collect();
            Ok(Rate {
                id: r.id,
                mode,
                origin: r.origin,
                zone: r.zone,
                min_kg: r.min_kg,
                max_kg: r.max_kg,
                per_kg_minor: r.per_kg_minor,
                minimum_minor: r.minimum_minor,
                transit_days: r.transit_days,
                pickup_days,
            })
        })
        .collect()
}

/// Replaces the whole table (in the caller's transaction: all or nothing).
pub async fn replace(tx: &mut Tx, rates: &[Rate]) -> Result<(), AppError> {
    sqlx::query("DELETE FROM rates").execute(&mut **tx).await.map_err(db_error)?;
    for r in rates {
        let days = r.pickup_days.iter().map(|d| d.to_string()).collect::<Vec<_>>().join("/");
        sqlx::query("INSERT INTO rates (mode, origin, zone, min_kg, max_kg, per_kg_minor, minimum_minor, transit_days, pickup_days) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)")
            .bind(r.mode.as_str())
            .bind(&r.origin)
            .bind(&r.zone)
            .bind(r.min_kg)
            .bind(r.max_kg)
            .bind(r.per_kg_minor)
            .bind(r.minimum_minor)
            .bind(r.transit_days)
            .bind(days)
            .execute(&mut **tx)
            .await
            .map_err(db_error)?;
    }
    Ok(())
}

/// Grams per unit of each of an order's products, by SKU.
pub async fn weights(db: &Db, order_id: i64) -> Result<HashMap<String, i64>, AppError> {
    let rows: Vec<(String, i64)> = sqlx::query_as(
        "SELECT DISTINCT l.sku, p.weight_grams FROM order_lines l JOIN orders o ON o.id = l.order_id AND l.version = o.version \
         JOIN products p ON p.id = l.product_id WHERE o.id = $1",
    )
    .bind(order_id)
    .fetch_all(&db.pool)
    .await
    .map_err(db_error)?;
    Ok(rows.into_iter().collect())
}

/// The zone of the order's delivery site (blank: none set).
pub async fn zone_of_order(db: &Db, order_id: i64) -> Result<String, AppError> {
    let zone: Option<String> =
        sqlx::query_scalar("SELECT s.zone FROM orders o JOIN sites s ON s.id = o.site_id WHERE o.id = $1").bind(order_id).fetch_optional(&db.pool).await.map_err(db_error)?;
    Ok(zone.unwrap_or_default())
}

pub struct NewChoice<'a> {
    pub order_id: i64,
    pub mode: Mode,
    pub origin: &'a str,
    pub cost_minor: i64,
    pub eta: time::Date,
    pub reason: &'a str,
    pub chosen_by: i64,
}

/// Records the order's choice, replacing an earlier one.
pub async fn choose(tx: &mut Tx, c: &NewChoice<'_>) -> Result<(), AppError> {
    sqlx::query(
        "INSERT INTO shipping_choices (order_id, mode, origin, cost_minor, eta, reason, chosen_by, chosen_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8) \
         ON CONFLICT (order_id) DO UPDATE SET mode = excluded.mode, origin = excluded.origin, cost_minor = excluded.cost_minor, eta = excluded.eta, \
         reason = excluded.reason, chosen_by = excluded.chosen_by, chosen_at = excluded.chosen_at",
    )
    .bind(c.order_id)
    .bind(c.mode.as_str())
    .bind(c.origin)
    .bind(c.cost_minor)
    .bind(date_text(c.eta))
    .bind(c.reason)
    .bind(c.chosen_by)
    .bind(now())
    .execute(&mut **tx)
    .await
    .map_err(db_error)?;
    Ok(())
}

/// The order's choice, whole (the service strips what a reader may not see).
pub async fn choice(db: &Db, order_id: i64) -> Result<Option<(ShippingChoice, String)>, AppError> {
    let row: Option<(String, String, i64, String, String, String, i64)> = sqlx::query_as(
        "SELECT c.mode, c.origin, c.cost_minor, c.eta, c.reason, u.name, c.chosen_at FROM shipping_choices c JOIN users u ON u.id = c.chosen_by WHERE c.order_id = $1",
    )
    .bind(order_id)
    .fetch_optional(&db.pool)
    .await
    .map_err(db_error)?;
    row.map(|(mode, origin, cost, eta, reason, by, at)| {
        let bad = || AppError::internal("shipping choice in store", mode.clone());
        Ok((
            ShippingChoice {
                mode: Mode::parse(&mode).ok_or_else(bad)?,
                eta: parse_date(&eta).ok_or_else(bad)?,
                cost_minor: Some(cost),
                reason: Some(reason),
                chosen_by: by,
                chosen_at: at,
            },
            origin,
        ))
    })
    .transpose()
}
