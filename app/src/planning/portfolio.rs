//! The staff portfolio: every planned order in scope as one bar across a
//! date window — from its first planned start to its last end, the part
//! already done darker, its promise marked — filtered by account, status
//! and window, zoomed by week or month. The window and its ticks are
//! worked out here, pure, so the chart and its tests agree.

use crate::orders::OrderStatus;
use serde::{Deserialize, Serialize};
use time::{Date, Duration, Month};

/// Orders drawn at most on one chart (the rest are counted, not drawn).
pub const PORTFOLIO_MAX: usize = 1_000;
/// The widest window, in days.
pub const WINDOW_MAX_DAYS: i64 = 400;

#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum Zoom {
    #[default]
    Week,
    Month,
}

impl Zoom {
    pub fn as_str(self) -> &'static str {
        match self {
            Zoom::Week => "week",
            Zoom::Month => "month",
        }
    }

    pub fn parse(s: &str) -> Option<Zoom> {
        match s {
            "week" => Some(Zoom::Week),
            "month" => Some(Zoom::Month),
            _ => None,
        }
    }

    /// The window shown when none is asked for: a few weeks back and a
    /// quarter ahead by week; a month back and half a year ahead by month.
    pub fn default_window(self, today: Date) -> (Date, Date) {
        match self {
            Zoom::Week => (today - Duration::days(14), today + Duration::days(70)),
            Zoom::Month => (today - Duration::days(31), today + Duration::days(183)),
        }
    }
}

/// What the portfolio asks for.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct PortfolioFilter {
    pub account_id: Option<i64>,
    pub status: Option<OrderStatus>,
    pub from: Option<Date>,
    pub to: Option<Date>,
    pub zoom: Zoom,
    /// Only orders at risk or late.
    pub at_risk: bool,
}

impl PortfolioFilter {
    /// The window to draw: the one asked for, else the zoom's default; a
    /// reversed one is put the right way round, a too-wide one cut to
    /// [`WINDOW_MAX_DAYS`] from its start.
    pub fn window(&self, today: Date) -> (Date, Date) {
        let (default_from, default_to) = self.zoom.default_window(today);
        let (from, to) = match (self.from, self.to) {
            (Some(f), Some(t)) if t < f => (t, f),
            (f, t) => (f.unwrap_or(default_from), t.unwrap_or(default_to)),
        };
        let to = if to <= from { from + Duration::days(1) } else { to };
        (from, to.min(from + Duration::days(WINDOW_MAX_DAYS)))
    }
}

/// One order's bar.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct PortfolioRow {
    pub order_id: i64,
    pub number: String,
    pub account_code: String,
    pub status: OrderStatus,
    pub promised_date: Option<Date>,
    /// The first planned start.
    pub start: Date,
    /// The last planned (or actual, if later) end.
    pub end: Date,
    /// The latest actual end of its stages: how far it has come.
    pub done_until: Option<Date>,
    /// A milestone ends after the promise (`planning::at_risk`).
    pub at_risk: bool,
    /// Promised before today and not yet delivered.
    pub late: bool,
}

/// The chart's data.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct Portfolio {
    pub rows: Vec<PortfolioRow>,
    /// Orders matching, drawn or not (more than [`PORTFOLIO_MAX`] are cut).
    pub matching: i64,
    pub from: Date,
    pub to: Date,
    pub today: Date,
    pub zoom: Zoom,
    /// The accounts in scope, for the filter (id, code).
    pub accounts: Vec<(i64, String)>,
}

/// Is an order past its promise without having arrived?
pub fn is_late(status: OrderStatus, promised: Option<Date>, today: Date) -> bool {
    use OrderStatus::*;
    promised.is_some_and(|p| p < today) && !matches!(status, Delivered | Accepted | Closed | Cancelled | Rejected)
}

