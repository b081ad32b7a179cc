use crate::error::AppError;
use crate::orders::Order;
use leptos::prelude::*;
use std::collections::BTreeMap;

/// The account manager proposes another date and/or other quantities, with
/// a message for the customer. A plain form posts it: `quantities[3]=250`
/// is line 3's proposal (blank keeps the line as it is).
#[server(prefix = "/sf", endpoint = "counter_order")]
pub async fn counter_order(id: i64, counter_date: String, message: String, #[server(default)] quantities: BTreeMap<String, String>) -> Result<Order, AppError> {
    use crate::error::{FieldError, Invalid};
    use crate::orders::{counter_quantity_field, CounterProposal, LineQuantity};
    use crate::{orders::server::service, server::request};
    let date = match counter_date.trim() {
        "" => None,
        text => Some(crate::orders::paste::parse_date(text).ok_or_else(|| AppError::field("counter_date", Invalid::NotAllowed))?),
    };
    let mut lines = Vec::new();
    let mut bad = Vec::new();
    for (key, text) in &quantities {
        let Ok(line_key) = key.parse::<i64>() else { continue };
        match text.trim() {
            "" => {}
            t => match t.parse::<i64>() {
                Ok(quantity) => lines.push(LineQuantity { line_key, quantity }),
                Err(_) => bad.push(FieldError { field: counter_quantity_field(line_key), reason: Invalid::Quantity }),
            },
        }
    }
    if !bad.is_empty() {
        return Err(AppError::Invalid(bad));
    }
    let proposal = CounterProposal { date, quantities: lines, message };
    service::counter(&request::state().db, &request::actor().await?, id, &proposal).await
}
