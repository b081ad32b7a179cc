use crate::error::AppError;
use crate::rates::OrderOptions;
use leptos::prelude::*;

/// A planner chooses an order's shipping option (by its rate), with a reason.
#[server(prefix = "/sf", endpoint = "choose_shipping")]
pub async fn choose_shipping(order_id: i64, rate_id: i64, #[server(default)] reason: String) -> Result<OrderOptions, AppError> {
    use crate::rates::server::service;
    use crate::server::request;
    service::choose(&request::state().db, &request::actor().await?, order_id, rate_id, &reason).await
}
