use crate::error::AppError;
use crate::orders::Order;
use leptos::prelude::*;

/// The account manager confirms with a promised date (empty: the earliest
/// feasible one).
#[server(prefix = "/sf", endpoint = "confirm_order")]
pub async fn confirm_order(id: i64, promised_date: String, message: String) -> Result<Order, AppError> {
    use crate::{orders::server::service, server::request};
    let promised = match promised_date.trim() {
        "" => None,
        text => Some(crate::orders::paste::parse_date(text).ok_or_else(|| AppError::field("promised_date", crate::error::Invalid::NotAllowed))?),
    };
    service::confirm(&request::state().db, &request::actor().await?, id, promised, &message).await
}
