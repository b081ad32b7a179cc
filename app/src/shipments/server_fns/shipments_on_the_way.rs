use crate::error::AppError;
use leptos::prelude::*;

/// How many of the viewer's shipments are on their way (the dashboard's tile).
#[server(prefix = "/sf", endpoint = "shipments_on_the_way")]
pub async fn shipments_on_the_way() -> Result<i64, AppError> {
    use crate::{server::request, shipments::server::service};
    service::on_the_way(&request::state().db, &request::actor().await?).await
}
