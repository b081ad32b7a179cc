use crate::accounts::AccountDetail;
use crate::error::AppError;
use leptos::prelude::*;

/// The signed-in customer's own account.
#[server(prefix = "/sf", endpoint = "my_account")]
pub async fn my_account() -> Result<AccountDetail, AppError> {
    use crate::{accounts::server::service, server::request};
    service::my_account(&request::state().db, &request::actor().await?).await
}
