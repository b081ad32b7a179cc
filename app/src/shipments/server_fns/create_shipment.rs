use crate::error::AppError;
use crate::shipments::{Shipment, ShipmentInput};
use leptos::prelude::*;

/// Staff create a shipment of an order. Safe to repeat: the form sends one idempotency key per shipment it is entering.
#[server(prefix = "/sf", endpoint = "create_shipment", input = leptos::server_fn::codec::Json)]
pub async fn create_shipment(order_id: i64, input: ShipmentInput, idempotency_key: String) -> Result<Shipment, AppError> {
    use crate::{server::request, shipments::server::service};
    service::create(&request::state().db, &request::actor().await?, order_id, &input, &idempotency_key).await
}
