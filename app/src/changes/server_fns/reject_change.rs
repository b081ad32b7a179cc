use crate::changes::ChangeRequest;
use crate::error::AppError;
use leptos::prelude::*;

/// Staff reject a change request, with a reason.
#[server(prefix = "/sf", endpoint = "reject_change")]
pub async fn reject_change(id: i64, reason: String) -> Result<ChangeRequest, AppError> {
    use crate::{changes::server::service, server::request};
    service::reject(&request::state().db, &request::actor().await?, id, &reason).await
}
