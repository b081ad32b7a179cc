use crate::changes::ChangeRequest;
use crate::error::AppError;
use leptos::prelude::*;

/// The customer accepts staff's counter: it becomes the order's next version.
#[server(prefix = "/sf", endpoint = "accept_change_counter")]
pub async fn accept_change_counter(id: i64) -> Result<ChangeRequest, AppError> {
    use crate::{changes::server::service, server::request};
    service::accept_counter(&request::state().db, &request::actor().await?, id).await
}
