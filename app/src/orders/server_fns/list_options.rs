use crate::error::AppError;
use crate::orders::ListOptions;
use leptos::prelude::*;

/// The orders list's filter choices: accounts (staff) and delivery sites.
#[server(name = ListOptionsFn, prefix = "/sf", endpoint = "list_options")]
pub async fn list_options(account_id: Option<i64>) -> Result<ListOptions, AppError> {
    use crate::{orders::server::service, server::request};
    service::list_options(&request::state().db, &request::actor().await?, account_id).await
}
