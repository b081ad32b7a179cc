use super::{ApiActor, Problem};
use app::error::{AppError, Invalid};
use app::orders::server::catalog;
use app::orders::CatalogItem;
use app::server::AppState;
use axum::extract::{Query, State};
use axum::Json;
use serde::{Deserialize, Serialize};

#[derive(Deserialize, utoipa::IntoParams)]
#[into_params(parameter_in = Query)]
pub struct ProductQuery {
    /// Words of the SKU or name.
    #[param(max_length = 100)]
    q: Option<String>,
    #[param(max_length = 40)]
    category: Option<String>,
    /// The `next_cursor` of the previous page.
    cursor: Option<i64>,
    /// Page size (default 50).
    #[param(minimum = 1, maximum = 200)]
    limit: Option<i64>,
}

#[derive(Serialize, utoipa::ToSchema)]
pub struct ProductPage {
    products: Vec<CatalogItem>,
    next_cursor: Option<String>,
}

/// The catalog at the caller's prices (the contract price where one is
/// valid, else the list price), searchable, a page at a time.
#[utoipa::path(get, path = "/products", tag = "catalog", security(("bearer" = [])), params(ProductQuery), responses(
    (status = 200, description = "A page of products", body = ProductPage),
    (status = 401, description = "No valid token"),
    (status = 422, description = "A parameter out of bounds"),
))]
pub async fn list(State(state): State<AppState>, ApiActor(actor): ApiActor, Query(q): Query<ProductQuery>) -> Result<Json<ProductPage>, Problem> {
    let limit = q.limit.unwrap_or(50);
    if !(1..=app::limits::PAGE_MAX).contains(&limit) {
        return Err(AppError::field("limit", Invalid::NotAllowed).into());
    }
    let account = actor.user.account.as_ref().map(|a| a.id);
    let mut items = catalog::search(&state.db, account, q.q.as_deref(), q.category.as_deref(), q.cursor, limit + 1).await?;
    let next = (items.len() as i64 > limit).then(|| {
        items.truncate(limit as usize);
        items.last().map(|p| p.id.to_string())
    });
    Ok(Json(ProductPage { products: items, next_cursor: next.flatten() }))
}
