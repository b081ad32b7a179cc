use crate::error::AppError;
use crate::rates::OrderOptions;
use leptos::prelude::*;

/// An order's shipping options (staff), sorted by `cost` or `arrival`, and its chosen mode.
#[server(prefix = "/sf", endpoint = "shipping_options")]
pub async fn shipping_options(order_id: i64, #[server(default)] sort: String) -> Result<OrderOptions, AppError> {
    use crate::rates::{server::service, SortBy};
    use crate::server::request;
    service::for_order(&request::state().db, &request::actor().await?, order_id, SortBy::parse(&sort).unwrap_or_default()).await
}
