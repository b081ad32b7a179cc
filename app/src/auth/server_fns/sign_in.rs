use crate::error::AppError;
use leptos::prelude::*;

/// Checks the password, starts a fresh session (a new id every time, so a
/// planted cookie is worthless) and goes to `next`.
#[server(prefix = "/sf", endpoint = "sign_in")]
pub async fn sign_in(email: String, password: String, next: Option<String>) -> Result<(), AppError> {
    use crate::auth::server::{service, session};
    use crate::server::request;
    let state = request::state();
    let parts = request::request_parts()?;
    let (ip, user_agent) = (request::client_ip(&parts), request::user_agent(&parts));
    let client = service::Client { ip: &ip, user_agent: &user_agent };
    let token = service::sign_in(&state.db, &state.settings, &email, &password, &client).await?;
    // Only a successful sign-in replaces the session this browser had.
    if let Some(old) = request::current_actor().await? {
        session::delete(&state.db, &old.session_id).await?;
    }
    request::set_cookie(session::cookie(&state.settings, &token));
    request::forget_actor();
    leptos_axum::redirect(&crate::auth::safe_next(next.as_deref()));
    Ok(())
}
