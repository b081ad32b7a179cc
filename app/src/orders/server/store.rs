//! SQL for orders. Reads of customer data take a [`Scope`] and filter by it
//! in the query; writes happen inside the service's transaction.

use crate::error::AppError;
use crate::error::Invalid;
use crate::money::Money;
use crate::orders::list::UNDATED;
use crate::orders::{Cursor, Order, OrderEvent, OrderFilter, OrderLine, OrderPage, OrderSort, OrderStatus, OrderSummary};
use crate::server::db::{date_text, db_error, one_row, parse_date};
use crate::server::filter::{Bind, Where};
use crate::server::now;
use crate::server::request::{scoped, Scope};

use crate::server::db::Tx;

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
    /// The line's stable key across versions (a new order's is its number).
    pub line_key: i64,
    pub product_id: i64,
    pub sku: &'a str,
    pub quantity: i64,
    pub unit_price_minor: i64,
    pub requested_date: Option<time::Date>,
}

/// Inserts lines of one order version in one statement per 100 lines (a
/// round trip per line held the SQLite write lock that much longer).
/// Returns their ids in the order given.
pub async fn insert_lines(tx: &mut Tx, order_id: i64, version: i64, lines: &[NewLine<'_>]) -> Result<Vec<i64>, AppError> {
    const BINDS: usize = 7;
    let mut ids = Vec::with_capacity(lines.len());
    for chunk in lines.chunks(100) {
        let rows: Vec<String> = (0..chunk.len())
            .map(|i| {
                let b = 3 + i * BINDS;
                format!("($1, $2, ${}, ${}, ${}, ${}, ${}, ${}, ${})", b, b + 1, b + 2, b + 3, b + 4, b + 5, b + 6)
            })
            .collect();
        let sql = format!(
            "INSERT INTO order_lines (order_id, version, line_no, line_key, product_id, sku, quantity, unit_price_minor, requested_date) \
             VALUES {} RETURNING line_no, id",
            rows.join(", ")
        );
        let mut query = sqlx::query_as::<_, (i64, i64)>(&sql).bind(order_id).bind(version);
        for l in chunk {
            query = query.bind(l.line_no).bind(l.line_key).bind(l.product_id).bind(l.sku).bind(l.quantity).bind(l.unit_price_minor).bind(l.requested_date.map(date_text));
        }
        // RETURNING gives no promise of order: match ids back by line number
        let returned = query.fetch_all(&mut **tx).await.map_err(db_error)?;
        for l in chunk {
            ids.push(returned.iter().find(|(no, _)| *no == l.line_no).map(|(_, id)| *id).ok_or_else(|| AppError::internal("inserted line ids", l.line_no))?);
        }
    }
    Ok(ids)
}

/// Records one step of the timeline; returns its time.
pub async fn record_event(tx: &mut Tx, order_id: i64, actor_id: i64, kind: &str, change: Option<(OrderStatus, OrderStatus)>, reason: &str, data: &str) -> Result<i64, AppError> {
    let at = now();
    sqlx::query(
        "INSERT INTO order_events (order_id, at, actor_id, kind, from_status, to_status, reason, data) \
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8)",
    )
    .bind(order_id)
    .bind(at)
    .bind(actor_id)
    .bind(kind)
    .bind(change.map(|c| c.0.as_str()))
    .bind(change.map(|c| c.1.as_str()))
    .bind(reason)
    .bind(data)
    .execute(&mut **tx)
    .await
    .map_err(db_error)?;
    Ok(at)
}

/// Moves an order from `from` to `to`, only if it is still in `from` (a
/// concurrent change makes this a conflict, never a lost update).
pub async fn set_status(tx: &mut Tx, order_id: i64, from: OrderStatus, to: OrderStatus) -> Result<(), AppError> {
    let t = now();
    let submitted = (to == OrderStatus::Submitted).then_some(t);
    let done = sqlx::query("UPDATE orders SET status = $1, updated_at = $2, submitted_at = COALESCE($3, submitted_at) WHERE id = $4 AND status = $5")
        .bind(to.as_str())
        .bind(t)
        .bind(submitted)
        .bind(order_id)
        .bind(from.as_str())
        .execute(&mut **tx)
        .await
        .map_err(db_error)?;
    one_row(done, AppError::InvalidTransition)
}

/// Makes the next version of an order's lines with the quantities given by
/// line key (the rest copied), and the order's total to match. Line keys
/// carry over, so anything that points at a line still finds it.
pub async fn new_version(tx: &mut Tx, order: &Order, quantities: &[(i64, i64)]) -> Result<i64, AppError> {
    let version = order.version + 1;
    // the order as read with its prices (a viewer without money never gets here)
    let lines: Vec<NewLine> = order
        .lines
        .iter()
        .map(|l| {
            Ok(NewLine {
                line_no: l.line_no,
                line_key: l.line_key,
                product_id: l.product_id,
                sku: &l.sku,
                quantity: quantities.iter().find(|(k, _)| *k == l.line_key).map_or(l.quantity, |(_, q)| *q),
                unit_price_minor: l.unit_price.as_ref().ok_or_else(|| AppError::internal("new version without prices", l.line_no))?.minor,
                requested_date: l.requested_date,
            })
        })
        .collect::<Result<_, AppError>>()?;
    let total = lines
        .iter()
        .try_fold(0i64, |sum, l| l.quantity.checked_mul(l.unit_price_minor).and_then(|a| sum.checked_add(a)))
        .ok_or_else(|| AppError::field("quantities", Invalid::TooLarge))?;
    insert_lines(tx, order.id, version, &lines).await?;
    let done = sqlx::query("UPDATE orders SET version = $1, total_minor = $2 WHERE id = $3 AND version = $4")
        .bind(version)
        .bind(total)
        .bind(order.id)
        .bind(order.version)
        .execute(&mut **tx)
        .await
        .map_err(db_error)?;
    if done.rows_affected() == 1 {
        Ok(version)
    } else {
        Err(AppError::InvalidTransition)
    }
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
    counter_date: Option<String>,
    counter_message: String,
    dates_feasible: i64,
    over_credit: i64,
    earliest_date: Option<String>,
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
    counter_quantity: Option<i64>,
}

#[derive(sqlx::FromRow)]
struct EventRow {
    at: i64,
    actor: String,
    kind: String,
    from_status: Option<String>,
    to_status: Option<String>,
    reason: String,
    data: String,
}

/// What a step's `data` holds beyond its status change (see `service::apply`).
#[derive(serde::Deserialize, Default)]
struct EventData {
    promised: Option<String>,
    counter: Option<String>,
    #[serde(default)]
    quantities: Vec<crate::orders::QuantityChange>,
}

/// One order with its current lines and timeline, if the scope may see it.
pub async fn order(db: &crate::server::Db, scope: Scope, id: i64) -> Result<Option<Order>, AppError> {
    // one connection for the order's three reads
    let mut conn = db.pool.acquire().await.map_err(db_error)?;
    let conn = &mut *conn;
    let row: Option<OrderRow> = sqlx::query_as(&format!(
        "SELECT id, number, account_id, site_id, po_number, notes, status, version, requested_date, promised_date, \
                counter_date, counter_message, dates_feasible, over_credit, earliest_date, \
                total_minor, currency FROM orders WHERE id = $1 AND {}",
        scoped("account_id", 2)
    ))
    .bind(id)
    .bind(scope.account_filter())
    .bind(scope.manager_filter())
    .fetch_optional(&mut *conn)
    .await
    .map_err(db_error)?;
    let Some(r) = row else { return Ok(None) };
    let lines: Vec<LineRow> = sqlx::query_as(
        "SELECT id, line_key, line_no, product_id, sku, quantity, unit_price_minor, requested_date, counter_quantity \
         FROM order_lines WHERE order_id = $1 AND version = $2 ORDER BY line_no",
    )
    .bind(r.id)
    .bind(r.version)
    .fetch_all(&mut *conn)
    .await
    .map_err(db_error)?;
    let events: Vec<EventRow> = sqlx::query_as(
        "SELECT e.at, u.name AS actor, e.kind, e.from_status, e.to_status, e.reason, e.data \
         FROM order_events e JOIN users u ON u.id = e.actor_id WHERE e.order_id = $1 ORDER BY e.id",
    )
    .bind(r.id)
    .fetch_all(&mut *conn)
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
        status: OrderStatus::parse(&r.status).ok_or_else(|| AppError::internal("unknown order status in store", r.status.clone()))?,
        version: r.version,
        requested_date: r.requested_date.as_deref().and_then(parse_date),
        promised_date: r.promised_date.as_deref().and_then(parse_date),
        counter_date: r.counter_date.as_deref().and_then(parse_date),
        counter_message: r.counter_message,
        dates_feasible: r.dates_feasible != 0,
        over_credit: r.over_credit != 0,
        earliest_date: r.earliest_date.as_deref().and_then(parse_date),
        total: Some(Money::new(r.total_minor, &currency)),
        lines: lines
            .into_iter()
            .map(|l| OrderLine {
                id: l.id,
                line_key: l.line_key,
                line_no: l.line_no,
                product_id: l.product_id,
                sku: l.sku,
                quantity: l.quantity,
                unit_price: Some(Money::new(l.unit_price_minor, &currency)),
                requested_date: l.requested_date.as_deref().and_then(parse_date),
                counter_quantity: l.counter_quantity,
            })
            .collect(),
        events: events
            .into_iter()
            .map(|e| {
                let data: EventData = serde_json::from_str(&e.data).unwrap_or_default();
                OrderEvent {
                    at: e.at,
                    actor: e.actor,
                    kind: e.kind,
                    from_status: e.from_status.as_deref().and_then(OrderStatus::parse),
                    to_status: e.to_status.as_deref().and_then(OrderStatus::parse),
                    reason: e.reason,
                    date: data.counter.or(data.promised).as_deref().and_then(parse_date),
                    quantities: data.quantities,
                }
            })
            .collect(),
    }))
}

