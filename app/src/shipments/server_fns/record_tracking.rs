use crate::error::AppError;
use crate::shipments::Shipment;
use leptos::prelude::*;

/// Staff record a step of a shipment's journey, from the shipment page's
/// form: `at` is the time in UTC as the form gives it (blank: now).
#[server(prefix = "/sf", endpoint = "record_tracking")]
pub async fn record_tracking(
    shipment_id: i64,
    kind: String,
    #[server(default)] at: String,
    #[server(default)] place: String,
    #[server(default)] note: String,
    #[server(default)] eta: String,
) -> Result<Shipment, AppError> {
    use crate::error::Invalid;
    use crate::shipments::{TrackingInput, TrackingKind};
    use crate::{server::request, shipments::server::service};
    let kind = TrackingKind::parse(&kind).ok_or_else(|| AppError::field("kind", Invalid::NotAllowed))?;
    let at = match at.trim() {
        "" => crate::server::now(),
        t => crate::shipments::tracking::parse_instant(t).ok_or_else(|| AppError::field("at", Invalid::NotAllowed))?,
    };
    let eta = crate::changes::server_fns::date_field(&eta, "eta")?;
    let input = TrackingInput { kind, at, place, note, eta };
    service::record(&request::state().db, &request::actor().await?, shipment_id, &input).await
}
