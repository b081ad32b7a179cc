use crate::error::AppError;
use crate::orders::Order;
use leptos::prelude::*;

/// The customer declines the counter-proposal (the order is cancelled).
#[server(prefix = "/sf", endpoint = "decline_counter")]
pub async fn decline_counter(id: i64, reason: String) -> Result<Order, AppError> {
    use crate::{orders::server::service, server::request};
    service::decline_counter(&request::state().db, &request::actor().await?, id, &reason).await
}
