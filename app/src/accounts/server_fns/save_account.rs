use crate::error::AppError;
use leptos::prelude::*;

/// Creates (no `id`) or edits an account (staff admin). Returns its id.
#[server(prefix = "/sf", endpoint = "save_account")]
pub async fn save_account(id: Option<i64>, code: String, name: String, tier: String, credit_limit: String, account_manager_id: String) -> Result<i64, AppError> {
    use crate::{accounts::server::service, server::request};
    let input = crate::accounts::AccountInput { code, name, tier, credit_limit, account_manager_id };
    service::save(&request::state().db, &request::actor().await?, id, &input).await
}
