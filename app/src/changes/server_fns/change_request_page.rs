use crate::changes::RequestPage;
use crate::error::AppError;
use leptos::prelude::*;

/// A change request with the order's lines and, while it is open, its
/// impact on the order as it stands: everything its page shows.
#[server(prefix = "/sf", endpoint = "change_request_page")]
pub async fn change_request_page(id: i64) -> Result<RequestPage, AppError> {
    use crate::{changes::server::service, server::request};
    service::page(&request::state().db, &request::actor().await?, id).await
}
