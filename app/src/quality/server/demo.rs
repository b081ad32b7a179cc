//! The demo's inspections, recorded through the service as a planner
//! would: orders in production and shipped ones get a lot inspected, the
//! passed ones of shipped orders with a certificate (a small PDF made
//! here), and one lot fails and is inspected again.

use super::service;
use crate::attachments::server::service::Upload;
use crate::attachments::server::Files;
use crate::changes::server::demo::demo;
use crate::error::AppError;
use crate::quality::{Defect, DefectKind, InspectionInput};
use crate::server::db::{db_error, parse_date, today};
use crate::server::Db;
use time::Duration;

/// Seeds inspections once (none exist yet). Returns whether it did.
pub async fn seed_inspections(db: &Db, files: &Files) -> Result<bool, AppError> {
    let existing: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM inspections").fetch_one(&db.pool).await.map_err(db_error)?;
    if existing > 0 {
        return Ok(false);
    }
    let planner = demo(db, "planner@keyport.example").await?;
    let orders: Vec<(i64, String, String, Option<String>)> = sqlx::query_as(
        "SELECT o.id, o.number, o.status, o.promised_date FROM orders o \
         WHERE o.status IN ('in_production', 'partially_shipped', 'shipped', 'delivered') ORDER BY o.id DESC LIMIT 24",
    )
    .fetch_all(&db.pool)
    .await
    .map_err(db_error)?;
    for (n, (id, number, status, promised)) in orders.into_iter().enumerate() {
        let sku: Option<String> = sqlx::query_scalar("SELECT sku FROM order_lines WHERE order_id = $1 ORDER BY version DESC, line_no LIMIT 1")
            .bind(id)
            .fetch_optional(&db.pool)
            .await
            .map_err(db_error)?;
        // inspected a few days before the promise, never in the future
        let day = promised.as_deref().and_then(parse_date).map(|d| d - Duration::days(5)).unwrap_or_else(today).min(today()).max(today() - Duration::days(700));
        let shipped = status != "in_production";
        let sample = [50, 80, 125, 200][n % 4];
        let surface = (n % 3) as i64;
        let input = |lot: &str, passed: bool, defects: Vec<Defect>, note: &str| InspectionInput {
            sku: sku.clone().unwrap_or_default(),
            lot: lot.into(),
            inspected_on: day,
            sample_size: sample,
            defects,
            passed,
            inspector: if n % 2 == 0 { "Zhou Min 周敏".into() } else { "SGS Suzhou".into() },
            note: note.into(),
        };
        if n == 1 {
            // a failed lot, reworked and inspected again
            let failed = input(
                &format!("{number}-L1"),
                false,
                vec![Defect { kind: DefectKind::Dimensional, count: 9 }, Defect { kind: DefectKind::Surface, count: 4 }],
                "Bore out of tolerance; lot reworked.",
            );
            service::record(db, files, &planner, id, failed, None, &format!("demo-qc-{id}-1")).await?;
        }
        let defects = if surface > 0 { vec![Defect { kind: DefectKind::Surface, count: surface }] } else { vec![] };
        let certificate = shipped.then(|| Upload { name: format!("{number} certificate of conformity.pdf"), bytes: certificate_pdf(&number).into() });
        service::record(db, files, &planner, id, input(&format!("{number}-L1"), true, defects, ""), certificate, &format!("demo-qc-{id}-2")).await?;
    }
    Ok(true)
}

/// A one-page PDF saying the order's goods conform: a real PDF (readers
/// open it), small, with its cross-reference offsets worked out.
pub fn certificate_pdf(order_number: &str) -> Vec<u8> {
    let text = format!("BT /F1 18 Tf 72 720 Td (Certificate of conformity) Tj 0 -28 Td /F1 12 Tf (Order {order_number}: inspected and passed.) Tj ET");
    let objects = [
        "<< /Type /Catalog /Pages 2 0 R >>".to_string(),
        "<< /Type /Pages /Kids [3 0 R] /Count 1 >>".to_string(),
        "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R /Resources << /Font << /F1 5 0 R >> >> >>".to_string(),
        format!("<< /Length {} >>\nstream\n{text}\nendstream", text.len()),
        "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>".to_string(),
    ];
    let mut pdf = b"%PDF-1.4\n".to_vec();
    let mut offsets = Vec::new();
    for (i, body) in objects.iter().enumerate() {
        offsets.push(pdf.len());
        pdf.extend_from_slice(format!("{} 0 obj\n{body}\nendobj\n", i + 1).as_bytes());
    }
    let xref = pdf.len();
    pdf.extend_from_slice(format!("xref\n0 {}\n0000000000 65535 f \n", objects.len() + 1).as_bytes());
    for o in offsets {
        pdf.extend_from_slice(format!("{o:010} 00000 n \n").as_bytes());
    }
    pdf.extend_from_slice(format!("trailer\n<< /Size {} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n", objects.len() + 1).as_bytes());
    pdf
}
