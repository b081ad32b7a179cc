use crate::changes::Preview;
use crate::error::AppError;
use leptos::prelude::*;

/// The impact of an open change request on the order as it stands now.
#[server(prefix = "/sf", endpoint = "assess_change")]
pub async fn assess_change(id: i64) -> Result<Preview, AppError> {
    use crate::{changes::server::service, server::request};
    service::assess(&request::state().db, &request::actor().await?, id).await
}
