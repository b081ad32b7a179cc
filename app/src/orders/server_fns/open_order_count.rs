use crate::error::AppError;
use leptos::prelude::*;

/// How many of the signed-in user's orders are open (submitted and not yet
/// delivered), for the dashboard's tile.
#[server(prefix = "/sf", endpoint = "open_order_count")]
pub async fn open_order_count() -> Result<i64, AppError> {
    use crate::{orders::server::service, server::request};
    service::open_count(&request::state().db, &request::actor().await?).await
}
