//! Change requests in the database. Every write runs in the caller's
//! transaction and moves a request only from the status it was read in,
//! so two deciders racing cannot both succeed.

use crate::changes::{Change, ChangeStatus, ChangeSummary};
use crate::error::AppError;
use crate::server::db::{db_error, one_row, Tx};
use crate::server::request::{scoped, Scope};
use crate::server::{now, Db};

/// The most requests one order's history lists (a request is asked for by
/// hand, one open at a time: real orders stay far below this).
pub const HISTORY_MAX: i64 = 100;

pub struct NewRequest<'a> {
    pub order_id: i64,
    pub account_id: i64,
    pub base_version: i64,
    pub changes: &'a [Change],
    pub reason: &'a str,
    pub summary: &'a ChangeSummary,
    pub requested_by: i64,
}

fn json(changes: &[Change]) -> Result<String, AppError> {
    serde_json::to_string(changes).map_err(|e| AppError::internal("change request as JSON", e))
}

/// Stores a pending request; a second open one for the order is refused by
/// `change_requests_one_open` (a field error on `change_request`).
pub async fn insert(tx: &mut Tx, r: &NewRequest<'_>) -> Result<i64, AppError> {
    let (id,): (i64,) = sqlx::query_as(
        "INSERT INTO change_requests (order_id, account_id, base_version, status, changes, reason, cost_delta_minor, shift_days, \
                                      lines_in_production, requested_by, created_at) \
         VALUES ($1, $2, $3, 'pending', $4, $5, $6, $7, $8, $9, $10) RETURNING id",
    )
    .bind(r.order_id)
    .bind(r.account_id)
    .bind(r.base_version)
    .bind(json(r.changes)?)
    .bind(r.reason)
    .bind(r.summary.cost_delta_minor.unwrap_or(0))
    .bind(r.summary.shift_days)
    .bind(r.summary.lines_in_production)
    .bind(r.requested_by)
    .bind(now())
    .fetch_one(&mut **tx)
    .await
    .map_err(db_error)?;
    Ok(id)
}

/// A stored request with what its readers see beside it.
#[derive(sqlx::FromRow, Debug, Clone)]
pub struct Row {
    pub id: i64,
    pub order_id: i64,
    pub order_number: String,
    pub account_id: i64,
    pub account_name: String,
    pub currency: String,
    pub base_version: i64,
    pub order_version: i64,
    pub status: String,
    pub changes: String,
    pub reason: String,
    pub counter: Option<String>,
    pub counter_message: String,
    pub decision_reason: String,
    pub cost_delta_minor: i64,
    pub shift_days: Option<i64>,
    pub lines_in_production: i64,
    pub requested_by_id: i64,
    pub requested_by: String,
    pub created_at: i64,
    pub decided_by: Option<String>,
    pub decided_at: Option<i64>,
    pub result_version: Option<i64>,
}

impl Row {
    pub fn status(&self) -> Result<ChangeStatus, AppError> {
        ChangeStatus::parse(&self.status).ok_or_else(|| AppError::internal("unknown change request status in store", self.status.clone()))
    }

    pub fn changes(&self) -> Result<Vec<Change>, AppError> {
        serde_json::from_str(&self.changes).map_err(|e| AppError::internal("stored change request", e))
    }

    pub fn counter(&self) -> Result<Option<Vec<Change>>, AppError> {
        self.counter.as_deref().map(serde_json::from_str).transpose().map_err(|e| AppError::internal("stored counter", e))
    }
}

const SELECT: &str = "SELECT r.id, r.order_id, o.number AS order_number, r.account_id, a.name AS account_name, o.currency, r.base_version, \
        o.version AS order_version, r.status, r.changes, r.reason, r.counter, r.counter_message, r.decision_reason, r.cost_delta_minor, \
        r.shift_days, r.lines_in_production, r.requested_by AS requested_by_id, ru.name AS requested_by, r.created_at, \
        du.name AS decided_by, r.decided_at, r.result_version \
     FROM change_requests r JOIN orders o ON o.id = r.order_id JOIN accounts a ON a.id = r.account_id \
     JOIN users ru ON ru.id = r.requested_by LEFT JOIN users du ON du.id = r.decided_by";

