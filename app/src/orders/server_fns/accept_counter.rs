use crate::error::AppError;
use crate::orders::Order;
use leptos::prelude::*;

/// The customer accepts the counter-proposal; its date becomes the promise.
#[server(prefix = "/sf", endpoint = "accept_counter")]
pub async fn accept_counter(id: i64) -> Result<Order, AppError> {
    use crate::{orders::server::service, server::request};
    service::accept_counter(&request::state().db, &request::actor().await?, id).await
}
