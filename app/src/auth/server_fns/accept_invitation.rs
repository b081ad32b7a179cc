use crate::error::AppError;
use leptos::prelude::*;

/// The address an invitation link is for (shown on the set-password page).
#[server(prefix = "/sf", endpoint = "invitation_email")]
pub async fn invitation_email(token: String) -> Result<String, AppError> {
    crate::auth::server::service::invitation_email(&crate::server::request::state().db, &token).await
}

/// Sets the invited user's password, signs them in and goes to the start page.
#[server(prefix = "/sf", endpoint = "accept_invitation")]
pub async fn accept_invitation(token: String, password: String, confirm: String) -> Result<(), AppError> {
    use crate::auth::server::{service, session};
    use crate::server::request;
    let state = request::state();
    let parts = request::request_parts()?;
    let (ip, user_agent) = (request::client_ip(&parts), request::user_agent(&parts));
    let client = service::Client { ip: &ip, user_agent: &user_agent };
    let session_token = service::accept_invitation(&state.db, &state.settings, &token, &password, &confirm, &client).await?;
    request::set_cookie(session::cookie(&state.settings, &session_token));
    request::forget_actor();
    leptos_axum::redirect("/");
    Ok(())
}
