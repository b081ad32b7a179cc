//! The demo's rate table (every mode, from the Suzhou plant to four
//! zones, in weight bands), the zones of the demo sites, and what the
//! demo products weigh. Once: when no rate exists yet.

use crate::error::AppError;
use crate::rates::csv;
use crate::server::db::db_error;
use crate::server::Db;

/// Grams per unit of each product family (the size scales it).
const WEIGHTS: [(&str, i64); 10] = [("FST", 30), ("BRG", 120), ("SEL", 25), ("CBL", 1_800), ("CON", 15), ("PCB", 60), ("SNS", 40), ("HSG", 2_500), ("BKT", 150), ("GSK", 10)];

/// Zones by account code; other accounts' sites go north.
const ZONES: [(&str, &str); 2] = [("ACME", "EAST"), ("NOVA", "SOUTH")];

/// The rate table as a staff admin would import it.
pub fn demo_csv() -> String {
    // (mode, transit days to EAST, pick-up days, [(band to kg, per kg ¥, minimum ¥)])
    type Lane = (&'static str, i64, &'static str, &'static [(i64, &'static str, &'static str)]);
    let lanes: [Lane; 5] = [
        ("express", 1, "daily", &[(30, "18.00", "20.00"), (300, "12.00", "120.00")]),
        ("air", 1, "Mon-Fri", &[(500, "9.50", "300.00"), (3_000, "7.20", "900.00")]),
        ("road", 2, "Mon-Sat", &[(500, "2.40", "180.00"), (5_000, "1.80", "600.00"), (30_000, "1.10", "2000.00")]),
        ("rail", 4, "Mon Thu", &[(5_000, "1.20", "500.00"), (50_000, "0.70", "2500.00")]),
        ("sea", 9, "Tue", &[(100_000, "0.35", "1800.00")]),
    ];
    // farther zones take longer by road, rail and sea
    let zones: [(&str, i64); 4] = [("EAST", 0), ("SOUTH", 2), ("NORTH", 2), ("WEST", 4)];
    let mut text = format!("{}\n", csv::HEADER);
    for (zone, extra) in zones {
        for (mode, days, pickup, bands) in lanes {
            let days = if matches!(mode, "express" | "air") { days } else { days + extra };
            let mut from = 0;
            for (to, per_kg, minimum) in bands {
                text.push_str(&format!("{mode},SUZHOU,{zone},{from},{to},{per_kg},{minimum},{days},{pickup}\n"));
                from = *to;
            }
        }
    }
    text
}

pub async fn seed_rates(db: &Db) -> Result<bool, AppError> {
    let existing: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM rates").fetch_one(&db.pool).await.map_err(db_error)?;
    if existing > 0 {
        return Ok(false);
    }
    let rates = csv::parse(&demo_csv()).map_err(|e| AppError::internal("demo rates", format!("{e:?}")))?;
    let mut tx = db.begin().await?;
    super::store::replace(&mut tx, &rates).await?;
    let products: Vec<(i64, String, i64)> = sqlx::query_as("SELECT id, sku, lead_time_days FROM products").fetch_all(&mut *tx).await.map_err(db_error)?;
    for (id, sku, _) in products {
        let base = WEIGHTS.iter().find(|(p, _)| sku.starts_with(p)).map(|(_, g)| *g).unwrap_or(100);
        // FST-010 … FST-050: sizes grow with the number
        let size: i64 = sku.rsplit('-').next().and_then(|n| n.parse().ok()).unwrap_or(10);
        sqlx::query("UPDATE products SET weight_grams = $1, volume_cm3 = $2 WHERE id = $3")
            .bind(base * (90 + size) / 100)
            .bind(base * (90 + size) / 100 * 2)
            .bind(id)
            .execute(&mut *tx)
            .await
            .map_err(db_error)?;
    }
    for (code, zone) in ZONES {
        sqlx::query("UPDATE sites SET zone = $1 WHERE account_id IN (SELECT id FROM accounts WHERE code = $2)").bind(zone).bind(code).execute(&mut *tx).await.map_err(db_error)?;
    }
    sqlx::query("UPDATE sites SET zone = 'NORTH' WHERE zone = ''").execute(&mut *tx).await.map_err(db_error)?;
    tx.commit().await.map_err(db_error)?;
    Ok(true)
}
