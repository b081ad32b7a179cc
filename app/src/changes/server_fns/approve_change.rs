use crate::changes::ChangeRequest;
use crate::error::AppError;
use leptos::prelude::*;

/// Staff approve: the change becomes the order's next version, committed to the promised date given (blank: the feasible one).
#[server(prefix = "/sf", endpoint = "approve_change")]
pub async fn approve_change(id: i64, #[server(default)] promised_date: String, #[server(default)] message: String) -> Result<ChangeRequest, AppError> {
    use crate::{changes::server::service, server::request};
    let promised = crate::changes::server_fns::date_field(&promised_date, "promised_date")?;
    service::approve(&request::state().db, &request::actor().await?, id, promised, &message).await
}
