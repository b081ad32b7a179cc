use crate::error::AppError;
use crate::shipments::ShipmentPage;
use leptos::prelude::*;

/// A page of shipments (a customer's own; staff's in scope), newest first,
/// filtered as the list's form asks (its fields live in the URL).
#[server(prefix = "/sf", endpoint = "shipment_list")]
pub async fn shipment_list(
    #[server(default)] status: String,
    #[server(default)] search: String,
    #[server(default)] account_id: Option<i64>,
    #[server(default)] cursor: Option<i64>,
) -> Result<ShipmentPage, AppError> {
    use crate::shipments::{ShipmentFilter, ShipmentStatus};
    use crate::{server::request, shipments::server::service};
    let filter = ShipmentFilter { status: ShipmentStatus::parse(&status), search: Some(search).filter(|s| !s.trim().is_empty()), account_id, cursor };
    service::list(&request::state().db, &request::actor().await?, &filter).await
}
