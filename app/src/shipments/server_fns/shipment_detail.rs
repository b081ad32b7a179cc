use crate::error::AppError;
use crate::shipments::Shipment;
use leptos::prelude::*;

/// One shipment with its lines and journey, if the viewer's scope holds it.
#[server(prefix = "/sf", endpoint = "shipment_detail")]
pub async fn shipment_detail(id: i64) -> Result<Shipment, AppError> {
    use crate::{server::request, shipments::server::service};
    service::get(&request::state().db, &request::actor().await?, id).await
}