/// What the service sets beside a transition: dates, flags, proposed
/// quantities. `None` leaves a field as it is.
#[derive(Default)]
pub struct Dates {
    pub promised: Option<time::Date>,
    /// `Some(None)` clears the counter-proposal.
    pub counter: Option<Option<(time::Date, String)>>,
    /// The submit check's flags: (dates feasible, over credit, earliest date).
    pub flags: Option<(bool, bool, Option<time::Date>)>,
    /// Proposed quantities by line key; `Some` replaces every proposal on
    /// the current lines (`Some(empty)` clears them).
    pub counter_quantities: Option<Vec<(i64, i64)>>,
    /// Quantities by line key for the lines' next version (`store::new_version`).
    pub new_version: Option<Vec<(i64, i64)>>,
}

pub async fn set_dates(tx: &mut Tx, order_id: i64, d: &Dates) -> Result<(), AppError> {
    if let Some(promised) = d.promised {
        sqlx::query("UPDATE orders SET promised_date = $1 WHERE id = $2").bind(date_text(promised)).bind(order_id).execute(&mut **tx).await.map_err(db_error)?;
    }
    if let Some(counter) = &d.counter {
        sqlx::query("UPDATE orders SET counter_date = $1, counter_message = $2 WHERE id = $3")
            .bind(counter.as_ref().map(|c| date_text(c.0)))
            .bind(counter.as_ref().map(|c| c.1.clone()).unwrap_or_default())
            .bind(order_id)
            .execute(&mut **tx)
            .await
            .map_err(db_error)?;
    }
    if let Some(quantities) = &d.counter_quantities {
        sqlx::query("UPDATE order_lines SET counter_quantity = NULL WHERE order_id = $1 AND counter_quantity IS NOT NULL")
            .bind(order_id)
            .execute(&mut **tx)
            .await
            .map_err(db_error)?;
        for (line_key, quantity) in quantities {
            sqlx::query("UPDATE order_lines SET counter_quantity = $1 WHERE order_id = $2 AND line_key = $3 AND version = (SELECT version FROM orders WHERE id = $2)")
                .bind(quantity)
                .bind(order_id)
                .bind(line_key)
                .execute(&mut **tx)
                .await
                .map_err(db_error)?;
        }
    }
    if let Some((feasible, over, earliest)) = d.flags {
        sqlx::query("UPDATE orders SET dates_feasible = $1, over_credit = $2, earliest_date = $3 WHERE id = $4")
            .bind(i64::from(feasible))
            .bind(i64::from(over))
            .bind(earliest.map(date_text))
            .bind(order_id)
            .execute(&mut **tx)
            .await
            .map_err(db_error)?;
    }
    Ok(())
}

