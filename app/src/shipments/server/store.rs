//! Shipments, their lines and tracking events in the database. Writes run
//! in the caller's transaction; reads take the caller's scope, so another
//! account's shipment is simply not there.

use crate::error::AppError;
use crate::server::db::{date_text, db_error, one_row, parse_date, Tx};
use crate::server::request::{scoped, Scope};
use crate::server::{now, Db};
use crate::shipments::tracking::{self, Step};
use crate::shipments::{
    Carrier, Mode, ShipmentFilter, ShipmentInput, ShipmentLine, ShipmentPage, ShipmentStatus, ShipmentSummary, ShippableLine, TrackingEvent, TrackingKind, MAX_EVENTS_PER_SHIPMENT,
};
use std::collections::HashMap;

/// A carrier as the webhook needs it.
#[derive(sqlx::FromRow, Debug, Clone)]
pub struct CarrierRow {
    pub id: i64,
    pub code: String,
    pub name: String,
    pub webhook_secret: String,
    pub user_id: i64,
}

pub async fn carriers(db: &Db) -> Result<Vec<Carrier>, AppError> {
    let rows: Vec<(String, String)> = sqlx::query_as("SELECT code, name FROM carriers ORDER BY name LIMIT 200").fetch_all(&db.pool).await.map_err(db_error)?;
    Ok(rows.into_iter().map(|(code, name)| Carrier { code, name }).collect())
}

pub async fn carrier(db: &Db, code: &str) -> Result<Option<CarrierRow>, AppError> {
    sqlx::query_as("SELECT id, code, name, webhook_secret, user_id FROM carriers WHERE code = $1").bind(code).fetch_optional(&db.pool).await.map_err(db_error)
}

/// A carrier and the inactive user that records its events.
pub async fn insert_carrier(tx: &mut Tx, code: &str, name: &str, secret: &str) -> Result<i64, AppError> {
    let t = now();
    let (user_id,): (i64,) =
        sqlx::query_as("INSERT INTO users (account_id, email, name, role, password_hash, active, created_at) VALUES (NULL, $1, $2, 'planner', NULL, 0, $3) RETURNING id")
            .bind(format!("carrier+{code}@keyport.invalid"))
            .bind(name)
            .bind(t)
            .fetch_one(&mut **tx)
            .await
            .map_err(db_error)?;
    let (id,): (i64,) = sqlx::query_as("INSERT INTO carriers (code, name, webhook_secret, user_id, created_at) VALUES ($1, $2, $3, $4, $5) RETURNING id")
        .bind(code)
        .bind(name)
        .bind(secret)
        .bind(user_id)
        .bind(t)
        .fetch_one(&mut **tx)
        .await
        .map_err(db_error)?;
    Ok(id)
}

/// Holds the order's row until the transaction ends, so two shipments of
/// one order are counted one after the other, never both against the same
/// remainder (PostgreSQL locks the row; SQLite has one writer anyway).
pub async fn lock_order(tx: &mut Tx, order_id: i64) -> Result<(), AppError> {
    let done = sqlx::query("UPDATE orders SET updated_at = $1 WHERE id = $2").bind(now()).bind(order_id).execute(&mut **tx).await.map_err(db_error)?;
    one_row(done, AppError::NotFound)
}

/// The same for a shipment, before its events are read to work out its state.
pub async fn lock_shipment(tx: &mut Tx, shipment_id: i64) -> Result<(), AppError> {
    let done = sqlx::query("UPDATE shipments SET updated_at = $1 WHERE id = $2").bind(now()).bind(shipment_id).execute(&mut **tx).await.map_err(db_error)?;
    one_row(done, AppError::NotFound)
}

