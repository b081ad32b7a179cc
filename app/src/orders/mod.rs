//! Orders: the order's life as pure rules shared by browser and server —
//! the state machine ([`status`]) and the feasibility check
//! ([`feasibility`]). Storage, services, doors and pages follow.

pub mod api;
pub mod feasibility;
pub mod pages;
pub mod paste;
pub mod status;

pub use status::{Command, OrderStatus, Side, TransitionError};

use crate::money::Money;
use serde::{Deserialize, Serialize};
use time::Date;

/// One line as the buyer enters it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct OrderLineInput {
    pub sku: String,
    pub quantity: i64,
    /// Its own delivery date, when it differs from the order's.
    pub requested_date: Option<Date>,
}

/// An order as the buyer enters it (a draft may be incomplete).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct OrderInput {
    pub site_id: Option<i64>,
    pub requested_date: Option<Date>,
    pub po_number: String,
    pub notes: String,
    pub lines: Vec<OrderLineInput>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct OrderLine {
    pub id: i64,
    /// The same for this line in every version of the order.
    pub line_key: i64,
    pub line_no: i64,
    pub product_id: i64,
    pub sku: String,
    pub quantity: i64,
    pub unit_price: Money,
    pub requested_date: Option<Date>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct OrderEvent {
    pub at: i64,
    pub actor: String,
    pub kind: String,
    pub from_status: Option<OrderStatus>,
    pub to_status: Option<OrderStatus>,
    pub reason: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Order {
    pub id: i64,
    pub number: String,
    pub account_id: i64,
    pub site_id: Option<i64>,
    pub po_number: String,
    pub notes: String,
    pub status: OrderStatus,
    pub version: i64,
    pub requested_date: Option<Date>,
    pub promised_date: Option<Date>,
    /// The account manager's counter-proposal, while the order is countered.
    pub counter_date: Option<Date>,
    pub counter_message: String,
    /// From the feasibility check at submit.
    pub dates_feasible: bool,
    pub over_credit: bool,
    pub earliest_date: Option<Date>,
    pub total: Money,
    pub lines: Vec<OrderLine>,
    pub events: Vec<OrderEvent>,
}

/// `SO-2026-000123`: the year and a counter that never repeats within it.
pub fn order_number(year: i32, n: i64) -> String {
    format!("SO-{year}-{n:06}")
}

/// A row of an orders list.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct OrderSummary {
    pub id: i64,
    pub number: String,
    pub account_code: String,
    pub po_number: String,
    pub status: OrderStatus,
    pub requested_date: Option<Date>,
    pub promised_date: Option<Date>,
    pub total: Money,
    pub dates_feasible: bool,
    pub over_credit: bool,
    pub submitted_at: Option<i64>,
}

/// Filters of an orders list; `before` is the keyset cursor (an order id).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct OrderFilter {
    pub status: Option<OrderStatus>,
    pub account_id: Option<i64>,
    /// Matches the order number, the PO number or a line's SKU.
    pub search: Option<String>,
    pub before: Option<i64>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct OrderPage {
    pub orders: Vec<OrderSummary>,
    /// The cursor of the next page, if there is one.
    pub next: Option<i64>,
}

/// A catalog entry at the viewer's price: the account's contract price
/// where one is valid today, else the list price.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(sqlx::FromRow))]
pub struct CatalogItem {
    pub id: i64,
    pub sku: String,
    pub name_en: String,
    pub name_zh: String,
    pub category: String,
    pub spec_en: String,
    pub spec_zh: String,
    pub unit: String,
    pub moq: i64,
    pub pack_multiple: i64,
    pub lead_time_days: i64,
    pub weekly_capacity: i64,
    pub unit_price_minor: i64,
    pub currency: String,
}

impl CatalogItem {
    /// What the feasibility check needs of it.
    pub fn rules(&self) -> feasibility::ProductRules {
        feasibility::ProductRules {
            product_id: self.id,
            moq: self.moq,
            pack_multiple: self.pack_multiple,
            lead_time_days: self.lead_time_days,
            weekly_capacity: self.weekly_capacity,
            unit_price_minor: self.unit_price_minor,
        }
    }
}
