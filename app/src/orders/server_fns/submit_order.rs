use crate::error::AppError;
use crate::orders::Order;
use leptos::prelude::*;

/// The customer submits a draft (checked again on the server).
#[server(prefix = "/sf", endpoint = "submit_order")]
pub async fn submit_order(id: i64) -> Result<Order, AppError> {
    use crate::{orders::server::service, server::request};
    service::submit(&request::state().db, &request::actor().await?, id).await
}