/// Quantity shipped so far per line key of an order.
pub async fn shipped<'e, E>(conn: E, order_id: i64) -> Result<HashMap<i64, i64>, AppError>
where
    E: sqlx::Executor<'e, Database = sqlx::Any>,
{
    let rows: Vec<(i64, i64)> = sqlx::query_as(
        "SELECT l.line_key, CAST(SUM(l.quantity) AS BIGINT) FROM shipment_lines l JOIN shipments s ON s.id = l.shipment_id WHERE s.order_id = $1 GROUP BY l.line_key",
    )
    .bind(order_id)
    .fetch_all(conn)
    .await
    .map_err(db_error)?;
    Ok(rows.into_iter().collect())
}

/// The order's current lines with what has shipped of each (in the
/// caller's transaction, after [`lock_order`], or on a pooled connection
/// for the shipment form).
pub async fn shippable(conn: &mut sqlx::AnyConnection, order_id: i64) -> Result<Vec<ShippableLine>, AppError> {
    let lines: Vec<(i64, i64, String, i64)> = sqlx::query_as(
        "SELECT l.line_key, l.line_no, l.sku, l.quantity FROM order_lines l JOIN orders o ON o.id = l.order_id AND l.version = o.version \
         WHERE o.id = $1 ORDER BY l.line_no",
    )
    .bind(order_id)
    .fetch_all(&mut *conn)
    .await
    .map_err(db_error)?;
    let shipped = shipped(&mut *conn, order_id).await?;
    Ok(lines
        .into_iter()
        .map(|(line_key, line_no, sku, ordered)| ShippableLine { line_key, line_no, sku, ordered, shipped: shipped.get(&line_key).copied().unwrap_or(0) })
        .collect())
}

/// The same, read outside a transaction.
pub async fn shippable_now(db: &Db, order_id: i64) -> Result<Vec<ShippableLine>, AppError> {
    let mut conn = db.pool.acquire().await.map_err(db_error)?;
    shippable(&mut conn, order_id).await
}

pub async fn count_for_order(tx: &mut Tx, order_id: i64) -> Result<i64, AppError> {
    let (n,): (i64,) = sqlx::query_as("SELECT COUNT(*) FROM shipments WHERE order_id = $1").bind(order_id).fetch_one(&mut **tx).await.map_err(db_error)?;
    Ok(n)
}

pub struct NewShipment<'a> {
    pub number: &'a str,
    pub order_id: i64,
    pub account_id: i64,
    pub carrier_id: i64,
    pub input: &'a ShipmentInput,
    pub created_by: i64,
}

/// Stores a shipment and its lines. The same tracking number twice for a
/// carrier is refused by `shipments_tracking_key` (a field error).
pub async fn insert(tx: &mut Tx, s: &NewShipment<'_>) -> Result<i64, AppError> {
    let t = now();
    let eta = s.input.eta.map(date_text);
    let (id,): (i64,) = sqlx::query_as(
        "INSERT INTO shipments (number, order_id, account_id, carrier_id, mode, tracking_number, packages, weight_grams, ship_date, planned_eta, eta, \
                                delivery_note, status, created_by, created_at, updated_at) \
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $10, $11, 'ready', $12, $13, $13) RETURNING id",
    )
    .bind(s.number)
    .bind(s.order_id)
    .bind(s.account_id)
    .bind(s.carrier_id)
    .bind(s.input.mode.as_str())
    .bind(s.input.tracking_number.trim())
    .bind(s.input.packages)
    .bind(s.input.weight_grams)
    .bind(date_text(s.input.ship_date))
    .bind(eta)
    .bind(s.input.delivery_note.trim())
    .bind(s.created_by)
    .bind(t)
    .fetch_one(&mut **tx)
    .await
    .map_err(db_error)?;
    // one statement for all lines (up to 200), not one per line
    let values: Vec<String> = (0..s.input.lines.len()).map(|i| format!("($1, ${}, ${})", 2 * i + 2, 2 * i + 3)).collect();
    let sql = format!("INSERT INTO shipment_lines (shipment_id, line_key, quantity) VALUES {}", values.join(", "));
    let mut query = sqlx::query(&sql).bind(id);
    for line in &s.input.lines {
        query = query.bind(line.line_key).bind(line.quantity);
    }
    query.execute(&mut **tx).await.map_err(db_error)?;
    Ok(id)
}

