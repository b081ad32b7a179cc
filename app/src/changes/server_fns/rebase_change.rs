use crate::changes::ChangeRequest;
use crate::error::AppError;
use leptos::prelude::*;

/// Makes a stale change request again on the order's current version.
#[server(prefix = "/sf", endpoint = "rebase_change")]
pub async fn rebase_change(id: i64) -> Result<ChangeRequest, AppError> {
    use crate::{changes::server::service, server::request};
    service::rebase(&request::state().db, &request::actor().await?, id).await
}
