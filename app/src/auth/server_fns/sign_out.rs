use crate::error::AppError;
use leptos::prelude::*;

/// Ends this session and goes to the sign-in page.
#[server(prefix = "/sf", endpoint = "sign_out")]
pub async fn sign_out() -> Result<(), AppError> {
    use crate::{auth::server::session, server::request};
    let state = request::state();
    if let Some(actor) = request::current_actor().await? {
        session::delete(&state.db, &actor.session_id).await?;
    }
    request::set_cookie(session::clear_cookie(&state.settings));
    request::forget_actor();
    leptos_axum::redirect("/login");
    Ok(())
}