/// A shipment's row as the service needs it to apply an event.
#[derive(sqlx::FromRow, Debug, Clone)]
pub struct Head {
    pub id: i64,
    pub order_id: i64,
    pub account_id: i64,
    pub ship_date: String,
    pub planned_eta: Option<String>,
    pub status: String,
}

/// The shipment, read in the transaction that holds its lock.
pub async fn head_in(tx: &mut Tx, id: i64) -> Result<Head, AppError> {
    sqlx::query_as("SELECT id, order_id, account_id, ship_date, planned_eta, status FROM shipments WHERE id = $1").bind(id).fetch_one(&mut **tx).await.map_err(db_error)
}

/// The order's status, read in the transaction that holds its lock.
pub async fn order_status(tx: &mut Tx, order_id: i64) -> Result<crate::orders::OrderStatus, AppError> {
    let (status,): (String,) = sqlx::query_as("SELECT status FROM orders WHERE id = $1").bind(order_id).fetch_one(&mut **tx).await.map_err(db_error)?;
    crate::orders::OrderStatus::parse(&status).ok_or_else(|| AppError::internal("unknown order status in store", status))
}

/// The shipment with this carrier's tracking number (any account: the
/// carrier is trusted by its signature, not by a scope).
pub async fn by_tracking(tx: &mut Tx, carrier_id: i64, tracking_number: &str) -> Result<Option<Head>, AppError> {
    sqlx::query_as("SELECT id, order_id, account_id, ship_date, planned_eta, status FROM shipments WHERE carrier_id = $1 AND tracking_number = $2")
        .bind(carrier_id)
        .bind(tracking_number)
        .fetch_optional(&mut **tx)
        .await
        .map_err(db_error)
}

pub async fn head(db: &Db, scope: Scope, id: i64) -> Result<Option<Head>, AppError> {
    sqlx::query_as(&format!("SELECT id, order_id, account_id, ship_date, planned_eta, status FROM shipments WHERE id = $1 AND {}", scoped("account_id", 2)))
        .bind(id)
        .bind(scope.account_filter())
        .bind(scope.manager_filter())
        .fetch_optional(&db.pool)
        .await
        .map_err(db_error)
}

pub struct NewEvent<'a> {
    pub shipment_id: i64,
    pub kind: TrackingKind,
    pub at: i64,
    pub place: &'a str,
    pub note: &'a str,
    pub eta: Option<time::Date>,
    pub recorded_by: i64,
    /// The carrier and its id for the event, when a carrier sent it.
    pub carrier: Option<(i64, &'a str)>,
}

/// Stores an event. `false` when the carrier's event id is already there
/// (a retried call): nothing is written.
pub async fn insert_event(tx: &mut Tx, e: &NewEvent<'_>) -> Result<bool, AppError> {
    let (n,): (i64,) = sqlx::query_as("SELECT COUNT(*) FROM tracking_events WHERE shipment_id = $1").bind(e.shipment_id).fetch_one(&mut **tx).await.map_err(db_error)?;
    if n >= MAX_EVENTS_PER_SHIPMENT {
        return Err(AppError::field("kind", crate::error::Invalid::TooMany));
    }
    let done = sqlx::query(
        "INSERT INTO tracking_events (shipment_id, kind, at, place, note, eta, recorded_by, carrier_id, carrier_event_id, received_at) \
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10) ON CONFLICT (carrier_id, carrier_event_id) DO NOTHING",
    )
    .bind(e.shipment_id)
    .bind(e.kind.as_str())
    .bind(e.at)
    .bind(e.place.trim())
    .bind(e.note.trim())
    .bind(e.eta.map(date_text))
    .bind(e.recorded_by)
    .bind(e.carrier.map(|c| c.0))
    .bind(e.carrier.map(|c| c.1))
    .bind(now())
    .execute(&mut **tx)
    .await
    .map_err(db_error)?;
    // staff's events have no carrier id, and NULLs never conflict
    Ok(done.rows_affected() == 1)
}

