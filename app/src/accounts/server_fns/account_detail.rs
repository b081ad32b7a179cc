use crate::accounts::AccountDetail;
use crate::error::AppError;
use leptos::prelude::*;

/// One account with its sites (and users, for those who manage them).
#[server(name = AccountDetailFn, prefix = "/sf", endpoint = "account_detail")]
pub async fn account_detail(id: i64) -> Result<AccountDetail, AppError> {
    use crate::{accounts::server::service, server::request};
    service::detail(&request::state().db, &request::actor().await?, id).await
}
