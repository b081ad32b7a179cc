use crate::error::AppError;
use crate::notifications::Inbox;
use leptos::prelude::*;

/// A page of the caller's notifications, newest first.
#[server(prefix = "/sf", endpoint = "my_inbox")]
pub async fn my_inbox(before: Option<i64>) -> Result<Inbox, AppError> {
    use crate::{notifications::server::service, server::request};
    service::inbox(&request::state().db, &request::actor().await?, before).await
}