// PostgreSQL sums BIGINT into NUMERIC, which the Any driver cannot read:
// every SUM is cast back to BIGINT.

/// Statuses that count against credit (see `OrderStatus::is_open`).
const OPEN: &str = "('submitted', 'countered', 'confirmed', 'in_production', 'partially_shipped', 'shipped')";

/// The value of an account's other open orders (against its credit limit).
pub async fn open_value(db: &crate::server::Db, account_id: i64, exclude_order: Option<i64>) -> Result<i64, AppError> {
    sqlx::query_scalar(&format!("SELECT CAST(COALESCE(SUM(total_minor), 0) AS BIGINT) FROM orders WHERE account_id = $1 AND id <> $2 AND status IN {OPEN}"))
        .bind(account_id)
        .bind(exclude_order.unwrap_or(0))
        .fetch_one(&db.pool)
        .await
        .map_err(db_error)
}

/// How many open orders (see `OrderStatus::is_open`) the scope holds.
pub async fn count_open(db: &crate::server::Db, scope: Scope) -> Result<i64, AppError> {
    sqlx::query_scalar(&format!("SELECT COUNT(*) FROM orders WHERE status IN {OPEN} AND {}", scoped("account_id", 1)))
        .bind(scope.account_filter())
        .bind(scope.manager_filter())
        .fetch_one(&db.pool)
        .await
        .map_err(db_error)
}

