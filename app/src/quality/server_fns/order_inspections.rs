use crate::error::AppError;
use crate::quality::OrderInspections;
use leptos::prelude::*;

/// An order's inspections, newest first.
#[server(name = OrderInspectionsFn, prefix = "/sf", endpoint = "order_inspections")]
pub async fn order_inspections(order_id: i64) -> Result<OrderInspections, AppError> {
    use crate::{quality::server::service, server::request};
    service::for_order(&request::state().db, &request::actor().await?, order_id).await
}
