use crate::accounts::Site;
use crate::error::AppError;
use leptos::prelude::*;

/// Deactivates or reactivates a delivery site.
#[server(prefix = "/sf", endpoint = "set_site_active")]
pub async fn set_site_active(site_id: i64, active: bool) -> Result<Site, AppError> {
    use crate::{accounts::server::service, server::request};
    service::set_site_active(&request::state().db, &request::actor().await?, site_id, active).await
}
