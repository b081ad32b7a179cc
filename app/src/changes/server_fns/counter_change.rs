use crate::changes::{Change, ChangeRequest};
use crate::error::AppError;
use leptos::prelude::*;

/// Staff propose other changes, with a message for the customer.
#[server(prefix = "/sf", endpoint = "counter_change", input = leptos::server_fn::codec::Json)]
pub async fn counter_change(id: i64, changes: Vec<Change>, message: String) -> Result<ChangeRequest, AppError> {
    use crate::{changes::server::service, server::request};
    service::counter(&request::state().db, &request::actor().await?, id, &changes, &message).await
}
