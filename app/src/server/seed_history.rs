//! The demo's commercial history: contract prices for each account and
//! eighteen months of orders across all states, with a seasonal rhythm
//! (busy spring and autumn, a lull around the Spring Festival) for the
//! tracking, acceptance and forecasting capabilities to work on.
//!
//! Deterministic: the same database gets the same history every time.

use super::db::{date_text, db_error, today};
use super::{now, Db};
use crate::error::AppError;
use crate::orders::server::store;
use crate::orders::{order_number, OrderStatus};
use time::{Duration, Month};

/// A small deterministic generator (an LCG): no dependency, same data each
/// run. Also used by the benchmark data generator.
pub struct Lcg(pub u64);
impl Lcg {
    /// A number in `0..n`.
    pub fn next(&mut self, n: u64) -> u64 {
        self.0 = self.0.wrapping_mul(6364136223846793005).wrapping_add(1442695040888963407);
        (self.0 >> 33) % n.max(1)
    }
}

/// Orders per month for a month of the year: the seasonal curve.
fn season(month: Month) -> u64 {
    match month {
        Month::January => 6,
        Month::February => 3, // Spring Festival
        Month::March | Month::April | Month::May => 11,
        Month::June | Month::July | Month::August => 8,
        Month::September | Month::October | Month::November => 12,
        Month::December => 7,
    }
}

