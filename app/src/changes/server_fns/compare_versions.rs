use crate::changes::Comparison;
use crate::error::AppError;
use leptos::prelude::*;

/// Two versions of an order side by side with their diff (default: the last two).
#[server(prefix = "/sf", endpoint = "compare_versions")]
pub async fn compare_versions(order_id: i64, #[server(default)] a: Option<i64>, #[server(default)] b: Option<i64>) -> Result<Comparison, AppError> {
    use crate::{changes::server::service, server::request};
    service::compare(&request::state().db, &request::actor().await?, order_id, a, b).await
}
