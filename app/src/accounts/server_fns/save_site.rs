use crate::error::AppError;
use leptos::prelude::*;

/// Adds (no `site_id`) or edits a delivery site of an account.
#[server(prefix = "/sf", endpoint = "save_site")]
pub async fn save_site(account_id: i64, site_id: Option<i64>, name: String, address: String, contact_name: String, contact_phone: String) -> Result<i64, AppError> {
    use crate::{accounts::server::service, server::request};
    let input = crate::accounts::SiteInput { name, address, contact_name, contact_phone };
    service::save_site(&request::state().db, &request::actor().await?, account_id, site_id, &input).await
}
