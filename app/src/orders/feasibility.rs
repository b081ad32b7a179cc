//! The live feasibility check of an order: one pure function, run by the
//! browser while the buyer types and by the server on submit and review, so
//! both always agree.
//!
//! # The capacity model
//!
//! Production is planned in weeks (Monday to Sunday). Each product has a
//! `weekly_capacity` and a `lead_time_days`.
//!
//! * **Load.** Every open line books its quantity in the week of its
//!   delivery date: `load(p, w)` is the quantity of product `p` already due in
//!   week `w` ([`Booked`]).
//! * **Window.** A product ordered in quantity `Q` (all of this order's lines
//!   of it) is produced in the `n` weeks ending with the delivery week, where
//!   `n = max(1, ceil(lead_time_days / 7), ceil(Q / weekly_capacity))` — long
//!   lead times and big quantities need more weeks. Weeks before the current
//!   week are gone and give no capacity.
//! * **Capacity rule.** The line fits on `D` when the load already due in the
//!   window plus `q` is at most `weekly_capacity` × the number of window weeks
//!   not yet past.
//! * **Lead time rule.** `D` is at least `today + lead_time_days`.
//! * **Horizon.** Dates are looked for up to [`HORIZON_DAYS`] after today and
//!   no further: a date asked for beyond it, or an order that fits nowhere
//!   before it, is reported as such instead of searched for.
//!
//! A date that breaks the capacity or lead time rule is not an error: the
//! report says which rule, and offers the earliest date (on or after the one
//! asked for) that keeps both, when there is one within the horizon.
//!
//! # Bounded work
//!
//! The capacity rule gives the same answer for every day of a week, so the
//! search steps a week at a time, and a window's load is a range sum over
//! the product's booked weeks (never a walk over its `n` weeks). The work is
//! therefore at most (lines + products × rounds) × horizon weeks, whatever
//! the quantities: [`check_counted`] counts it, and a property test bounds it.
//!
//! Lines of one product in one order share capacity: each line is checked
//! with the lines before it already booked. The whole order's earliest date
//! is the first day on which every product's total fits at once.

use serde::{Deserialize, Serialize};
use std::collections::{BTreeMap, HashMap};
use time::{Date, Duration};

/// How far ahead the check looks for a feasible date: two years.
pub const HORIZON_DAYS: i64 = 731;

/// What the check needs to know about a product (at the account's price).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ProductRules {
    pub product_id: i64,
    pub moq: i64,
    pub pack_multiple: i64,
    pub lead_time_days: i64,
    pub weekly_capacity: i64,
    pub unit_price_minor: i64,
}

/// One line as typed: the product (None when the SKU is unknown), the
/// quantity, and its own delivery date if it differs from the order's.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct LineRequest {
    pub product: Option<ProductRules>,
    pub quantity: i64,
    pub requested: Option<Date>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct OrderRequest {
    pub lines: Vec<LineRequest>,
    pub requested: Option<Date>,
    pub has_site: bool,
    pub has_po_number: bool,
    pub today: Date,
    pub credit_limit_minor: i64,
    /// Value of the account's other open orders.
    pub open_value_minor: i64,
}

/// Quantity already due per product and week (product → week → quantity).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Booked(pub HashMap<i64, BTreeMap<i64, i64>>);

