use crate::changes::{ChangeRequestInput, Preview};
use crate::error::AppError;
use leptos::prelude::*;

/// The version a change request would make of the order, and its impact; sends nothing.
#[server(prefix = "/sf", endpoint = "preview_change", input = leptos::server_fn::codec::Json)]
pub async fn preview_change(order_id: i64, input: ChangeRequestInput) -> Result<Preview, AppError> {
    use crate::{changes::server::service, server::request};
    service::preview(&request::state().db, &request::actor().await?, order_id, &input).await
}
