//! The impact of a change, shown before it is sent and again when staff
//! decide: cost, schedule, production and credit. One pure function, so
//! the page's live preview, the service and the REST API agree.

use super::diff::{diff, LineDiff, VersionDiff};
use super::Version;
use crate::orders::feasibility::Report;
use serde::{Deserialize, Serialize};
use time::Date;

/// What the impact needs besides the two versions.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ImpactContext {
    /// The feasibility check of the proposed version, made without the
    /// order's own current booking (it would compete with itself).
    pub report: Report,
    /// The date the supplier promised for the current version.
    pub promised: Option<Date>,
    /// Lines already in production (their keys).
    pub in_production: Vec<i64>,
    /// The account's charge for changing a line already in production
    /// (per line; 0: none). A rule kept per account.
    pub change_charge_minor: i64,
    pub credit_limit_minor: i64,
    /// The value of the account's other open orders.
    pub other_open_minor: i64,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct Impact {
    pub diff: VersionDiff,
    /// New total minus old total, the charge not included.
    pub cost_delta_minor: i64,
    /// Charges for lines changed while in production.
    pub charge_minor: i64,
    /// Lines changed or removed while in production.
    pub in_production: Vec<i64>,
    /// The earliest date the proposed version fits, if any within the horizon.
    pub earliest: Option<Date>,
    pub promised: Option<Date>,
    /// Days the earliest date falls after the promised one (negative: before).
    pub shift_days: Option<i64>,
    /// Every line can be delivered on its date.
    pub dates_feasible: bool,
    /// Complete and every line valid (MOQ, packs, products).
    pub acceptable: bool,
    /// The account's open value after the change, and whether it passes the limit.
    pub open_after_minor: i64,
    pub over_credit: bool,
}

/// The impact of going from `base` to `proposed`.
pub fn impact(base: &Version, proposed: &Version, ctx: &ImpactContext) -> Impact {
    let diff = diff(base, proposed);
    let in_production: Vec<i64> = diff.lines.iter().filter(|d| !matches!(d, LineDiff::Added { .. })).map(LineDiff::line_key).filter(|k| ctx.in_production.contains(k)).collect();
    let charge_minor = ctx.change_charge_minor.saturating_mul(in_production.len() as i64);
    let earliest = ctx.report.order_earliest;
    let shift_days = match (earliest, ctx.promised) {
        (Some(e), Some(p)) => Some((e - p).whole_days()),
        _ => None,
    };
    let open_after_minor = ctx.other_open_minor.saturating_add(proposed.total_minor()).saturating_add(charge_minor);
    Impact {
        cost_delta_minor: diff.total_after_minor.saturating_sub(diff.total_before_minor),
        diff,
        charge_minor,
        in_production,
        earliest,
        promised: ctx.promised,
        shift_days,
        dates_feasible: ctx.report.dates_feasible(),
        acceptable: ctx.report.submittable(),
        open_after_minor,
        over_credit: open_after_minor > ctx.credit_limit_minor,
    }
}