#[derive(sqlx::FromRow)]
struct SummaryRow {
    id: i64,
    number: String,
    account_code: String,
    po_number: String,
    status: String,
    requested_date: Option<String>,
    promised_date: Option<String>,
    total_minor: i64,
    currency: String,
    dates_feasible: i64,
    over_credit: i64,
    submitted_at: Option<i64>,
}

impl SummaryRow {
    fn into_summary(self) -> Option<OrderSummary> {
        Some(OrderSummary {
            id: self.id,
            number: self.number,
            account_code: self.account_code,
            po_number: self.po_number,
            status: OrderStatus::parse(&self.status)?,
            requested_date: self.requested_date.as_deref().and_then(parse_date),
            promised_date: self.promised_date.as_deref().and_then(parse_date),
            total: Some(Money::new(self.total_minor, &self.currency)),
            dates_feasible: self.dates_feasible != 0,
            over_credit: self.over_credit != 0,
            submitted_at: self.submitted_at,
        })
    }
}

const SUMMARY_SELECT: &str = "SELECT o.id, o.number, a.code AS account_code, o.po_number, o.status, o.requested_date, \
     o.promised_date, o.total_minor, o.currency, o.dates_feasible, o.over_credit, o.submitted_at \
     FROM orders o JOIN accounts a ON a.id = o.account_id";