/// Writes the history once (when no order exists yet). One transaction.
pub async fn seed_history(db: &Db) -> Result<bool, AppError> {
    let orders: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM orders").fetch_one(&db.pool).await.map_err(db_error)?;
    if orders > 0 {
        return Ok(false);
    }
    let accounts: Vec<(i64, String)> = sqlx::query_as("SELECT id, code FROM accounts ORDER BY id").fetch_all(&db.pool).await.map_err(db_error)?;
    let products: Vec<(i64, String, i64, i64, i64)> =
        sqlx::query_as("SELECT id, sku, list_price_minor, moq, pack_multiple FROM products ORDER BY id").fetch_all(&db.pool).await.map_err(db_error)?;
    let mut rng = Lcg(2026);
    let today = today();
    let mut tx = db.begin().await?;
    for (account_id, code) in &accounts {
        let buyer: i64 =
            sqlx::query_scalar("SELECT id FROM users WHERE account_id = $1 AND role = 'buyer' ORDER BY id LIMIT 1").bind(account_id).fetch_one(&mut *tx).await.map_err(db_error)?;
        let sites: Vec<i64> = sqlx::query_scalar("SELECT id FROM sites WHERE account_id = $1 ORDER BY id").bind(account_id).fetch_all(&mut *tx).await.map_err(db_error)?;
        // Each account buys from its own slice of the catalog, at contract prices.
        let range: Vec<_> = products.iter().filter(|p| (p.0 + account_id) % 3 != 0).collect();
        for p in range.iter().step_by(2) {
            let discount = 85 + rng.next(11) as i64; // 85..95 % of list
            sqlx::query(
                "INSERT INTO price_agreements (account_id, product_id, unit_price_minor, currency, valid_from, valid_to, created_at) \
                 VALUES ($1, $2, $3, 'CNY', $4, NULL, $5)",
            )
            .bind(account_id)
            .bind(p.0)
            .bind(p.2 * discount / 100)
            .bind(date_text(today - Duration::days(540)))
            .bind(now())
            .execute(&mut *tx)
            .await
            .map_err(db_error)?;
        }
        for months_back in (0..18i64).rev() {
            let month_start = (today - Duration::days(months_back * 30)).replace_day(1).unwrap_or(today);
            for _ in 0..season(month_start.month()) + rng.next(3) {
                let created = month_start + Duration::days(rng.next(28) as i64);
                if created > today {
                    continue;
                }
                let age = (today - created).whole_days();
                let requested = created + Duration::days(30 + rng.next(40) as i64);
                let status = match age {
                    a if a > 120 => [OrderStatus::Closed, OrderStatus::Closed, OrderStatus::Accepted, OrderStatus::Cancelled][rng.next(4) as usize],
                    a if a > 45 => [OrderStatus::Delivered, OrderStatus::Accepted, OrderStatus::Shipped, OrderStatus::Rejected][rng.next(4) as usize],
                    a if a > 14 => [OrderStatus::InProduction, OrderStatus::PartiallyShipped, OrderStatus::Confirmed][rng.next(3) as usize],
                    _ => [OrderStatus::Submitted, OrderStatus::Confirmed, OrderStatus::Countered, OrderStatus::Draft][rng.next(4) as usize],
                };
                let n = store::next_number(&mut tx, created.year()).await?;
                let lines: Vec<_> = (0..1 + rng.next(5)).map(|_| range[rng.next(range.len() as u64) as usize]).collect();
                let mut total = 0i64;
                let mut rows = Vec::new();
                for (i, p) in lines.iter().enumerate() {
                    let quantity = p.3 + p.4 * rng.next(40) as i64;
                    total += quantity * p.2;
                    rows.push((i as i64 + 1, p.0, p.1.clone(), quantity, p.2));
                }
                let promised = (!matches!(status, OrderStatus::Draft | OrderStatus::Submitted | OrderStatus::Countered | OrderStatus::Rejected))
                    .then(|| requested + Duration::days(rng.next(10) as i64));
                let at = created.midnight().assume_utc().unix_timestamp() + 9 * 3600;
                let order_id: i64 = sqlx::query_scalar(
                    "INSERT INTO orders (number, account_id, site_id, po_number, notes, status, version, requested_date, promised_date, \
                                         total_minor, currency, created_by, created_at, updated_at, submitted_at) \
                     VALUES ($1, $2, $3, $4, '', $5, 1, $6, $7, $8, 'CNY', $9, $10, $10, $11) RETURNING id",
                )
                .bind(order_number(created.year(), n))
                .bind(account_id)
                .bind(sites[rng.next(sites.len() as u64) as usize])
                .bind(format!("{code}-PO-{}{:03}", created.year() % 100, n))
                .bind(status.as_str())
                .bind(date_text(requested))
                .bind(promised.map(date_text))
                .bind(total)
                .bind(buyer)
                .bind(at)
                .bind((status != OrderStatus::Draft).then_some(at + 600))
                .fetch_one(&mut *tx)
                .await
                .map_err(db_error)?;
                let lines: Vec<store::NewLine> = rows
                    .iter()
                    .map(|(line_no, product_id, sku, quantity, price)| store::NewLine {
                        line_no: *line_no,
                        line_key: *line_no,
                        product_id: *product_id,
                        sku,
                        quantity: *quantity,
                        unit_price_minor: *price,
                        requested_date: None,
                    })
                    .collect();
                store::insert_lines(&mut tx, order_id, 1, &lines).await?;
                sqlx::query("INSERT INTO order_events (order_id, at, actor_id, kind, from_status, to_status, reason, data) VALUES ($1, $2, $3, 'created', NULL, NULL, '', '{}')")
                    .bind(order_id)
                    .bind(at)
                    .bind(buyer)
                    .execute(&mut *tx)
                    .await
                    .map_err(db_error)?;
                if status != OrderStatus::Draft {
                    sqlx::query(
                        "INSERT INTO order_events (order_id, at, actor_id, kind, from_status, to_status, reason, data) VALUES ($1, $2, $3, 'transition', 'draft', $4, '', '{}')",
                    )
                    .bind(order_id)
                    .bind(at + 600)
                    .bind(buyer)
                    .bind(status.as_str())
                    .execute(&mut *tx)
                    .await
                    .map_err(db_error)?;
                }
            }
        }
    }
    // written directly, not through transitions: book their capacity here
    crate::orders::server::bookings::rebuild(&mut tx).await?;
    tx.commit().await.map_err(db_error)?;
    Ok(true)
}
