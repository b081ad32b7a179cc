use crate::accounts::Invitation;
use crate::error::AppError;
use leptos::prelude::*;

/// Invites a user (to the customer admin's own account; a staff admin names
/// the account, or none for staff). Returns the one-time link.
#[server(prefix = "/sf", endpoint = "invite_user")]
pub async fn invite_user(account_id: Option<i64>, email: String, name: String, role: String) -> Result<Invitation, AppError> {
    use crate::{accounts::server::service, server::request};
    let origin = request::public_origin(&request::request_parts()?);
    let input = crate::accounts::InviteInput { email, name, role };
    service::invite(&request::state().db, &request::actor().await?, account_id, &input, &origin).await
}
