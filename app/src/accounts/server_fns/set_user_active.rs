use crate::accounts::User;
use crate::error::AppError;
use leptos::prelude::*;

/// Disables (signing them out everywhere) or re-enables a user.
#[server(prefix = "/sf", endpoint = "set_user_active")]
pub async fn set_user_active(user_id: i64, active: bool) -> Result<User, AppError> {
    use crate::{accounts::server::service, server::request};
    service::set_user_active(&request::state().db, &request::actor().await?, user_id, active).await
}
