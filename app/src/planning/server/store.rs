//! Milestones in the database, in the caller's transaction for writes.

use crate::error::AppError;
use crate::planning::{Milestone, Stage};
use crate::server::db::{date_text, db_error, parse_date, Tx};
use crate::server::request::{scoped, Scope};
use crate::server::{now, Db};
use time::Date;

/// Writes the default plan of an order confirmed today for `promised`,
/// unless it has one (a re-confirmation keeps what planners did).
pub async fn ensure_default(tx: &mut Tx, order_id: i64, actor_id: i64, start: Date, promised: Date) -> Result<(), AppError> {
    for m in crate::planning::default_plan(start, promised) {
        sqlx::query(
            "INSERT INTO order_milestones (order_id, stage, planned_start, planned_end, department, updated_by, updated_at) \
             VALUES ($1, $2, $3, $4, $5, $6, $7) ON CONFLICT (order_id, stage) DO NOTHING",
        )
        .bind(order_id)
        .bind(m.stage.as_str())
        .bind(date_text(m.planned_start))
        .bind(date_text(m.planned_end))
        .bind(&m.department)
        .bind(actor_id)
        .bind(now())
        .execute(&mut **tx)
        .await
        .map_err(db_error)?;
    }
    Ok(())
}

#[derive(sqlx::FromRow)]
struct Row {
    stage: String,
    planned_start: String,
    planned_end: String,
    actual_start: Option<String>,
    actual_end: Option<String>,
    department: String,
    note: String,
}

/// An order's milestones in stage order (the caller checked its scope).
pub async fn milestones(db: &Db, order_id: i64) -> Result<Vec<Milestone>, AppError> {
    let rows: Vec<Row> = sqlx::query_as("SELECT stage, planned_start, planned_end, actual_start, actual_end, department, note FROM order_milestones WHERE order_id = $1")
        .bind(order_id)
        .fetch_all(&db.pool)
        .await
        .map_err(db_error)?;
    let mut out = Vec::with_capacity(rows.len());
    for r in rows {
        let bad = || AppError::internal("milestone in store", r.stage.clone());
        out.push(Milestone {
            stage: Stage::parse(&r.stage).ok_or_else(bad)?,
            planned_start: parse_date(&r.planned_start).ok_or_else(bad)?,
            planned_end: parse_date(&r.planned_end).ok_or_else(bad)?,
            actual_start: r.actual_start.as_deref().and_then(parse_date),
            actual_end: r.actual_end.as_deref().and_then(parse_date),
            department: r.department.clone(),
            note: r.note.clone(),
        });
    }
    out.sort_by_key(|m| m.stage);
    Ok(out)
}

/// Replaces one milestone; not found when the order has no such row (no plan yet).
pub async fn update(tx: &mut Tx, order_id: i64, m: &Milestone, actor_id: i64) -> Result<(), AppError> {
    let done = sqlx::query(
        "UPDATE order_milestones SET planned_start = $1, planned_end = $2, actual_start = $3, actual_end = $4, department = $5, note = $6, \
                updated_by = $7, updated_at = $8 WHERE order_id = $9 AND stage = $10",
    )
    .bind(date_text(m.planned_start))
    .bind(date_text(m.planned_end))
    .bind(m.actual_start.map(date_text))
    .bind(m.actual_end.map(date_text))
    .bind(m.department.trim())
    .bind(m.note.trim())
    .bind(actor_id)
    .bind(now())
    .bind(order_id)
    .bind(m.stage.as_str())
    .execute(&mut **tx)
    .await
    .map_err(db_error)?;
    crate::server::db::one_row(done, AppError::InvalidTransition)
}

#[derive(sqlx::FromRow)]
pub struct PortfolioLine {
    pub order_id: i64,
    pub number: String,
    pub account_code: String,
    pub status: String,
    pub promised_date: Option<String>,
    pub stage: String,
    pub planned_start: String,
    pub planned_end: String,
    pub actual_start: Option<String>,
    pub actual_end: Option<String>,
}

/// Every milestone of the planned orders in scope that match the filter
/// and cross the window `[from, to]` (dates are ISO text: they compare as
/// dates on both engines), by order.
pub async fn portfolio(db: &Db, scope: Scope, account_id: Option<i64>, status: Option<&str>, from: Date, to: Date) -> Result<Vec<PortfolioLine>, AppError> {
    let sql = format!(
        "SELECT o.id AS order_id, o.number, a.code AS account_code, o.status, o.promised_date, \
                m.stage, m.planned_start, m.planned_end, m.actual_start, m.actual_end \
         FROM orders o JOIN accounts a ON a.id = o.account_id JOIN order_milestones m ON m.order_id = o.id \
         WHERE {} AND ($3 IS NULL OR o.account_id = $3) AND ($4 IS NULL OR o.status = $4) \
           AND o.id IN (SELECT order_id FROM order_milestones GROUP BY order_id \
                        HAVING MIN(planned_start) <= $5 AND MAX(CASE WHEN actual_end > planned_end THEN actual_end ELSE planned_end END) >= $6) \
         ORDER BY o.id",
        scoped("o.account_id", 1)
    );
    sqlx::query_as(&sql)
        .bind(scope.account_filter())
        .bind(scope.manager_filter())
        .bind(account_id)
        .bind(status)
        .bind(date_text(to))
        .bind(date_text(from))
        .fetch_all(&db.pool)
        .await
        .map_err(db_error)
}
