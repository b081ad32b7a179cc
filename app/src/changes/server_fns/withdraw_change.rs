use crate::changes::ChangeRequest;
use crate::error::AppError;
use leptos::prelude::*;

/// The customer takes an open change request back.
#[server(prefix = "/sf", endpoint = "withdraw_change")]
pub async fn withdraw_change(id: i64, #[server(default)] reason: String) -> Result<ChangeRequest, AppError> {
    use crate::{changes::server::service, server::request};
    service::withdraw(&request::state().db, &request::actor().await?, id, &reason).await
}
