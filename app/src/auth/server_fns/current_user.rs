use crate::accounts::Me;
use crate::error::AppError;
use leptos::prelude::*;

/// The signed-in user, or `None`.
#[server(prefix = "/sf", endpoint = "current_user")]
pub async fn current_user() -> Result<Option<Me>, AppError> {
    Ok(crate::server::request::current_actor().await?.map(|a| a.user))
}

/// What the sign-in page needs to know before it shows its form.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct SignInContext {
    pub signed_in: bool,
    /// Demo mode: show the demo sign-in hint.
    pub demo: bool,
}

#[server(name = SignInContextFn, prefix = "/sf", endpoint = "sign_in_context")]
pub async fn sign_in_context() -> Result<SignInContext, AppError> {
    use crate::server::request;
    let signed_in = request::current_actor().await?.is_some();
    Ok(SignInContext { signed_in, demo: request::state().settings.demo })
}
