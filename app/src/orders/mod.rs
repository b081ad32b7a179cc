//! Orders: the order's life as pure rules shared by browser and server —
//! the state machine ([`status`]) and the feasibility check
//! ([`feasibility`]). Storage, services, doors and pages follow.

pub mod feasibility;
pub mod list;
pub mod pages;
pub mod paste;
/// The capability's server half: store and service (never in the browser's bundle).
#[cfg(feature = "ssr")]
pub mod server;
pub mod server_fns;
pub mod status;

pub use list::{Cursor, ListOptions, OrderFilter, OrderPage, OrderSort};
pub use status::{Command, OrderStatus, Side, TransitionError};

use crate::money::Money;
use serde::{Deserialize, Serialize};
use time::Date;

/// One line as the buyer enters it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct OrderLineInput {
    #[cfg_attr(feature = "ssr", schema(min_length = 1, max_length = 40))]
    pub sku: String,
    #[cfg_attr(feature = "ssr", schema(minimum = 1, maximum = 10_000_000))]
    pub quantity: i64,
    /// Its own delivery date, when it differs from the order's.
    pub requested_date: Option<Date>,
}

/// An order as the buyer enters it (a draft may be incomplete).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct OrderInput {
    /// One of the account's delivery sites (needed to submit).
    pub site_id: Option<i64>,
    pub requested_date: Option<Date>,
    #[cfg_attr(feature = "ssr", schema(max_length = 60))]
    pub po_number: String,
    #[cfg_attr(feature = "ssr", schema(max_length = 2000))]
    pub notes: String,
    #[cfg_attr(feature = "ssr", schema(max_items = 200))]
    pub lines: Vec<OrderLineInput>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct OrderLine {
    pub id: i64,
    /// The same for this line in every version of the order.
    pub line_key: i64,
    pub line_no: i64,
    pub product_id: i64,
    pub sku: String,
    pub quantity: i64,
    /// None for viewers who do not see money (planners, support agents).
    pub unit_price: Option<Money>,
    pub requested_date: Option<Date>,
    /// The quantity the account manager proposes, while the order is countered.
    pub counter_quantity: Option<i64>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct OrderEvent {
    pub at: i64,
    pub actor: String,
    pub kind: String,
    pub from_status: Option<OrderStatus>,
    pub to_status: Option<OrderStatus>,
    pub reason: String,
    /// The date this step proposed or promised, if it did.
    pub date: Option<Date>,
    /// Quantities this step proposed or made the new version's.
    pub quantities: Vec<QuantityChange>,
}

/// A line's quantity before and after a counter-proposal.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct QuantityChange {
    pub line_no: i64,
    pub sku: String,
    pub from: i64,
    pub to: i64,
}

/// What an account manager proposes instead: another date and/or other
/// quantities, with a message. The customer accepts or declines it whole.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct CounterProposal {
    /// `None` keeps the order's date (its requested one, or the earliest
    /// feasible when that is too soon).
    pub date: Option<Date>,
    /// New quantities by the line's stable key; lines not named keep theirs.
    pub quantities: Vec<LineQuantity>,
    pub message: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct LineQuantity {
    pub line_key: i64,
    #[cfg_attr(feature = "ssr", schema(minimum = 1, maximum = 10_000_000))]
    pub quantity: i64,
}

impl CounterProposal {
    /// The changes this proposal makes to `lines`, or the form field that is
    /// wrong: an unknown line or a quantity below one. Quantities equal to
    /// the current one are not changes.
    pub fn changes(&self, lines: &[OrderLine]) -> Result<Vec<(i64, QuantityChange)>, String> {
        let mut out: Vec<(i64, QuantityChange)> = Vec::new();
        for q in &self.quantities {
            let field = counter_quantity_field(q.line_key);
            let line = lines.iter().find(|l| l.line_key == q.line_key).ok_or_else(|| field.clone())?;
            if q.quantity < 1 || out.iter().any(|(k, _)| *k == q.line_key) {
                return Err(field);
            }
            if q.quantity != line.quantity {
                out.push((q.line_key, QuantityChange { line_no: line.line_no, sku: line.sku.clone(), from: line.quantity, to: q.quantity }));
            }
        }
        Ok(out)
    }
}

/// The form field of a line's proposed quantity (`quantities[3]`).
pub fn counter_quantity_field(line_key: i64) -> String {
    format!("quantities[{line_key}]")
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct Order {
    pub id: i64,
    #[cfg_attr(feature = "ssr", schema(example = "SO-2026-000123"))]
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
    /// None for viewers who do not see money (planners, support agents).
    pub total: Option<Money>,
    pub lines: Vec<OrderLine>,
    pub events: Vec<OrderEvent>,
}

/// `SO-2026-000123`: the year and a counter that never repeats within it.
pub fn order_number(year: i32, n: i64) -> String {
    format!("SO-{year}-{n:06}")
}

/// A row of an orders list.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct OrderSummary {
    pub id: i64,
    pub number: String,
    pub account_code: String,
    pub po_number: String,
    pub status: OrderStatus,
    pub requested_date: Option<Date>,
    pub promised_date: Option<Date>,
    /// None for viewers who do not see money (planners, support agents).
    pub total: Option<Money>,
    pub dates_feasible: bool,
    pub over_credit: bool,
    pub submitted_at: Option<i64>,
}

/// A catalog entry at the viewer's price: the account's contract price
/// where one is valid today, else the list price.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(sqlx::FromRow))]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
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

#[cfg(test)]
mod tests {
    use super::*;

    fn line(key: i64, quantity: i64) -> OrderLine {
        OrderLine {
            id: key * 10,
            line_key: key,
            line_no: key,
            product_id: 1,
            sku: format!("SKU-{key}"),
            quantity,
            unit_price: Some(Money::new(100, "CNY")),
            requested_date: None,
            counter_quantity: None,
        }
    }

    fn proposal(q: &[(i64, i64)]) -> CounterProposal {
        CounterProposal { quantities: q.iter().map(|&(line_key, quantity)| LineQuantity { line_key, quantity }).collect(), ..Default::default() }
    }

    #[test]
    fn a_counter_changes_only_what_differs() {
        let lines = [line(1, 100), line(2, 50)];
        let changes = proposal(&[(1, 100), (2, 40)]).changes(&lines).unwrap();
        assert_eq!(changes, vec![(2, QuantityChange { line_no: 2, sku: "SKU-2".into(), from: 50, to: 40 })]);
        assert!(proposal(&[]).changes(&lines).unwrap().is_empty());
    }

    #[test]
    fn a_counter_names_the_field_it_cannot_take() {
        let lines = [line(1, 100)];
        assert_eq!(proposal(&[(9, 10)]).changes(&lines), Err("quantities[9]".into()), "unknown line");
        assert_eq!(proposal(&[(1, 0)]).changes(&lines), Err("quantities[1]".into()), "below one");
        assert_eq!(proposal(&[(1, 5), (1, 6)]).changes(&lines), Err("quantities[1]".into()), "named twice");
    }
}
