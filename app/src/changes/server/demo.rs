//! The demo's change requests: every state, on orders of the seeded
//! history, made through the service as people would make them (so the
//! versions, timeline, bookings and notifications are the real thing).
//! One order reaches version 3, another version 2.

use super::service;
use crate::changes::{Change, ChangeRequestInput};
use crate::error::AppError;
use crate::orders::server::service as orders;
use crate::server::db::{db_error, today};
use crate::server::request::Actor;
use crate::server::Db;
use time::Duration;

/// A demo user as the services see them.
pub(crate) async fn demo(db: &Db, email: &str) -> Result<Actor, AppError> {
    let row: (i64, String, String, String, Option<i64>, Option<String>, Option<String>) =
        sqlx::query_as("SELECT u.id, u.email, u.name, u.role, a.id, a.code, a.name FROM users u LEFT JOIN accounts a ON a.id = u.account_id WHERE u.email = $1")
            .bind(email)
            .fetch_one(&db.pool)
            .await
            .map_err(db_error)?;
    Actor::from_row(row.0, row.1, row.2, &row.3, (row.4, row.5, row.6), String::new()).ok_or_else(|| AppError::internal("demo user role", email))
}

/// More of an order's first line (a whole number of packs) and, when
/// asked, a later delivery.
async fn more(db: &Db, buyer: &Actor, order_id: i64, packs: i64, later: bool, reason: &str) -> Result<ChangeRequestInput, AppError> {
    let order = orders::get(db, buyer, order_id).await?;
    let first = &order.lines[0];
    let pack: i64 = sqlx::query_scalar("SELECT pack_multiple FROM products WHERE id = $1").bind(first.product_id).fetch_one(&db.pool).await.map_err(db_error)?;
    let mut changes = vec![Change::Quantity { line_key: first.line_key, quantity: first.quantity + packs * pack }];
    if later {
        changes.push(Change::OrderDate { requested_date: Some(today() + Duration::days(45)) });
    }
    Ok(ChangeRequestInput { base_version: order.version, changes, reason: reason.into() })
}

/// Seeds the requests once (none exist yet). Returns whether it did.
pub async fn seed_changes(db: &Db) -> Result<bool, AppError> {
    let existing: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM change_requests").fetch_one(&db.pool).await.map_err(db_error)?;
    if existing > 0 {
        return Ok(false);
    }
    let am = demo(db, "am@keyport.example").await?;
    for (code, buyer, plan) in [("ACME", "buyer@acme.example", 6usize), ("NOVA", "buyer@nova.example", 1)] {
        let buyer = demo(db, buyer).await?;
        let open: Vec<i64> = sqlx::query_scalar(
            "SELECT o.id FROM orders o JOIN accounts a ON a.id = o.account_id \
             WHERE a.code = $1 AND o.status IN ('submitted', 'confirmed', 'in_production') ORDER BY o.id DESC LIMIT $2",
        )
        .bind(code)
        .bind(plan as i64)
        .fetch_all(&db.pool)
        .await
        .map_err(db_error)?;
        for (i, order_id) in open.into_iter().enumerate() {
            let input = more(db, &buyer, order_id, 4 + i as i64, i % 2 == 0, "Our customer raised the forecast for next month.").await?;
            let request = service::send(db, &buyer, order_id, &input, None).await?;
            match (code, i) {
                // approved twice: versions 2 and 3
                ("ACME", 0) => {
                    service::approve(db, &am, request.id, None, "Capacity is there; approved.").await?;
                    let input = more(db, &buyer, order_id, 2, false, "A few more for the trial run.").await?;
                    let second = service::send(db, &buyer, order_id, &input, None).await?;
                    service::approve(db, &am, second.id, None, "").await?;
                }
                ("ACME", 1) => {
                    service::approve(db, &am, request.id, None, "Approved.").await?;
                }
                ("ACME", 3) => {
                    let counter = more(db, &buyer, order_id, 2, false, "").await?.changes;
                    service::counter(db, &am, request.id, &counter, "We can add two packs now, not more this month.").await?;
                }
                ("ACME", 4) => {
                    service::reject(db, &am, request.id, "The line is fully booked until the end of the quarter.").await?;
                }
                ("ACME", 5) => {
                    service::withdraw(db, &buyer, request.id, "Forecast revised down again.").await?;
                }
                // the rest wait for a decision
                _ => {}
            }
        }
    }
    Ok(true)
}