#[derive(sqlx::FromRow)]
struct EventRow {
    id: i64,
    kind: String,
    at: i64,
    place: String,
    note: String,
    eta: Option<String>,
    recorded_by: String,
    carrier_id: Option<i64>,
}

impl EventRow {
    fn event(self) -> Result<TrackingEvent, AppError> {
        Ok(TrackingEvent {
            id: self.id,
            kind: TrackingKind::parse(&self.kind).ok_or_else(|| AppError::internal("unknown tracking kind in store", self.kind.clone()))?,
            at: self.at,
            place: self.place,
            note: self.note,
            eta: self.eta.as_deref().and_then(parse_date),
            recorded_by: self.recorded_by,
            from_carrier: self.carrier_id.is_some(),
        })
    }
}

async fn events<'e, E>(conn: E, shipment_id: i64) -> Result<Vec<TrackingEvent>, AppError>
where
    E: sqlx::Executor<'e, Database = sqlx::Any>,
{
    let rows: Vec<EventRow> = sqlx::query_as(
        "SELECT e.id, e.kind, e.at, e.place, e.note, e.eta, u.name AS recorded_by, e.carrier_id FROM tracking_events e JOIN users u ON u.id = e.recorded_by \
         WHERE e.shipment_id = $1 LIMIT $2",
    )
    .bind(shipment_id)
    .bind(MAX_EVENTS_PER_SHIPMENT)
    .fetch_all(conn)
    .await
    .map_err(db_error)?;
    let mut events = rows.into_iter().map(EventRow::event).collect::<Result<Vec<_>, _>>()?;
    // the journey in time order, whatever order it was told in
    events.sort_by(|a, b| tracking::by_time(&step(a), &step(b)));
    Ok(events)
}

fn step(e: &TrackingEvent) -> Step<'_> {
    Step { kind: e.kind, at: e.at, place: &e.place, note: &e.note, eta: e.eta }
}

/// Works the shipment's state out again from all its events and stores it;
/// returns the status before and after.
pub async fn restate(tx: &mut Tx, head: &Head) -> Result<(ShipmentStatus, ShipmentStatus), AppError> {
    let events = events(&mut **tx, head.id).await?;
    let steps: Vec<Step> = events.iter().map(step).collect();
    let state = tracking::state(&steps, head.planned_eta.as_deref().and_then(parse_date));
    let before = ShipmentStatus::parse(&head.status).ok_or_else(|| AppError::internal("unknown shipment status in store", head.status.clone()))?;
    sqlx::query("UPDATE shipments SET status = $1, status_at = $2, eta = $3, exception = $4, updated_at = $5 WHERE id = $6")
        .bind(state.status.as_str())
        .bind(state.at)
        .bind(state.eta.map(date_text))
        .bind(state.exception)
        .bind(now())
        .bind(head.id)
        .execute(&mut **tx)
        .await
        .map_err(db_error)?;
    Ok((before, state.status))
}

/// Are all of the order's shipments delivered?
pub async fn all_delivered(tx: &mut Tx, order_id: i64) -> Result<bool, AppError> {
    let (n,): (i64,) =
        sqlx::query_as("SELECT COUNT(*) FROM shipments WHERE order_id = $1 AND status <> 'delivered'").bind(order_id).fetch_one(&mut **tx).await.map_err(db_error)?;
    Ok(n == 0)
}

/// Keeps a carrier event whose tracking number matches no shipment;
/// `false` when this carrier event id is parked already.
pub async fn park(tx: &mut Tx, carrier_id: i64, event_id: &str, tracking_number: &str, body: &str) -> Result<bool, AppError> {
    let done = sqlx::query(
        "INSERT INTO parked_carrier_events (carrier_id, carrier_event_id, tracking_number, body, received_at) VALUES ($1, $2, $3, $4, $5) \
         ON CONFLICT (carrier_id, carrier_event_id) DO NOTHING",
    )
    .bind(carrier_id)
    .bind(event_id)
    .bind(tracking_number)
    .bind(body)
    .bind(now())
    .execute(&mut **tx)
    .await
    .map_err(db_error)?;
    Ok(done.rows_affected() == 1)
}

