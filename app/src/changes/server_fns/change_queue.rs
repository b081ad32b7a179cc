use crate::changes::ChangeRequest;
use crate::error::AppError;
use leptos::prelude::*;

/// Pending change requests for staff, oldest first; one account's if given.
#[server(prefix = "/sf", endpoint = "change_queue")]
pub async fn change_queue(#[server(default)] account_id: Option<i64>) -> Result<Vec<ChangeRequest>, AppError> {
    use crate::{changes::server::service, server::request};
    service::queue(&request::state().db, &request::actor().await?, account_id).await
}
