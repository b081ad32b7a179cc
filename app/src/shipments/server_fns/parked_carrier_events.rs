use crate::error::AppError;
use crate::shipments::ParkedEvent;
use leptos::prelude::*;

/// Carrier events whose tracking number matched no shipment, newest first (staff who ship).
#[server(prefix = "/sf", endpoint = "parked_carrier_events")]
pub async fn parked_carrier_events() -> Result<Vec<ParkedEvent>, AppError> {
    use crate::{server::request, shipments::server::service};
    service::parked(&request::state().db, &request::actor().await?).await
}