/// Parked carrier events, newest first: (id, carrier name, event id, tracking number, body, received at).
pub async fn parked(db: &Db, limit: i64) -> Result<Vec<(i64, String, String, String, String, i64)>, AppError> {
    sqlx::query_as(
        "SELECT p.id, c.name, p.carrier_event_id, p.tracking_number, p.body, p.received_at FROM parked_carrier_events p JOIN carriers c ON c.id = p.carrier_id \
         ORDER BY p.id DESC LIMIT $1",
    )
    .bind(limit)
    .fetch_all(&db.pool)
    .await
    .map_err(db_error)
}

#[derive(sqlx::FromRow)]
struct SummaryRow {
    id: i64,
    number: String,
    order_id: i64,
    order_number: String,
    account_id: i64,
    account_name: String,
    carrier: String,
    carrier_name: String,
    mode: String,
    tracking_number: String,
    packages: i64,
    weight_grams: i64,
    ship_date: String,
    eta: Option<String>,
    promised_date: Option<String>,
    status: String,
    status_at: Option<i64>,
    exception: Option<String>,
    delivery_note: String,
    created_at: i64,
}

impl SummaryRow {
    fn summary(&self) -> Result<ShipmentSummary, AppError> {
        Ok(ShipmentSummary {
            id: self.id,
            number: self.number.clone(),
            order_id: self.order_id,
            order_number: self.order_number.clone(),
            account_name: self.account_name.clone(),
            carrier_name: self.carrier_name.clone(),
            mode: Mode::parse(&self.mode).ok_or_else(|| AppError::internal("unknown mode in store", self.mode.clone()))?,
            tracking_number: self.tracking_number.clone(),
            ship_date: parse_date(&self.ship_date).ok_or_else(|| AppError::internal("bad ship date in store", self.ship_date.clone()))?,
            eta: self.eta.as_deref().and_then(parse_date),
            promised_date: self.promised_date.as_deref().and_then(parse_date),
            status: ShipmentStatus::parse(&self.status).ok_or_else(|| AppError::internal("unknown shipment status in store", self.status.clone()))?,
            status_at: self.status_at,
            exception: self.exception.clone(),
        })
    }
}

const SELECT: &str = "SELECT s.id, s.number, s.order_id, o.number AS order_number, s.account_id, a.name AS account_name, c.code AS carrier, \
        c.name AS carrier_name, s.mode, s.tracking_number, s.packages, s.weight_grams, s.ship_date, s.eta, o.promised_date, s.status, s.status_at, \
        s.exception, s.delivery_note, s.created_at \
     FROM shipments s JOIN orders o ON o.id = s.order_id JOIN accounts a ON a.id = s.account_id JOIN carriers c ON c.id = s.carrier_id";

