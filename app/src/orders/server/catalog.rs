//! Products as an account buys them: at its contract price where one is
//! valid on the day, else at list price.

use crate::error::AppError;
use crate::server::db::{date_text, db_error};
use sqlx::{Any, Executor};
use std::collections::HashMap;
use time::Date;

/// The columns of a catalog entry, priced for account `$1` on day `$2`:
/// the contract price valid that day, else the list price. One place for
/// the pricing rule, used by lookups and searches alike.
const PRICED_SELECT: &str = "SELECT p.id, p.sku, p.name_en, p.name_zh, p.category, p.spec_en, p.spec_zh, p.unit, p.moq, \
        p.pack_multiple, p.lead_time_days, p.weekly_capacity, \
        COALESCE((SELECT pa.unit_price_minor FROM price_agreements pa \
                  WHERE pa.account_id = $1 AND pa.product_id = p.id AND pa.valid_from <= $2 \
                    AND (pa.valid_to IS NULL OR pa.valid_to >= $2) \
                  ORDER BY pa.valid_from DESC LIMIT 1), p.list_price_minor) AS unit_price_minor, p.currency \
     FROM products p";

/// The active products with these SKUs, priced for `account_id` on `day`.
pub async fn by_skus<'e, E>(conn: E, account_id: i64, skus: &[String], day: Date) -> Result<HashMap<String, CatalogItem>, AppError>
where
    E: Executor<'e, Database = Any>,
{
    if skus.is_empty() {
        return Ok(HashMap::new());
    }
    let placeholders: Vec<String> = (0..skus.len()).map(|i| format!("${}", i + 3)).collect();
    let sql = format!("{PRICED_SELECT} WHERE p.active = 1 AND p.sku IN ({})", placeholders.join(", "));
    let mut query = sqlx::query_as::<_, CatalogItem>(&sql).bind(account_id).bind(date_text(day));
    for sku in skus {
        query = query.bind(sku);
    }
    let rows = query.fetch_all(conn).await.map_err(db_error)?;
    Ok(rows.into_iter().map(|p| (p.sku.clone(), p)).collect())
}

pub use crate::orders::CatalogItem;

/// Searches the active catalog by text (SKU or either name) and category,
/// a page at a time (keyset on id). `account_id` prices it for an account.
pub async fn search(
    db: &crate::server::Db,
    account_id: Option<i64>,
    text: Option<&str>,
    category: Option<&str>,
    after: Option<i64>,
    limit: i64,
) -> Result<Vec<CatalogItem>, AppError> {
    // the bound every door shares (server function and REST)
    if text.is_some_and(|t| t.trim().chars().count() > crate::limits::SEARCH_MAX) {
        return Err(AppError::field("search", crate::error::Invalid::TooLong));
    }
    if category.is_some_and(|c| c.len() > crate::limits::SKU_MAX) {
        return Err(AppError::field("category", crate::error::Invalid::TooLong));
    }
    let pattern = text.map(str::trim).filter(|t| !t.is_empty()).map(crate::server::filter::contains_pattern);
    sqlx::query_as(&format!(
        "{PRICED_SELECT} \
         WHERE p.active = 1 AND ($3 IS NULL OR UPPER(p.sku) LIKE $3 ESCAPE '\\' OR UPPER(p.name_en) LIKE $3 ESCAPE '\\' OR p.name_zh LIKE $3 ESCAPE '\\') \
           AND ($4 IS NULL OR p.category = $4) AND ($5 IS NULL OR p.id > $5) \
         ORDER BY p.id LIMIT {limit}"
    ))
    .bind(account_id.unwrap_or(0))
    .bind(date_text(crate::server::db::today()))
    .bind(pattern)
    .bind(category)
    .bind(after)
    .fetch_all(&db.pool)
    .await
    .map_err(db_error)
}
