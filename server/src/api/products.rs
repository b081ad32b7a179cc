use super::{ApiActor, Problem};
use app::orders::server::catalog;
use app::server::AppState;
use axum::extract::{Query, State};
use axum::Json;
use serde::Deserialize;
use serde_json::{json, Value};

#[derive(Deserialize)]
pub struct ProductQuery {
    q: Option<String>,
    category: Option<String>,
    cursor: Option<i64>,
    limit: Option<i64>,
}

/// `GET /products`: the catalog at the caller's prices (contract price where
/// valid, else list price), searchable, a page at a time.
pub async fn list(State(state): State<AppState>, ApiActor(actor): ApiActor, Query(q): Query<ProductQuery>) -> Result<Json<Value>, Problem> {
    let limit = q.limit.unwrap_or(50).clamp(1, 200);
    let account = actor.user.account.as_ref().map(|a| a.id);
    let mut items = catalog::search(&state.db, account, q.q.as_deref(), q.category.as_deref(), q.cursor, limit + 1).await?;
    let next = (items.len() as i64 > limit).then(|| {
        items.truncate(limit as usize);
        items.last().map(|p| p.id.to_string())
    });
    Ok(Json(json!({"products": items, "next_cursor": next.flatten()})))
}
