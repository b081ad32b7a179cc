use crate::error::AppError;
use crate::orders::Order;
use leptos::prelude::*;

/// One order with its lines and timeline.
#[server(prefix = "/sf", endpoint = "order_detail")]
pub async fn order_detail(id: i64) -> Result<Order, AppError> {
    use crate::{orders::server::service, server::request};
    service::get(&request::state().db, &request::actor().await?, id).await
}
