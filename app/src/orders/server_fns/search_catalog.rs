use crate::error::AppError;
use crate::orders::CatalogItem;
use leptos::prelude::*;

/// Products matching a text (SKU or name, either language), at the signed-in
/// customer's price (staff see list prices).
#[server(prefix = "/sf", endpoint = "search_catalog")]
pub async fn search_catalog(text: String) -> Result<Vec<CatalogItem>, AppError> {
    use crate::{orders::server::catalog, server::request};
    let actor = request::actor().await?;
    let account = actor.user.account.as_ref().map(|a| a.id);
    catalog::search(&request::state().db, account, Some(&text), None, None, 12).await
}