/// The chart's ticks across a window: Mondays by week, first days of the
/// month by month; at most about 20, whatever the window.
pub fn ticks(from: Date, to: Date, zoom: Zoom) -> Vec<Date> {
    let mut out = Vec::new();
    match zoom {
        Zoom::Week => {
            let span = (to - from).whole_days().max(1);
            let step = 7 * (span / (7 * 20) + 1);
            let mut d = from + Duration::days((7 - from.weekday().number_days_from_monday() as i64) % 7);
            while d <= to {
                out.push(d);
                d += Duration::days(step);
            }
        }
        Zoom::Month => {
            let mut d = Date::from_calendar_date(from.year(), from.month(), 1).unwrap_or(from);
            if d < from {
                d = next_month(d);
            }
            while d <= to && out.len() < 20 {
                out.push(d);
                d = next_month(d);
            }
        }
    }
    out
}

fn next_month(d: Date) -> Date {
    let (y, m) = if d.month() == Month::December { (d.year() + 1, Month::January) } else { (d.year(), d.month().next()) };
    Date::from_calendar_date(y, m, 1).unwrap_or(d)
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;
    use time::macros::date;

    const TODAY: Date = date!(2026 - 12 - 03);

    #[test]
    fn the_window_defaults_by_zoom_and_is_bounded() {
        let week = PortfolioFilter::default();
        assert_eq!(week.window(TODAY), (date!(2026 - 11 - 19), date!(2027 - 02 - 11)));
        let month = PortfolioFilter { zoom: Zoom::Month, ..Default::default() };
        assert_eq!(month.window(TODAY).0, date!(2026 - 11 - 02));
        let reversed = PortfolioFilter { from: Some(date!(2027 - 01 - 10)), to: Some(date!(2027 - 01 - 01)), ..Default::default() };
        assert_eq!(reversed.window(TODAY), (date!(2027 - 01 - 01), date!(2027 - 01 - 10)));
        let wide = PortfolioFilter { from: Some(date!(2020 - 01 - 01)), to: Some(date!(2030 - 01 - 01)), ..Default::default() };
        assert_eq!(wide.window(TODAY).1, date!(2020 - 01 - 01) + Duration::days(WINDOW_MAX_DAYS));
    }

    #[test]
    fn ticks_fall_on_mondays_or_first_days() {
        let weeks = ticks(date!(2026 - 12 - 03), date!(2027 - 01 - 31), Zoom::Week);
        assert_eq!(weeks.first(), Some(&date!(2026 - 12 - 07)));
        assert!(weeks.iter().all(|d| d.weekday() == time::Weekday::Monday));
        let months = ticks(date!(2026 - 11 - 15), date!(2027 - 03 - 01), Zoom::Month);
        assert_eq!(months, vec![date!(2026 - 12 - 01), date!(2027 - 01 - 01), date!(2027 - 02 - 01), date!(2027 - 03 - 01)]);
    }

    #[test]
    fn late_means_past_the_promise_and_not_arrived() {
        assert!(is_late(OrderStatus::InProduction, Some(TODAY - Duration::days(1)), TODAY));
        assert!(!is_late(OrderStatus::Delivered, Some(TODAY - Duration::days(1)), TODAY));
        assert!(!is_late(OrderStatus::InProduction, Some(TODAY), TODAY));
        assert!(!is_late(OrderStatus::Confirmed, None, TODAY));
    }

    proptest! {
        #[test]
        fn any_window_is_ordered_bounded_and_has_few_ticks(a in -3000i64..3000, b in -3000i64..3000, month in any::<bool>()) {
            let zoom = if month { Zoom::Month } else { Zoom::Week };
            let f = PortfolioFilter { from: Some(TODAY + Duration::days(a)), to: Some(TODAY + Duration::days(b)), zoom, ..Default::default() };
            let (from, to) = f.window(TODAY);
            prop_assert!(from < to && (to - from).whole_days() <= WINDOW_MAX_DAYS);
            let ts = ticks(from, to, zoom);
            prop_assert!(ts.len() <= 21);
            prop_assert!(ts.iter().all(|d| *d >= from && *d <= to));
        }
    }
}