/// A page of orders within the scope, in the filter's sort, after its cursor
/// (keyset: every sort ends with the id, so positions are exact).
pub async fn list(db: &crate::server::Db, scope: Scope, f: &OrderFilter, limit: i64) -> Result<OrderPage, AppError> {
    let cursor = match f.cursor.as_deref().filter(|c| !c.is_empty()) {
        None => None,
        Some(text) => Some(Cursor::parse(text, f.sort).ok_or_else(|| AppError::field("cursor", Invalid::NotAllowed))?),
    };
    let day_start = |d: time::Date| d.midnight().assume_utc().unix_timestamp();
    // the delivery sort's key; undated orders after every real date
    let due = format!("COALESCE(o.promised_date, o.requested_date, '{}')", date_text(UNDATED));
    let mut w = Where::new();
    w.and_some("o.account_id = {1}", scope.account_filter(), Bind::Int)
        .and_some("o.account_id IN (SELECT id FROM accounts WHERE account_manager_id = {1})", scope.manager_filter(), Bind::Int)
        .and_some("o.account_id = {1}", f.account_id, Bind::Int)
        .and_some("o.status = {1}", f.status, |s| Bind::Text(s.as_str().into()))
        .and_some("o.site_id = {1}", f.site_id, Bind::Int)
        .and_some("o.created_at >= {1}", f.from.map(day_start), Bind::Int)
        .and_some("o.created_at < {1}", f.to.and_then(|d| d.next_day()).map(day_start), Bind::Int);
    if let Some(text) = f.search.as_deref().map(str::trim).filter(|s| !s.is_empty()) {
        w.and(
            "(UPPER(o.number) LIKE {1} ESCAPE '\\' OR UPPER(o.po_number) LIKE {1} ESCAPE '\\' \
              OR EXISTS (SELECT 1 FROM order_lines l WHERE l.order_id = o.id AND l.version = o.version AND l.sku LIKE {1} ESCAPE '\\'))",
            [Bind::Text(crate::server::filter::contains_pattern(text))],
        );
    }
    let order_by = match (f.sort, cursor) {
        (OrderSort::Newest, c) => {
            w.and_some("o.id < {1}", c.map(|c| c.id), Bind::Int);
            "o.id DESC".to_string()
        }
        (OrderSort::Oldest, c) => {
            w.and_some("o.id > {1}", c.map(|c| c.id), Bind::Int);
            "o.id".to_string()
        }
        (OrderSort::Delivery, c) => {
            if let Some(c) = c {
                w.and(&format!("({due} > {{2}} OR ({due} = {{2}} AND o.id > {{1}}))"), [Bind::Int(c.id), Bind::Text(date_text(c.date.unwrap_or(UNDATED)))]);
            }
            format!("{due}, o.id")
        }
    };
    // LIMIT is written in, not bound: SQLite's planner reads a bound LIMIT,
    // which makes every execution re-prepare the statement (measured: a
    // fifth of the list page's CPU). It is an integer from code, never input.
    let sql = format!("{SUMMARY_SELECT}{} ORDER BY {order_by} LIMIT {}", w.sql(), limit + 1);
    let rows = w.bind_to(sqlx::query_as::<_, SummaryRow>(&sql)).fetch_all(&db.pool).await.map_err(db_error)?;
    let mut orders: Vec<OrderSummary> = rows.into_iter().filter_map(SummaryRow::into_summary).collect();
    let next = if orders.len() as i64 > limit {
        orders.truncate(limit as usize);
        orders.last().map(|o| f.sort.cursor_after(o).encode())
    } else {
        None
    };
    Ok(OrderPage { orders, next })
}

/// Submitted orders waiting for review, oldest first (staff).
pub async fn review_queue(db: &crate::server::Db, scope: Scope, account_id: Option<i64>) -> Result<Vec<OrderSummary>, AppError> {
    let rows: Vec<SummaryRow> = sqlx::query_as(&format!(
        "{SUMMARY_SELECT} WHERE o.status = 'submitted' AND ($1 IS NULL OR o.account_id = $1) AND {} \
         ORDER BY o.submitted_at, o.id LIMIT 200",
        scoped("o.account_id", 2)
    ))
    .bind(account_id)
    .bind(scope.account_filter())
    .bind(scope.manager_filter())
    .fetch_all(&db.pool)
    .await
    .map_err(db_error)?;
    Ok(rows.into_iter().filter_map(SummaryRow::into_summary).collect())
}
