//! Change requests: a customer asks to change an order under way (lines,
//! quantities, dates, site, PO number, notes) with a reason; staff approve,
//! reject or counter; an approved request becomes the order's next version.
//!
//! This module is the pure part, shared by browser and server: what a
//! version of an order holds ([`Version`]), what a request asks
//! ([`Change`]), applying it ([`apply::apply`]), comparing two versions
//! ([`diff::diff`]) and the impact shown before sending
//! ([`impact::impact`]). The page previews with exactly the code the
//! service decides with.

pub mod apply;
pub mod diff;
pub mod impact;
pub mod pages;
pub mod rules;
#[cfg(feature = "ssr")]
pub mod server;
pub mod server_fns;

pub use rules::{ChangeCommand, ChangeStatus};

use crate::orders::Order;
use serde::{Deserialize, Serialize};
use time::Date;

/// Changes one request may carry: every line twice over, plus the header.
pub const MAX_CHANGES: usize = 2 * crate::limits::MAX_LINES + 4;

/// An order's content at one version: what a request changes and what the
/// versions view compares. Prices are those the lines were ordered at.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct Version {
    pub number: i64,
    pub site_id: Option<i64>,
    pub requested_date: Option<Date>,
    pub po_number: String,
    pub notes: String,
    pub lines: Vec<VersionLine>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct VersionLine {
    /// The same for this line in every version; never reused within an order.
    pub line_key: i64,
    pub product_id: i64,
    pub sku: String,
    pub quantity: i64,
    pub unit_price_minor: i64,
    pub requested_date: Option<Date>,
}

impl VersionLine {
    pub fn total_minor(&self) -> i64 {
        self.quantity.saturating_mul(self.unit_price_minor)
    }
}

impl Version {
    /// The order's value at this version (saturating: bounds keep real
    /// orders far below `i64::MAX`).
    pub fn total_minor(&self) -> i64 {
        self.lines.iter().fold(0i64, |sum, l| sum.saturating_add(l.total_minor()))
    }

    pub fn line(&self, line_key: i64) -> Option<&VersionLine> {
        self.lines.iter().find(|l| l.line_key == line_key)
    }

    /// The order as it stands, as a version. Lines without a price (a
    /// viewer who does not see money) count at zero.
    pub fn of_order(order: &Order) -> Version {
        Version {
            number: order.version,
            site_id: order.site_id,
            requested_date: order.requested_date,
            po_number: order.po_number.clone(),
            notes: order.notes.clone(),
            lines: order
                .lines
                .iter()
                .map(|l| VersionLine {
                    line_key: l.line_key,
                    product_id: l.product_id,
                    sku: l.sku.clone(),
                    quantity: l.quantity,
                    unit_price_minor: l.unit_price.as_ref().map_or(0, |m| m.minor),
                    requested_date: l.requested_date,
                })
                .collect(),
        }
    }
}

/// One change a request asks for.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Change {
    /// A line's new quantity.
    Quantity {
        line_key: i64,
        quantity: i64,
    },
    /// A new line, priced at the account's contract price valid today.
    AddLine {
        sku: String,
        quantity: i64,
        requested_date: Option<Date>,
    },
    /// Removes a line that has shipped nothing.
    RemoveLine {
        line_key: i64,
    },
    /// A line's own delivery date (`None`: the order's).
    LineDate {
        line_key: i64,
        requested_date: Option<Date>,
    },
    /// The order's delivery date.
    OrderDate {
        requested_date: Option<Date>,
    },
    /// Another of the account's delivery sites.
    Site {
        site_id: i64,
    },
    PoNumber {
        po_number: String,
    },
    Notes {
        notes: String,
    },
}

/// What the customer sends: the changes, why, and the version they were
/// made from (a request on an older version is stale).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct ChangeRequestInput {
    pub base_version: i64,
    #[cfg_attr(feature = "ssr", schema(max_items = 404))]
    pub changes: Vec<Change>,
    #[cfg_attr(feature = "ssr", schema(max_length = 1000))]
    pub reason: String,
}

/// A change request as its readers see it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct ChangeRequest {
    pub id: i64,
    pub order_id: i64,
    pub order_number: String,
    pub account_id: i64,
    pub account_name: String,
    pub base_version: i64,
    /// The order's version now: a request made from another is stale.
    pub order_version: i64,
    pub status: ChangeStatus,
    pub changes: Vec<Change>,
    pub reason: String,
    /// What staff proposed instead, waiting for the customer.
    pub counter: Option<Vec<Change>>,
    pub counter_message: String,
    pub decision_reason: String,
    pub requested_by: String,
    pub created_at: i64,
    pub decided_by: Option<String>,
    pub decided_at: Option<i64>,
    /// The version an approval made.
    pub result_version: Option<i64>,
    /// The impact as summarised when the request was sent (or re-based).
    pub summary: ChangeSummary,
    /// What the reader may do to it now (`rules::allowed`).
    pub actions: Vec<ChangeCommand>,
}

impl ChangeRequest {
    /// The order has moved on since the request was made.
    pub fn stale(&self) -> bool {
        self.status.is_open() && self.base_version != self.order_version
    }
}

/// The impact in three numbers, for the staff queue and the order's banner.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct ChangeSummary {
    /// `None` for a reader who does not see money.
    pub cost_delta_minor: Option<i64>,
    pub currency: String,
    pub shift_days: Option<i64>,
    pub lines_in_production: i64,
}

/// The preview of a request: the version it would make and its impact.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct Preview {
    pub proposed: Version,
    pub impact: impact::Impact,
    pub currency: String,
}

/// What the change request's page shows: the request, the order's lines
/// (to name them and to counter on), and, while it is open, its impact on
/// the order as it stands — or why that cannot be computed (a stale
/// request whose changes no longer apply).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct RequestPage {
    pub request: ChangeRequest,
    pub lines: Vec<crate::orders::OrderLine>,
    pub assessment: Option<Preview>,
    pub assessment_error: Option<crate::error::AppError>,
}

/// One version of an order, in the versions list.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct VersionInfo {
    pub number: i64,
    pub total_minor: Option<i64>,
    pub lines: i64,
    /// The change request that made it (none for the first, or one a
    /// negotiation made).
    pub change_request_id: Option<i64>,
}

/// One version of an order (prices 0 and `show_money` false for those who
/// do not see money).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct VersionView {
    pub order_id: i64,
    pub order_number: String,
    pub currency: String,
    pub show_money: bool,
    pub version: Version,
}

/// Two versions of an order and what changed between them.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct Comparison {
    pub order_id: i64,
    pub order_number: String,
    pub currency: String,
    pub show_money: bool,
    /// The order's version numbers, oldest first (1 to the current).
    pub versions: Vec<i64>,
    pub a: Version,
    pub b: Version,
    pub diff: diff::VersionDiff,
}

#[cfg(test)]
mod tests;
