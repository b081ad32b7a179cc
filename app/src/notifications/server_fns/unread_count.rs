use crate::error::AppError;
use leptos::prelude::*;

/// How many of the caller's notifications are unread: the bell's number.
#[server(prefix = "/sf", endpoint = "unread_count")]
pub async fn unread_count() -> Result<i64, AppError> {
    use crate::{notifications::server::service, server::request};
    service::unread(&request::state().db, &request::actor().await?).await
}
