use crate::error::AppError;
use crate::orders::OrderSummary;
use leptos::prelude::*;

/// Submitted orders waiting for review, oldest first (staff), optionally
/// for one account.
#[server(prefix = "/sf", endpoint = "review_queue")]
pub async fn review_queue(account_id: Option<i64>) -> Result<Vec<OrderSummary>, AppError> {
    use crate::{orders::server::service, server::request};
    service::review_queue(&request::state().db, &request::actor().await?, account_id).await
}
