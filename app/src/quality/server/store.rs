//! Inspections and their defects, in the caller's transaction for writes.

use crate::attachments::server::store::Row as FileRow;
use crate::attachments::Attachment;
use crate::error::AppError;
use crate::quality::{Defect, DefectKind, Inspection, InspectionInput};
use crate::server::db::{date_text, db_error, parse_date, Tx};
use crate::server::{now, Db};
use std::collections::HashMap;

pub struct NewInspection<'a> {
    pub order_id: i64,
    pub account_id: i64,
    pub input: &'a InspectionInput,
    pub certificate_id: Option<i64>,
    pub recorded_by: i64,
}

pub async fn insert(tx: &mut Tx, n: &NewInspection<'_>) -> Result<i64, AppError> {
    let i = n.input;
    let id: i64 = sqlx::query_scalar(
        "INSERT INTO inspections (order_id, account_id, sku, lot, inspected_on, sample_size, passed, inspector, note, certificate_id, recorded_by, created_at) \
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12) RETURNING id",
    )
    .bind(n.order_id)
    .bind(n.account_id)
    .bind(&i.sku)
    .bind(&i.lot)
    .bind(date_text(i.inspected_on))
    .bind(i.sample_size)
    .bind(i.passed as i32)
    .bind(&i.inspector)
    .bind(&i.note)
    .bind(n.certificate_id)
    .bind(n.recorded_by)
    .bind(now())
    .fetch_one(&mut **tx)
    .await
    .map_err(db_error)?;
    for d in &i.defects {
        sqlx::query("INSERT INTO inspection_defects (inspection_id, kind, count) VALUES ($1, $2, $3)")
            .bind(id)
            .bind(d.kind.as_str())
            .bind(d.count)
            .execute(&mut **tx)
            .await
            .map_err(db_error)?;
    }
    Ok(id)
}

/// How many inspections an order has (under the order's lock when it matters).
pub async fn count_for_order(tx: &mut Tx, order_id: i64) -> Result<i64, AppError> {
    sqlx::query_scalar("SELECT COUNT(*) FROM inspections WHERE order_id = $1").bind(order_id).fetch_one(&mut **tx).await.map_err(db_error)
}

#[derive(sqlx::FromRow)]
struct Row {
    id: i64,
    order_id: i64,
    sku: String,
    lot: String,
    inspected_on: String,
    sample_size: i64,
    passed: i32,
    inspector: String,
    note: String,
    certificate_id: Option<i64>,
    recorded_by: String,
    created_at: i64,
}

/// An order's inspections, newest first (the caller checked its scope), or
/// one of them by id.
pub async fn for_order(db: &Db, order_id: i64, only: Option<i64>) -> Result<Vec<Inspection>, AppError> {
    let rows: Vec<Row> = sqlx::query_as(
        "SELECT i.id, i.order_id, i.sku, i.lot, i.inspected_on, i.sample_size, i.passed, i.inspector, i.note, i.certificate_id, \
                u.name AS recorded_by, i.created_at \
         FROM inspections i JOIN users u ON u.id = i.recorded_by \
         WHERE i.order_id = $1 AND ($2 IS NULL OR i.id = $2) ORDER BY i.inspected_on DESC, i.id DESC",
    )
    .bind(order_id)
    .bind(only)
    .fetch_all(&db.pool)
    .await
    .map_err(db_error)?;
    let defects: Vec<(i64, String, i64)> =
        sqlx::query_as("SELECT d.inspection_id, d.kind, d.count FROM inspection_defects d JOIN inspections i ON i.id = d.inspection_id WHERE i.order_id = $1 ORDER BY d.kind")
            .bind(order_id)
            .fetch_all(&db.pool)
            .await
            .map_err(db_error)?;
    let files: Vec<FileRow> =
        sqlx::query_as("SELECT a.id, a.name, a.content_type, a.size, a.sha256 FROM attachments a JOIN inspections i ON i.certificate_id = a.id WHERE i.order_id = $1")
            .bind(order_id)
            .fetch_all(&db.pool)
            .await
            .map_err(db_error)?;
    let mut by_inspection: HashMap<i64, Vec<Defect>> = HashMap::new();
    for (id, kind, count) in defects {
        let kind = DefectKind::parse(&kind).ok_or_else(|| AppError::internal("defect kind in store", kind.clone()))?;
        by_inspection.entry(id).or_default().push(Defect { kind, count });
    }
    let files: HashMap<i64, Attachment> = files.into_iter().map(|f| (f.id, Attachment::from(f))).collect();
    rows.into_iter()
        .map(|r| {
            let mut defects = by_inspection.remove(&r.id).unwrap_or_default();
            defects.sort_by_key(|d| d.kind);
            Ok(Inspection {
                id: r.id,
                order_id: r.order_id,
                sku: (!r.sku.is_empty()).then_some(r.sku),
                lot: r.lot,
                inspected_on: parse_date(&r.inspected_on).ok_or_else(|| AppError::internal("inspection date in store", r.inspected_on.clone()))?,
                sample_size: r.sample_size,
                defects,
                passed: r.passed != 0,
                inspector: r.inspector,
                note: r.note,
                certificate: r.certificate_id.and_then(|id| files.get(&id).cloned()),
                recorded_by: r.recorded_by,
                created_at: r.created_at,
            })
        })
        .collect()
}
