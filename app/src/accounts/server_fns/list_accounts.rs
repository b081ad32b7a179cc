use crate::accounts::Account;
use crate::error::AppError;
use leptos::prelude::*;

/// The accounts the signed-in user may see.
#[server(prefix = "/sf", endpoint = "list_accounts")]
pub async fn list_accounts() -> Result<Vec<Account>, AppError> {
    use crate::{accounts::server::service, server::request};
    service::list(&request::state().db, &request::actor().await?).await
}
