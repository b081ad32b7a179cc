use crate::accounts::User;
use crate::error::AppError;
use leptos::prelude::*;

/// Renames a user or changes their role.
#[server(prefix = "/sf", endpoint = "update_user")]
pub async fn update_user(user_id: i64, name: String, role: String) -> Result<User, AppError> {
    use crate::{accounts::server::service, server::request};
    service::update_user(&request::state().db, &request::actor().await?, user_id, &name, &role).await
}
