use crate::error::AppError;
use leptos::prelude::*;

/// Changes the signed-in user's password; other sessions are signed out.
#[server(prefix = "/sf", endpoint = "change_password")]
pub async fn change_password(current: String, password: String, confirm: String) -> Result<(), AppError> {
    use crate::{auth::server::service, server::request};
    let actor = request::actor().await?;
    service::change_password(&request::state().db, &actor, &current, &password, &confirm).await
}
