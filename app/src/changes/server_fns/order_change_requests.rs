use crate::changes::ChangeRequest;
use crate::error::AppError;
use leptos::prelude::*;

/// An order's change requests, newest first.
#[server(prefix = "/sf", endpoint = "order_change_requests")]
pub async fn order_change_requests(order_id: i64) -> Result<Vec<ChangeRequest>, AppError> {
    use crate::{changes::server::service, server::request};
    service::for_order(&request::state().db, &request::actor().await?, order_id).await
}
