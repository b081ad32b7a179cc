use crate::error::AppError;
use leptos::prelude::*;

/// Marks one notification read, or all of them (no id); answers the unread count.
#[server(prefix = "/sf", endpoint = "mark_read")]
pub async fn mark_read(#[server(default)] id: Option<i64>) -> Result<i64, AppError> {
    use crate::{notifications::server::service, server::request};
    service::mark_read(&request::state().db, &request::actor().await?, id).await
}