/// One request, if the scope may see its account.
pub async fn get(db: &Db, scope: Scope, id: i64) -> Result<Option<Row>, AppError> {
    sqlx::query_as(&format!("{SELECT} WHERE r.id = $1 AND {}", scoped("r.account_id", 2)))
        .bind(id)
        .bind(scope.account_filter())
        .bind(scope.manager_filter())
        .fetch_optional(&db.pool)
        .await
        .map_err(db_error)
}

/// An order's requests, newest first (the caller has checked the order is in scope).
pub async fn for_order(db: &Db, order_id: i64) -> Result<Vec<Row>, AppError> {
    sqlx::query_as(&format!("{SELECT} WHERE r.order_id = $1 ORDER BY r.id DESC LIMIT $2")).bind(order_id).bind(HISTORY_MAX).fetch_all(&db.pool).await.map_err(db_error)
}

/// Pending requests in scope, oldest first, optionally of one account.
pub async fn queue(db: &Db, scope: Scope, account_id: Option<i64>, limit: i64) -> Result<Vec<Row>, AppError> {
    sqlx::query_as(&format!("{SELECT} WHERE r.status = 'pending' AND ($1 IS NULL OR r.account_id = $1) AND {} ORDER BY r.id LIMIT $4", scoped("r.account_id", 2)))
        .bind(account_id)
        .bind(scope.account_filter())
        .bind(scope.manager_filter())
        .bind(limit)
        .fetch_all(&db.pool)
        .await
        .map_err(db_error)
}

/// A decision: moves the request from `from` to `to`, or fails with a
/// conflict when someone else moved it first.
pub async fn decide(tx: &mut Tx, id: i64, from: ChangeStatus, to: ChangeStatus, by: i64, reason: &str, result_version: Option<i64>) -> Result<(), AppError> {
    let done = sqlx::query(
        "UPDATE change_requests SET status = $1, decided_by = $2, decided_at = $3, decision_reason = $4, result_version = $5 \
         WHERE id = $6 AND status = $7",
    )
    .bind(to.as_str())
    .bind(by)
    .bind(now())
    .bind(reason)
    .bind(result_version)
    .bind(id)
    .bind(from.as_str())
    .execute(&mut **tx)
    .await
    .map_err(db_error)?;
    one_row(done, AppError::InvalidTransition)
}

/// Staff's counter: another set of changes, waiting for the customer.
pub async fn set_counter(tx: &mut Tx, id: i64, counter: &[Change], message: &str, by: i64) -> Result<(), AppError> {
    let done = sqlx::query(
        "UPDATE change_requests SET status = 'countered', counter = $1, counter_message = $2, decided_by = $3, decided_at = $4 \
         WHERE id = $5 AND status = 'pending'",
    )
    .bind(json(counter)?)
    .bind(message)
    .bind(by)
    .bind(now())
    .bind(id)
    .execute(&mut **tx)
    .await
    .map_err(db_error)?;
    one_row(done, AppError::InvalidTransition)
}

/// Makes a stale request again on the order's current version: the same
/// changes (staff's counter dropped), pending, with the impact re-summarised.
pub async fn rebase(tx: &mut Tx, id: i64, from_version: i64, to_version: i64, summary: &ChangeSummary) -> Result<(), AppError> {
    let done = sqlx::query(
        "UPDATE change_requests SET status = 'pending', base_version = $1, counter = NULL, counter_message = '', decided_by = NULL, \
                decided_at = NULL, cost_delta_minor = $2, shift_days = $3, lines_in_production = $4 \
         WHERE id = $5 AND base_version = $6 AND status IN ('pending', 'countered')",
    )
    .bind(to_version)
    .bind(summary.cost_delta_minor.unwrap_or(0))
    .bind(summary.shift_days)
    .bind(summary.lines_in_production)
    .bind(id)
    .bind(from_version)
    .execute(&mut **tx)
    .await
    .map_err(db_error)?;
    one_row(done, AppError::InvalidTransition)
}
