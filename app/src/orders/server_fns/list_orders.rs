use crate::error::AppError;
use crate::orders::{OrderFilter, OrderPage};
use leptos::prelude::*;
use leptos::server_fn::codec::Json;

/// A page of orders the signed-in user may see, newest first.
#[server(prefix = "/sf", endpoint = "list_orders", input = Json)]
pub async fn list_orders(filter: OrderFilter) -> Result<OrderPage, AppError> {
    use crate::{orders::server::service, server::request};
    service::list(&request::state().db, &request::actor().await?, &filter).await
}
