use crate::error::AppError;
use crate::orders::feasibility::Report;
use crate::orders::OrderInput;
use leptos::prelude::*;
use leptos::server_fn::codec::Json;

/// The live feasibility check of an order being entered; creates nothing.
#[server(prefix = "/sf", endpoint = "check_order", input = Json)]
pub async fn check_order(input: OrderInput) -> Result<Report, AppError> {
    use crate::{orders::server::service, server::request};
    service::check(&request::state().db, &request::actor().await?, &input).await
}
