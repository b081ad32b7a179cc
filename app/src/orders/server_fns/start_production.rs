use crate::error::AppError;
use crate::orders::Order;
use leptos::prelude::*;

/// Planning moves a confirmed order into production.
#[server(prefix = "/sf", endpoint = "start_production")]
pub async fn start_production(id: i64) -> Result<Order, AppError> {
    use crate::{orders::server::service, server::request};
    service::start_production(&request::state().db, &request::actor().await?, id).await
}
