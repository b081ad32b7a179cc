use crate::error::AppError;
use crate::rates::Rate;
use leptos::prelude::*;

/// The rate table (staff).
#[server(prefix = "/sf", endpoint = "rate_table")]
pub async fn rate_table() -> Result<Vec<Rate>, AppError> {
    use crate::rates::server::service;
    use crate::server::request;
    service::list(&request::state().db, &request::actor().await?).await
}
