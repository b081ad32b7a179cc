use crate::error::AppError;
use crate::orders::Order;
use leptos::prelude::*;

/// The account manager proposes another date, with a message for the customer.
#[server(prefix = "/sf", endpoint = "counter_order")]
pub async fn counter_order(id: i64, counter_date: String, message: String) -> Result<Order, AppError> {
    use crate::server::{orders::service, request};
    let date = crate::orders::paste::parse_date(&counter_date).ok_or_else(|| AppError::field("counter_date", crate::error::Invalid::Required))?;
    service::counter(&request::state().db, &request::actor().await?, id, date, &message).await
}
