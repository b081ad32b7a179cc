use crate::error::AppError;
use leptos::prelude::*;
use serde::{Deserialize, Serialize};

/// One of the user's API tokens, without its secret.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ApiToken {
    pub id: i64,
    pub name: String,
    pub created_at: i64,
    pub last_used_at: Option<i64>,
    pub expires_at: i64,
}

/// The signed-in user's live API tokens.
#[server(prefix = "/sf", endpoint = "list_api_tokens")]
pub async fn list_api_tokens() -> Result<Vec<ApiToken>, AppError> {
    use crate::{auth::server::api_token, server::request};
    let tokens = api_token::list(&request::state().db, &request::actor().await?).await?;
    Ok(tokens.into_iter().map(|t| ApiToken { id: t.id, name: t.name, created_at: t.created_at, last_used_at: t.last_used_at, expires_at: t.expires_at }).collect())
}

/// Creates an API token for the signed-in user after asking for their
/// password again (a session left open must not mint a lasting credential);
/// the secret is shown once.
#[server(prefix = "/sf", endpoint = "create_api_token")]
pub async fn create_api_token(name: String, password: String, expires_in_days: Option<i64>) -> Result<String, AppError> {
    use crate::{auth::server::api_token, auth::server::service, server::request};
    let actor = request::actor().await?;
    let db = &request::state().db;
    service::reauthenticate(db, &actor, &password, "password").await?;
    Ok(api_token::issue(db, actor.user.id, &name, expires_in_days).await?.token)
}

/// Revokes one of the signed-in user's API tokens.
#[server(prefix = "/sf", endpoint = "revoke_api_token")]
pub async fn revoke_api_token(id: i64) -> Result<(), AppError> {
    use crate::{auth::server::api_token, server::request};
    api_token::revoke(&request::state().db, &request::actor().await?, id).await
}
