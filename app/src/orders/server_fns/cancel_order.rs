use crate::error::AppError;
use crate::orders::Order;
use leptos::prelude::*;

/// Cancels an order where its status allows, with a reason.
#[server(prefix = "/sf", endpoint = "cancel_order")]
pub async fn cancel_order(id: i64, reason: String) -> Result<Order, AppError> {
    use crate::{orders::server::service, server::request};
    service::cancel(&request::state().db, &request::actor().await?, id, &reason).await
}
