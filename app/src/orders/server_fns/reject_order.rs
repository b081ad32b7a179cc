use crate::error::AppError;
use crate::orders::Order;
use leptos::prelude::*;

/// The account manager rejects a submitted order, with a reason.
#[server(prefix = "/sf", endpoint = "reject_order")]
pub async fn reject_order(id: i64, reason: String) -> Result<Order, AppError> {
    use crate::{orders::server::service, server::request};
    service::reject(&request::state().db, &request::actor().await?, id, &reason).await
}
