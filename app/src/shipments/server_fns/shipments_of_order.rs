use crate::error::AppError;
use crate::shipments::OrderShipments;
use leptos::prelude::*;

/// An order's shipments, what is left to ship, and whether the viewer may ship it now.
#[server(prefix = "/sf", endpoint = "shipments_of_order")]
pub async fn shipments_of_order(order_id: i64) -> Result<OrderShipments, AppError> {
    use crate::{server::request, shipments::server::service};
    service::for_order(&request::state().db, &request::actor().await?, order_id).await
}
