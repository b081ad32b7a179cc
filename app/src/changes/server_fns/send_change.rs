use crate::changes::{ChangeRequest, ChangeRequestInput};
use crate::error::AppError;
use leptos::prelude::*;

/// Sends a change request. Safe to repeat: the page sends one idempotency key per request it is editing.
#[server(prefix = "/sf", endpoint = "send_change", input = leptos::server_fn::codec::Json)]
pub async fn send_change(order_id: i64, input: ChangeRequestInput, idempotency_key: String) -> Result<ChangeRequest, AppError> {
    use crate::{changes::server::service, server::request};
    service::send(&request::state().db, &request::actor().await?, order_id, &input, Some(&idempotency_key)).await
}
