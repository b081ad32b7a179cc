use crate::changes::ChangeRequest;
use crate::error::AppError;
use leptos::prelude::*;

/// One change request.
#[server(prefix = "/sf", endpoint = "get_change_request")]
pub async fn get_change_request(id: i64) -> Result<ChangeRequest, AppError> {
    use crate::{changes::server::service, server::request};
    service::get(&request::state().db, &request::actor().await?, id).await
}
