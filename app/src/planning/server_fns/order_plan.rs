use crate::error::AppError;
use crate::planning::Plan;
use leptos::prelude::*;

/// An order's plan (empty until it is confirmed), with its risk.
#[server(prefix = "/sf", endpoint = "order_plan")]
pub async fn order_plan(order_id: i64) -> Result<Plan, AppError> {
    use crate::{planning::server::service, server::request};
    service::get(&request::state().db, &request::actor().await?, order_id).await
}
