use crate::accounts::User;
use crate::error::AppError;
use leptos::prelude::*;

/// The supplier's staff users (staff only).
#[server(prefix = "/sf", endpoint = "list_staff")]
pub async fn list_staff() -> Result<Vec<User>, AppError> {
    use crate::{accounts::server::service, server::request};
    service::staff(&request::state().db, &request::actor().await?).await
}