impl Booked {
    pub fn add(&mut self, product_id: i64, date: Date, quantity: i64) {
        let due = self.0.entry(product_id).or_default().entry(week(date)).or_default();
        *due = due.saturating_add(quantity);
    }
    /// The load due in weeks `first..=last` (a range sum, however wide).
    fn load(&self, product_id: i64, first: i64, last: i64) -> i64 {
        match self.0.get(&product_id) {
            Some(weeks) if first <= last => weeks.range(first..=last).fold(0i64, |sum, (_, q)| sum.saturating_add(*q)),
            _ => 0,
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub enum HeaderIssue {
    NoLines,
    NoSite,
    NoDate,
    NoPoNumber,
    DateInPast,
    /// The date asked for is past the horizon.
    DateBeyondHorizon,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub enum LineIssue {
    UnknownProduct,
    QuantityNotPositive,
    /// Above [`crate::limits::MAX_QUANTITY`].
    QuantityTooLarge,
    BelowMinimum {
        moq: i64,
    },
    NotPackMultiple {
        pack: i64,
    },
    /// Too soon for the lead time; the earliest date is in the line report.
    LeadTime,
    /// Not enough free capacity in the window; the earliest date is in the line report.
    Capacity,
    /// The line's own date is past the horizon.
    DateBeyondHorizon,
    /// No date within the horizon fits (lower the quantity or split the order).
    NoDateWithinHorizon,
}

impl LineIssue {
    /// Issues that stop a submit. Date issues do not: they go to review with
    /// the offered date — unless there is no date to offer.
    pub fn blocks(self) -> bool {
        !matches!(self, LineIssue::LeadTime | LineIssue::Capacity)
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct LineReport {
    pub issues: Vec<LineIssue>,
    /// The date the line was checked for.
    pub date: Option<Date>,
    /// The earliest feasible date on or after it (None when the line cannot
    /// be checked, or nothing fits within the horizon).
    pub earliest: Option<Date>,
    pub amount_minor: i64,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct Report {
    pub header: Vec<HeaderIssue>,
    pub lines: Vec<LineReport>,
    /// The first day on which the whole order fits at once.
    pub order_earliest: Option<Date>,
    pub total_minor: i64,
    /// The credit left after this order (negative: over the limit).
    pub credit_left_minor: i64,
}

impl Report {
    /// Complete and every line valid: may be submitted (date and credit
    /// issues go to review as flags).
    pub fn submittable(&self) -> bool {
        self.header.is_empty() && self.lines.iter().all(|l| l.issues.iter().all(|i| !i.blocks()))
    }
    /// Every line can be delivered on its date.
    pub fn dates_feasible(&self) -> bool {
        self.lines.iter().all(|l| !l.issues.iter().any(|i| matches!(i, LineIssue::LeadTime | LineIssue::Capacity)))
    }
    pub fn over_credit(&self) -> bool {
        self.credit_left_minor < 0
    }
}

/// Monday-based week number (Julian day 0 was a Monday).
pub fn week(date: Date) -> i64 {
    i64::from(date.to_julian_day()).div_euclid(7)
}

/// The Monday of week `w`.
fn monday(w: i64) -> Option<Date> {
    i32::try_from(w.checked_mul(7)?).ok().and_then(|jd| Date::from_julian_day(jd).ok())
}

/// The last day the check looks at.
pub fn horizon(today: Date) -> Date {
    today.checked_add(Duration::days(HORIZON_DAYS)).unwrap_or(Date::MAX)
}

/// Weeks of production a line needs (see the module docs).
pub fn window_weeks(p: &ProductRules, quantity: i64) -> i64 {
    let cap = p.weekly_capacity.max(1);
    let ceil_div = |a: i64, b: i64| a.max(0).saturating_add(b - 1) / b;
    1.max(ceil_div(p.lead_time_days, 7)).max(ceil_div(quantity, cap))
}

/// The first day the lead time allows (None: past the calendar's end).
/// A lead time beyond the horizon counts as just beyond it: nothing fits
/// either way, and `Duration::days` would overflow on absurd values.
fn lead_time_ready(p: &ProductRules, today: Date) -> Option<Date> {
    today.checked_add(Duration::days(p.lead_time_days.clamp(0, HORIZON_DAYS + 7)))
}

/// Does `quantity` produced in the `n` weeks ending with week `last` fit?
/// Counts one step of work.
fn fits_in_week(p: &ProductRules, quantity: i64, n: i64, last: i64, today: Date, booked: &Booked, work: &mut u64) -> bool {
    *work += 1;
    let first = last.saturating_sub(n - 1);
    let live_weeks = (last - first.max(week(today)) + 1).max(0);
    let load = booked.load(p.product_id, first, last);
    // i128: capacity × weeks and load + quantity never overflow
    i128::from(load) + i128::from(quantity) <= i128::from(p.weekly_capacity) * i128::from(live_weeks)
}

/// Why a date does not work for `quantity` produced in `n` weeks, if it does not.
pub fn date_issue(p: &ProductRules, quantity: i64, n: i64, date: Date, today: Date, booked: &Booked) -> Option<LineIssue> {
    date_issue_counted(p, quantity, n, date, today, booked, &mut 0)
}

fn date_issue_counted(p: &ProductRules, quantity: i64, n: i64, date: Date, today: Date, booked: &Booked, work: &mut u64) -> Option<LineIssue> {
    match lead_time_ready(p, today) {
        Some(ready) if date >= ready => {}
        _ => return Some(LineIssue::LeadTime),
    }
    (!fits_in_week(p, quantity, n, week(date), today, booked, work)).then_some(LineIssue::Capacity)
}

/// The earliest date on or after `from`, and within the horizon, that keeps
/// both rules for `quantity` produced in `n` weeks; None when there is none.
pub fn earliest(p: &ProductRules, quantity: i64, n: i64, from: Date, today: Date, booked: &Booked) -> Option<Date> {
    earliest_counted(p, quantity, n, from, today, booked, &mut 0)
}

fn earliest_counted(p: &ProductRules, quantity: i64, n: i64, from: Date, today: Date, booked: &Booked, work: &mut u64) -> Option<Date> {
    let start = from.max(lead_time_ready(p, today)?);
    let end = horizon(today);
    // Every day of a week gives the capacity rule the same answer: the
    // first fitting week's first allowed day is the earliest date.
    (week(start)..=week(end)).find(|w| fits_in_week(p, quantity, n, *w, today, booked, work)).and_then(|w| Some(start.max(monday(w)?))).filter(|d| *d <= end)
}

/// Checks a whole order against the products' rules, the booked load and the credit.
pub fn check(order: &OrderRequest, booked: &Booked) -> Report {
    check_counted(order, booked).0
}

/// [`check`], with the steps of work it took (capacity evaluations).
pub fn check_counted(order: &OrderRequest, booked: &Booked) -> (Report, u64) {
    let mut work = 0u64;
    let end = horizon(order.today);
    let mut header = Vec::new();
    if order.lines.is_empty() {
        header.push(HeaderIssue::NoLines);
    }
    if !order.has_site {
        header.push(HeaderIssue::NoSite);
    }
    if !order.has_po_number {
        header.push(HeaderIssue::NoPoNumber);
    }
    match order.requested {
        None => header.push(HeaderIssue::NoDate),
        Some(d) if d < order.today => header.push(HeaderIssue::DateInPast),
        Some(d) if d > end => header.push(HeaderIssue::DateBeyondHorizon),
        Some(_) => {}
    }

    // Each product's window is sized by its total in this order, so a line
    // and the order as a whole are judged alike.
    let mut order_qty: HashMap<i64, i64> = HashMap::new();
    for line in &order.lines {
        if let (Some(p), true) = (&line.product, line.quantity > 0) {
            let total = order_qty.entry(p.product_id).or_default();
            *total = total.saturating_add(line.quantity);
        }
    }
    // Lines of this order book capacity for the lines after them.
    let mut running = booked.clone();
    let mut lines = Vec::with_capacity(order.lines.len());
    for line in &order.lines {
        let mut issues = Vec::new();
        let date = line.requested.or(order.requested);
        let Some(p) = &line.product else {
            issues.push(LineIssue::UnknownProduct);
            lines.push(LineReport { issues, date, earliest: None, amount_minor: 0 });
            continue;
        };
        if line.quantity <= 0 {
            issues.push(LineIssue::QuantityNotPositive);
        } else if line.quantity > crate::limits::MAX_QUANTITY {
            issues.push(LineIssue::QuantityTooLarge);
        } else {
            if line.quantity < p.moq {
                issues.push(LineIssue::BelowMinimum { moq: p.moq });
            }
            if line.quantity % p.pack_multiple.max(1) != 0 {
                issues.push(LineIssue::NotPackMultiple { pack: p.pack_multiple });
            }
        }
        let amount_minor = line.quantity.max(0).saturating_mul(p.unit_price_minor);
        let mut earliest_date = None;
        let checkable = line.quantity > 0 && line.quantity <= crate::limits::MAX_QUANTITY;
        match date {
            Some(d) if d > end => issues.push(LineIssue::DateBeyondHorizon),
            Some(d) if checkable => {
                let n = window_weeks(p, order_qty[&p.product_id]);
                if let Some(issue) = date_issue_counted(p, line.quantity, n, d, order.today, &running, &mut work) {
                    issues.push(issue);
                }
                earliest_date = earliest_counted(p, line.quantity, n, d.max(order.today), order.today, &running, &mut work);
                match earliest_date {
                    // it will be delivered on its date if that works, else on the offered one
                    Some(e) => running.add(p.product_id, if issues.iter().any(|i| !i.blocks()) { e } else { d }, line.quantity),
                    None => {
                        issues.retain(|i| i.blocks());
                        issues.push(LineIssue::NoDateWithinHorizon);
                    }
                }
            }
            _ => {}
        }
        lines.push(LineReport { issues, date, earliest: earliest_date, amount_minor });
    }

    let total_minor = lines.iter().map(|l| l.amount_minor).fold(0i64, i64::saturating_add);
    let order_earliest = order_earliest(order, booked, &mut work);
    let report =
        Report { header, order_earliest, lines, total_minor, credit_left_minor: order.credit_limit_minor.saturating_sub(order.open_value_minor).saturating_sub(total_minor) };
    (report, work)
}

/// The first day (on or after the requested date, or today) on which every
/// product's total quantity in this order fits at once: the first week in
/// which all of them fit, from the day every lead time allows.
fn order_earliest(order: &OrderRequest, booked: &Booked, work: &mut u64) -> Option<Date> {
    let mut totals: BTreeMap<i64, (ProductRules, i64)> = BTreeMap::new();
    for line in &order.lines {
        let p = line.product.as_ref()?;
        if line.quantity <= 0 || line.quantity > crate::limits::MAX_QUANTITY {
            return None;
        }
        let total = &mut totals.entry(p.product_id).or_insert_with(|| (p.clone(), 0)).1;
        *total = total.saturating_add(line.quantity);
    }
    let mut start = order.requested.unwrap_or(order.today).max(order.today);
    for (p, _) in totals.values() {
        start = start.max(lead_time_ready(p, order.today)?);
    }
    let end = horizon(order.today);
    if totals.is_empty() || start > end {
        return None;
    }
    (week(start)..=week(end))
        .find(|w| totals.values().all(|(p, q)| fits_in_week(p, *q, window_weeks(p, *q), *w, order.today, booked, work)))
        .and_then(|w| Some(start.max(monday(w)?)))
        .filter(|d| *d <= end)
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;
    use time::macros::date;

    const TODAY: Date = date!(2026 - 11 - 26); // a Thursday

    fn product(id: i64, lead: i64, cap: i64) -> ProductRules {
        ProductRules { product_id: id, moq: 100, pack_multiple: 50, lead_time_days: lead, weekly_capacity: cap, unit_price_minor: 250 }
    }

    fn order(lines: Vec<LineRequest>, requested: Date) -> OrderRequest {
        OrderRequest { lines, requested: Some(requested), has_site: true, has_po_number: true, today: TODAY, credit_limit_minor: 10_000_000, open_value_minor: 0 }
    }

    fn line(p: &ProductRules, q: i64) -> LineRequest {
        LineRequest { product: Some(p.clone()), quantity: q, requested: None }
    }

    #[test]
    fn weeks_start_on_monday() {
        assert_eq!(week(date!(2026 - 11 - 23)), week(date!(2026 - 11 - 29)));
        assert_eq!(week(date!(2026 - 11 - 29)) + 1, week(date!(2026 - 11 - 30)));
    }

    #[test]
    fn lead_time_is_flagged_with_the_first_good_date() {
        let p = product(1, 14, 10_000);
        let r = check(&order(vec![line(&p, 500)], TODAY + Duration::days(3)), &Booked::default());
        assert_eq!(r.lines[0].issues, vec![LineIssue::LeadTime]);
        assert_eq!(r.lines[0].earliest, Some(TODAY + Duration::days(14)));
        assert!(r.lines[0].earliest.unwrap() <= horizon(TODAY));
        assert_eq!(r.order_earliest, Some(TODAY + Duration::days(14)));
        assert!(r.submittable(), "a date issue does not block submitting");
        assert!(!r.dates_feasible());
    }

    #[test]
    fn booked_load_pushes_the_date_out() {
        let p = product(1, 7, 1_000);
        let wanted = date!(2026 - 12 - 16);
        let mut booked = Booked::default();
        // the two weeks before and of the wanted date are full
        for d in [date!(2026 - 12 - 02), date!(2026 - 12 - 09), date!(2026 - 12 - 16)] {
            booked.add(1, d, 1_000);
        }
        let r = check(&order(vec![line(&p, 500)], wanted), &booked);
        assert_eq!(r.lines[0].issues, vec![LineIssue::Capacity]);
        let e = r.lines[0].earliest.unwrap();
        assert!(e > wanted);
        assert_eq!(date_issue(&p, 500, window_weeks(&p, 500), e, TODAY, &booked), None);
    }

    #[test]
    fn nothing_within_the_horizon_is_said_not_searched() {
        // 100 a week for two years is ~10,500: ten million never fits
        let p = ProductRules { product_id: 1, moq: 1, pack_multiple: 1, lead_time_days: 7, weekly_capacity: 100, unit_price_minor: 250 };
        let (r, work) = check_counted(&order(vec![line(&p, crate::limits::MAX_QUANTITY)], TODAY + Duration::days(30)), &Booked::default());
        assert_eq!(r.lines[0].issues, vec![LineIssue::NoDateWithinHorizon]);
        assert_eq!(r.lines[0].earliest, None);
        assert_eq!(r.order_earliest, None);
        assert!(!r.submittable(), "no date to offer: the buyer must change the order");
        assert!(work <= 3 * (HORIZON_DAYS as u64 / 7 + 2), "work {work}");
        // a date past the horizon is refused, not searched from
        let far = TODAY + Duration::days(HORIZON_DAYS + 1);
        let r = check(&order(vec![LineRequest { product: Some(p.clone()), quantity: 100, requested: Some(far) }], far), &Booked::default());
        assert_eq!(r.header, vec![HeaderIssue::DateBeyondHorizon]);
        assert_eq!(r.lines[0].issues, vec![LineIssue::DateBeyondHorizon]);
    }

    #[test]
    fn the_calendar_end_does_not_panic() {
        let p = ProductRules { product_id: 1, moq: 1, pack_multiple: 1, lead_time_days: i64::MAX, weekly_capacity: i64::MAX, unit_price_minor: i64::MAX };
        let today = Date::MAX - Duration::days(3);
        let mut o = order(vec![line(&p, crate::limits::MAX_QUANTITY), line(&p, 1)], Date::MAX);
        o.today = today;
        let r = check(&o, &Booked::default());
        assert_eq!(r.lines[0].earliest, None);
        assert_eq!(r.total_minor, i64::MAX, "money saturates, never wraps");
        let p = ProductRules { lead_time_days: 0, weekly_capacity: 1, ..p };
        let r = check(&OrderRequest { lines: vec![line(&p, 1)], ..o }, &Booked::default());
        assert!(r.lines[0].earliest.is_some_and(|d| d >= today));
    }

    #[test]
    fn lines_of_one_product_share_capacity() {
        let p = product(1, 7, 1_000);
        let wanted = date!(2026 - 12 - 16);
        // 2,000 in the order: a two-week window, of which another order took half
        let mut booked = Booked::default();
        booked.add(1, date!(2026 - 12 - 09), 1_000);
        let r = check(&order(vec![line(&p, 1_000), line(&p, 1_000)], wanted), &booked);
        assert!(r.lines[0].issues.is_empty());
        assert_eq!(r.lines[1].issues, vec![LineIssue::Capacity], "the first line took what was left");
        let whole = r.order_earliest.unwrap();
        assert!(whole > wanted);
        assert_eq!(r.lines[1].earliest, Some(whole), "the line and the order agree");
        // without the other order both lines fit, and the order agrees
        let r = check(&order(vec![line(&p, 1_000), line(&p, 1_000)], wanted), &Booked::default());
        assert!(r.dates_feasible());
        assert_eq!(r.order_earliest, Some(wanted));
    }

    #[test]
    fn line_rules_and_totals() {
        let p = product(1, 0, 100_000);
        let lines = vec![line(&p, 120), line(&p, 50), line(&p, 0), LineRequest { product: None, quantity: 5, requested: None }, line(&p, 200)];
        let r = check(&order(lines, TODAY + Duration::days(30)), &Booked::default());
        assert_eq!(r.lines[0].issues, vec![LineIssue::NotPackMultiple { pack: 50 }]);
        assert_eq!(r.lines[1].issues, vec![LineIssue::BelowMinimum { moq: 100 }]);
        assert_eq!(r.lines[2].issues, vec![LineIssue::QuantityNotPositive]);
        assert_eq!(r.lines[3].issues, vec![LineIssue::UnknownProduct]);
        assert!(r.lines[4].issues.is_empty());
        assert_eq!(r.total_minor, (120 + 50 + 200) * 250);
        assert!(!r.submittable());
    }

    #[test]
    fn header_completeness_and_credit() {
        let p = product(1, 0, 100_000);
        let mut o = order(vec![], TODAY - Duration::days(1));
        o.has_site = false;
        o.has_po_number = false;
        let r = check(&o, &Booked::default());
        assert_eq!(r.header, vec![HeaderIssue::NoLines, HeaderIssue::NoSite, HeaderIssue::NoPoNumber, HeaderIssue::DateInPast]);
        let mut o = order(vec![line(&p, 1_000)], TODAY + Duration::days(10));
        o.credit_limit_minor = 300_000;
        o.open_value_minor = 100_000;
        let r = check(&o, &Booked::default());
        assert_eq!(r.credit_left_minor, 300_000 - 100_000 - 250_000);
        assert!(r.over_credit());
        assert!(r.submittable(), "credit is for the account manager to judge");
    }

    fn arb_booked() -> impl Strategy<Value = Booked> {
        proptest::collection::vec((0i64..3, 0i64..20, 0i64..3_000), 0..40).prop_map(|rows| {
            let mut b = Booked::default();
            for (p, offset_weeks, q) in rows {
                b.add(p, TODAY + Duration::weeks(offset_weeks), q);
            }
            b
        })
    }

    proptest! {
        /// The offered date works, and no earlier date on or after the one
        /// asked for does.
        #[test]
        fn earliest_is_feasible_and_nothing_earlier_is(
            booked in arb_booked(),
            pid in 0i64..3,
            lead in 0i64..40,
            cap in 1i64..2_000,
            q in 1i64..6_000,
            from_offset in 0i64..60,
        ) {
            let p = ProductRules { product_id: pid, moq: 1, pack_multiple: 1, lead_time_days: lead, weekly_capacity: cap, unit_price_minor: 1 };
            let from = TODAY + Duration::days(from_offset);
            let n = window_weeks(&p, q);
            let found = earliest(&p, q, n, from, TODAY, &booked);
            if let Some(e) = found {
                prop_assert!(e >= from && e <= horizon(TODAY));
                prop_assert_eq!(date_issue(&p, q, n, e, TODAY, &booked), None);
            }
            // nothing before it (or, when none was found, nothing within the horizon) works
            let mut d = from;
            while d < found.unwrap_or(horizon(TODAY) + Duration::days(1)) {
                prop_assert!(date_issue(&p, q, n, d, TODAY, &booked).is_some(), "{} is feasible but {:?} was offered", d, found);
                d += Duration::days(1);
            }
        }

        /// Any order the API accepts (within the bounds of `crate::limits`)
        /// is answered within a bounded number of steps, whatever its
        /// quantities, lead times and dates: proportional to the horizon's
        /// weeks, never to quantity × days.
        #[test]
        fn work_is_bounded_by_lines_and_horizon(
            booked in arb_booked(),
            lines in proptest::collection::vec(
                (0i64..8, 1i64..=crate::limits::MAX_QUANTITY, 0i64..5_000, 1i64..1_000_000, proptest::option::of(0i64..800)),
                1..40,
            ),
            requested in 0i64..800,
        ) {
            let lines: Vec<LineRequest> = lines.into_iter().map(|(pid, q, lead, cap, own)| LineRequest {
                product: Some(ProductRules { product_id: pid, moq: 1, pack_multiple: 1, lead_time_days: lead, weekly_capacity: cap, unit_price_minor: 99 }),
                quantity: q,
                requested: own.map(|o| TODAY + Duration::days(o)),
            }).collect();
            let n_lines = lines.len() as u64;
            let (_, work) = check_counted(&order(lines, TODAY + Duration::days(requested)), &booked);
            let weeks = HORIZON_DAYS as u64 / 7 + 2;
            // each line: one check of its date and one search; the order: one
            // search testing each product (at most one per line) per week
            prop_assert!(work <= n_lines * (weeks + 1) + n_lines * weeks, "work {} for {} lines", work, n_lines);
        }

        /// The whole order's date fits every product's total at once, and
        /// totals always balance with the lines.
        #[test]
        fn order_date_fits_every_product(
            booked in arb_booked(),
            qs in proptest::collection::vec((0i64..3, 1i64..40), 1..6),
        ) {
            let products: Vec<ProductRules> = (0..3).map(|id| ProductRules { product_id: id, moq: 1, pack_multiple: 1, lead_time_days: 7 * id, weekly_capacity: 500, unit_price_minor: 10 + id }).collect();
            let lines: Vec<LineRequest> = qs.iter().map(|(pid, n)| LineRequest { product: Some(products[*pid as usize].clone()), quantity: n * 25, requested: None }).collect();
            let r = check(&order(lines.clone(), TODAY + Duration::days(5)), &booked);
            let d = r.order_earliest.expect("a date always exists");
            let mut totals: HashMap<i64, i64> = HashMap::new();
            for l in &lines { *totals.entry(l.product.as_ref().unwrap().product_id).or_default() += l.quantity; }
            for (pid, q) in totals {
                let p = &products[pid as usize];
                prop_assert_eq!(date_issue(p, q, window_weeks(p, q), d, TODAY, &booked), None);
            }
            let sum: i64 = lines.iter().map(|l| l.quantity * l.product.as_ref().unwrap().unit_price_minor).sum();
            prop_assert_eq!(r.total_minor, sum);
            prop_assert_eq!(r.lines.iter().map(|l| l.amount_minor).sum::<i64>(), r.total_minor);
        }
    }
}