/// One shipment with its lines and events, if the scope may see it.
pub async fn get(db: &Db, scope: Scope, id: i64) -> Result<Option<crate::shipments::Shipment>, AppError> {
    let mut conn = db.pool.acquire().await.map_err(db_error)?;
    let conn = &mut *conn;
    let row: Option<SummaryRow> = sqlx::query_as(&format!("{SELECT} WHERE s.id = $1 AND {}", scoped("s.account_id", 2)))
        .bind(id)
        .bind(scope.account_filter())
        .bind(scope.manager_filter())
        .fetch_optional(&mut *conn)
        .await
        .map_err(db_error)?;
    let Some(r) = row else { return Ok(None) };
    let lines: Vec<(i64, i64, String, i64)> = sqlx::query_as(
        "SELECT sl.line_key, COALESCE(MIN(ol.line_no), 0), COALESCE(MIN(ol.sku), ''), sl.quantity FROM shipment_lines sl \
         LEFT JOIN order_lines ol ON ol.order_id = $2 AND ol.line_key = sl.line_key \
         WHERE sl.shipment_id = $1 GROUP BY sl.line_key, sl.quantity ORDER BY 2",
    )
    .bind(r.id)
    .bind(r.order_id)
    .fetch_all(&mut *conn)
    .await
    .map_err(db_error)?;
    let events = events(&mut *conn, r.id).await?;
    let s = r.summary()?;
    Ok(Some(crate::shipments::Shipment {
        id: s.id,
        number: s.number,
        order_id: s.order_id,
        order_number: s.order_number,
        account_id: r.account_id,
        account_name: s.account_name,
        carrier: r.carrier,
        carrier_name: s.carrier_name,
        mode: s.mode,
        tracking_number: s.tracking_number,
        packages: r.packages,
        weight_grams: r.weight_grams,
        ship_date: s.ship_date,
        eta: s.eta,
        promised_date: s.promised_date,
        status: s.status,
        status_at: s.status_at,
        exception: s.exception,
        delivery_note: r.delivery_note,
        created_at: r.created_at,
        lines: lines.into_iter().map(|(line_key, line_no, sku, quantity)| ShipmentLine { line_key, line_no, sku, quantity }).collect(),
        events,
    }))
}

/// A page of shipments in scope, newest first.
pub async fn list(db: &Db, scope: Scope, f: &ShipmentFilter, limit: i64) -> Result<ShipmentPage, AppError> {
    let search = f.search.as_deref().map(str::trim).filter(|s| !s.is_empty()).map(|s| format!("%{}%", s.to_uppercase()));
    let rows: Vec<SummaryRow> = sqlx::query_as(&format!(
        "{SELECT} WHERE {} AND ($3 IS NULL OR s.account_id = $3) AND ($4 IS NULL OR s.status = $4) AND ($5 IS NULL OR s.id < $5) \
           AND ($6 IS NULL OR UPPER(s.number) LIKE $6 OR UPPER(o.number) LIKE $6 OR UPPER(s.tracking_number) LIKE $6) \
         ORDER BY s.id DESC LIMIT $7",
        scoped("s.account_id", 1)
    ))
    .bind(scope.account_filter())
    .bind(scope.manager_filter())
    .bind(f.account_id)
    .bind(f.status.map(|s| s.as_str()))
    .bind(f.cursor)
    .bind(search)
    .bind(limit + 1)
    .fetch_all(&db.pool)
    .await
    .map_err(db_error)?;
    let more = rows.len() as i64 > limit;
    let items = rows.iter().take(limit as usize).map(SummaryRow::summary).collect::<Result<Vec<_>, _>>()?;
    let next_cursor = if more { items.last().map(|s| s.id) } else { None };
    Ok(ShipmentPage { items, next_cursor })
}

/// An order's shipments, oldest first (the caller has checked the order is in scope).
pub async fn for_order(db: &Db, order_id: i64) -> Result<Vec<ShipmentSummary>, AppError> {
    let rows: Vec<SummaryRow> = sqlx::query_as(&format!("{SELECT} WHERE s.order_id = $1 ORDER BY s.id LIMIT $2"))
        .bind(order_id)
        .bind(crate::shipments::MAX_SHIPMENTS_PER_ORDER)
        .fetch_all(&db.pool)
        .await
        .map_err(db_error)?;
    rows.iter().map(SummaryRow::summary).collect()
}

/// Shipments in scope still on their way (left, not yet delivered).
pub async fn count_on_the_way(db: &Db, scope: Scope) -> Result<i64, AppError> {
    sqlx::query_scalar(&format!("SELECT COUNT(*) FROM shipments WHERE status IN ('ready', 'in_transit', 'exception') AND {}", scoped("account_id", 1)))
        .bind(scope.account_filter())
        .bind(scope.manager_filter())
        .fetch_one(&db.pool)
        .await
        .map_err(db_error)
}
