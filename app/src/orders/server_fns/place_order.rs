use crate::error::AppError;
use crate::orders::OrderInput;
use leptos::prelude::*;
use leptos::server_fn::codec::Json;

/// Saves the order as a draft, and submits it when `submit`. Safe to repeat:
/// the page sends one idempotency key per order it is editing, so a double
/// click or a retry after a lost answer gives the same order.
#[server(prefix = "/sf", endpoint = "place_order", input = Json)]
pub async fn place_order(input: OrderInput, idempotency_key: String, submit: bool) -> Result<i64, AppError> {
    use crate::{orders::server::service, server::request};
    service::place(&request::state().db, &request::actor().await?, &input, &idempotency_key, submit).await
}
