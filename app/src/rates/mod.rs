//! Shipping rates and the options they give. A staff admin keeps a rate
//! table — per lane (mode, origin, the delivery site's zone) and weight
//! band: cost per kg with a minimum, transit days, pick-up weekdays —
//! imported as CSV ([`csv`], every bad line named). For an order, a
//! planner sees every feasible option ([`options`]) sorted by cost or by
//! arrival, each meeting or missing the promised date, and records the
//! chosen mode with a reason; the customer sees the mode and the ETA.

use crate::shipments::Mode;
use serde::{Deserialize, Serialize};
use time::{Date, Duration};

pub mod csv;
pub mod pages;
#[cfg(feature = "ssr")]
pub mod server;
pub mod server_fns;

/// Rates in one table.
pub const MAX_RATES: usize = 2_000;
/// An origin or zone code (`SUZHOU`, `EAST`).
pub const CODE_MAX: usize = 20;
/// The heaviest band's upper bound, in kg.
pub const MAX_KG: i64 = 100_000;
/// Cost per kg and minimum, in minor units (fen): at most ¥1,000,000.
pub const MAX_MONEY_MINOR: i64 = 100_000_000;
/// Days on the way.
pub const MAX_TRANSIT_DAYS: i64 = 120;
/// The reason given for a choice.
pub const REASON_MAX: usize = 500;

/// One line of the rate table: shipments of `min_kg` up to (not
/// including) `max_kg` chargeable kilograms, by `mode`, from `origin` to
/// `zone`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct Rate {
    pub id: i64,
    pub mode: Mode,
    pub origin: String,
    pub zone: String,
    pub min_kg: i64,
    pub max_kg: i64,
    /// Minor units (fen) per chargeable kg.
    pub per_kg_minor: i64,
    /// The least a shipment costs on this lane, minor units.
    pub minimum_minor: i64,
    pub transit_days: i64,
    /// The weekdays the carrier picks up, Monday = 1 … Sunday = 7.
    pub pickup_days: Vec<u8>,
}

impl Rate {
    pub fn covers(&self, zone: &str, kg: i64) -> bool {
        self.zone == zone && self.min_kg <= kg && kg < self.max_kg
    }

    /// What a shipment of `kg` chargeable kilograms costs.
    pub fn cost(&self, kg: i64) -> i64 {
        (kg.saturating_mul(self.per_kg_minor)).max(self.minimum_minor)
    }

    /// The first pick-up on or after `ready`.
    pub fn pickup(&self, ready: Date) -> Date {
        (0..7).map(|n| ready + Duration::days(n)).find(|d| self.pickup_days.contains(&d.weekday().number_from_monday())).unwrap_or(ready)
    }
}

/// Chargeable kilograms: every started kilogram counts, at least one.
pub fn chargeable_kg(grams: i64) -> i64 {
    ((grams.max(0) + 999) / 1000).max(1)
}

/// One way to ship an order.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct ShipOption {
    pub rate_id: i64,
    pub mode: Mode,
    pub origin: String,
    pub chargeable_kg: i64,
    pub cost_minor: i64,
    pub pickup: Date,
    pub arrival: Date,
    /// Arrives on or before the promised date (true when nothing was promised).
    pub meets_promise: bool,
}

#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum SortBy {
    #[default]
    Cost,
    Arrival,
}

impl SortBy {
    pub fn parse(s: &str) -> Option<SortBy> {
        match s {
            "cost" => Some(SortBy::Cost),
            "arrival" => Some(SortBy::Arrival),
            _ => None,
        }
    }
}

/// Every feasible option for `grams` to `zone`, ready to leave on `ready`:
/// per mode and origin, the band that holds the weight. Sorted by cost
/// (then arrival) or by arrival (then cost); ties by mode.
pub fn options(rates: &[Rate], zone: &str, grams: i64, ready: Date, promised: Option<Date>, sort: SortBy) -> Vec<ShipOption> {
    let kg = chargeable_kg(grams);
    let mut out: Vec<ShipOption> = rates
        .iter()
        .filter(|r| r.covers(zone, kg))
        .map(|r| {
            let pickup = r.pickup(ready);
            let arrival = pickup + Duration::days(r.transit_days);
            ShipOption {
                rate_id: r.id,
                mode: r.mode,
                origin: r.origin.clone(),
                chargeable_kg: kg,
                cost_minor: r.cost(kg),
                pickup,
                arrival,
                meets_promise: promised.is_none_or(|p| arrival <= p),
            }
        })
        .collect();
    sort_options(&mut out, sort);
    out
}

/// Options in the order asked for (the page re-sorts without asking again).
pub fn sort_options(options: &mut [ShipOption], sort: SortBy) {
    match sort {
        SortBy::Cost => options.sort_by(|a, b| (a.cost_minor, a.arrival, a.mode.as_str()).cmp(&(b.cost_minor, b.arrival, b.mode.as_str()))),
        SortBy::Arrival => options.sort_by(|a, b| (a.arrival, a.cost_minor, a.mode.as_str()).cmp(&(b.arrival, b.cost_minor, b.mode.as_str()))),
    }
}

/// The options for an order as the planner sees them.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct OrderOptions {
    /// The delivery site's zone; blank when the site has none (no options).
    pub zone: String,
    /// What is left to ship, in grams (product weights × quantities).
    pub grams: i64,
    /// When the goods are ready: the plan's packing end, or today if later.
    pub ready: Date,
    pub promised_date: Option<Date>,
    pub options: Vec<ShipOption>,
    pub choice: Option<ShippingChoice>,
    /// The reader may choose (planners while the order ships).
    pub may_choose: bool,
}

/// The mode chosen for an order, and why.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct ShippingChoice {
    pub mode: Mode,
    pub eta: Date,
    /// None for readers who do not see money (customers, support).
    pub cost_minor: Option<i64>,
    /// Staff only.
    pub reason: Option<String>,
    pub chosen_by: String,
    pub chosen_at: i64,
}

/// Weekdays from text: `Mon Wed Fri`, `1/3/5`, `mon-fri`, `daily`.
pub fn parse_weekdays(text: &str) -> Option<Vec<u8>> {
    const NAMES: [&str; 7] = ["mon", "tue", "wed", "thu", "fri", "sat", "sun"];
    let day = |t: &str| -> Option<u8> {
        let t = t.trim().to_ascii_lowercase();
        if let Ok(n) = t.parse::<u8>() {
            return (1..=7).contains(&n).then_some(n);
        }
        NAMES.iter().position(|n| t.starts_with(n) && t.len() >= 3).map(|i| i as u8 + 1)
    };
    let text = text.trim().to_ascii_lowercase();
    if text == "daily" {
        return Some((1..=7).collect());
    }
    let mut days = Vec::new();
    for token in text.split(|c: char| c.is_whitespace() || matches!(c, '/' | '|' | ';')).filter(|t| !t.is_empty()) {
        match token.split_once('-') {
            Some((a, b)) => {
                let (a, b) = (day(a)?, day(b)?);
                if a > b {
                    return None;
                }
                days.extend(a..=b);
            }
            None => days.push(day(token)?),
        }
    }
    days.sort();
    days.dedup();
    (!days.is_empty()).then_some(days)
}

/// Weekdays as the table shows them: `Mon Wed Fri`.
pub fn show_weekdays(days: &[u8]) -> String {
    const SHORT: [&str; 7] = ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"];
    days.iter().filter_map(|d| SHORT.get((*d as usize).wrapping_sub(1))).copied().collect::<Vec<_>>().join(" ")
}

#[cfg(test)]
mod tests;
