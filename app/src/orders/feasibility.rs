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
//!
//! A date that breaks either rule is not an error: the report says which
//! rule, and offers the earliest date (on or after the one asked for) that
//! keeps both. One always exists: past the last booked week the window is
//! empty and `n × weekly_capacity ≥ q` by the choice of `n`.
//!
//! Lines of one product in one order share capacity: each line is checked
//! with the lines before it already booked. The whole order's earliest date
//! is the first day on which every product's total fits at once.

use serde::{Deserialize, Serialize};
use std::collections::{BTreeMap, HashMap};
use time::{Date, Duration};

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

/// Quantity already due per (product, week).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Booked(pub HashMap<(i64, i64), i64>);

impl Booked {
    pub fn add(&mut self, product_id: i64, date: Date, quantity: i64) {
        *self.0.entry((product_id, week(date))).or_default() += quantity;
    }
    fn load(&self, product_id: i64, week: i64) -> i64 {
        self.0.get(&(product_id, week)).copied().unwrap_or(0)
    }
    fn last_week(&self, product_id: i64) -> Option<i64> {
        self.0.keys().filter(|(p, _)| *p == product_id).map(|(_, w)| *w).max()
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum HeaderIssue {
    NoLines,
    NoSite,
    NoDate,
    NoPoNumber,
    DateInPast,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum LineIssue {
    UnknownProduct,
    QuantityNotPositive,
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
}

impl LineIssue {
    /// Issues that stop a submit. Date issues do not: they go to review with
    /// the offered date.
    pub fn blocks(self) -> bool {
        !matches!(self, LineIssue::LeadTime | LineIssue::Capacity)
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct LineReport {
    pub issues: Vec<LineIssue>,
    /// The date the line was checked for.
    pub date: Option<Date>,
    /// The earliest feasible date on or after it (None when the line cannot be checked).
    pub earliest: Option<Date>,
    pub amount_minor: i64,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
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

/// Weeks of production a line needs (see the module docs).
pub fn window_weeks(p: &ProductRules, quantity: i64) -> i64 {
    let cap = p.weekly_capacity.max(1);
    1.max((p.lead_time_days + 6) / 7).max((quantity + cap - 1) / cap)
}

/// Why a date does not work for `quantity` produced in `n` weeks, if it does not.
pub fn date_issue(p: &ProductRules, quantity: i64, n: i64, date: Date, today: Date, booked: &Booked) -> Option<LineIssue> {
    if date < today + Duration::days(p.lead_time_days) {
        return Some(LineIssue::LeadTime);
    }
    let (last, now) = (week(date), week(today));
    let weeks = (last - n + 1)..=last;
    let live_weeks = weeks.clone().filter(|w| *w >= now).count() as i64;
    let load: i64 = weeks.map(|w| booked.load(p.product_id, w)).sum();
    if load + quantity > p.weekly_capacity * live_weeks {
        Some(LineIssue::Capacity)
    } else {
        None
    }
}

/// The earliest date on or after `from` that keeps both rules for
/// `quantity` produced in `n` weeks (`n × weekly_capacity ≥ quantity`).
pub fn earliest(p: &ProductRules, quantity: i64, n: i64, from: Date, today: Date, booked: &Booked) -> Date {
    let start = from.max(today + Duration::days(p.lead_time_days));
    // Past this day the window holds no load at all, so it surely fits.
    let horizon_week = booked.last_week(p.product_id).unwrap_or(week(start)).max(week(start)) + n + 1;
    let mut day = start;
    while week(day) <= horizon_week {
        if date_issue(p, quantity, n, day, today, booked).is_none() {
            return day;
        }
        day += Duration::days(1);
    }
    day
}

/// Checks a whole order against the products' rules, the booked load and the credit.
pub fn check(order: &OrderRequest, booked: &Booked) -> Report {
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
        Some(_) => {}
    }

    // Each product's window is sized by its total in this order, so a line
    // and the order as a whole are judged alike.
    let mut order_qty: HashMap<i64, i64> = HashMap::new();
    for line in &order.lines {
        if let (Some(p), true) = (&line.product, line.quantity > 0) {
            *order_qty.entry(p.product_id).or_default() += line.quantity;
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
        if let (Some(d), true) = (date, line.quantity > 0) {
            let n = window_weeks(p, order_qty[&p.product_id]);
            if let Some(issue) = date_issue(p, line.quantity, n, d, order.today, &running) {
                issues.push(issue);
            }
            let e = earliest(p, line.quantity, n, d.max(order.today), order.today, &running);
            earliest_date = Some(e);
            // it will be delivered on its date if that works, else on the offered one
            let booked_on = if issues.iter().any(|i| !i.blocks()) { e } else { d };
            running.add(p.product_id, booked_on, line.quantity);
        }
        lines.push(LineReport { issues, date, earliest: earliest_date, amount_minor });
    }

    let total_minor = lines.iter().map(|l| l.amount_minor).fold(0i64, i64::saturating_add);
    Report {
        header,
        order_earliest: order_earliest(order, booked),
        lines,
        total_minor,
        credit_left_minor: order.credit_limit_minor.saturating_sub(order.open_value_minor).saturating_sub(total_minor),
    }
}

/// The first day (on or after the requested date, or today) on which every
/// product's total quantity in this order fits at once.
fn order_earliest(order: &OrderRequest, booked: &Booked) -> Option<Date> {
    let mut totals: BTreeMap<i64, (ProductRules, i64)> = BTreeMap::new();
    for line in &order.lines {
        let p = line.product.as_ref()?;
        if line.quantity <= 0 {
            return None;
        }
        totals.entry(p.product_id).or_insert_with(|| (p.clone(), 0)).1 += line.quantity;
    }
    if totals.is_empty() {
        return None;
    }
    let mut day = order.requested.unwrap_or(order.today).max(order.today);
    // Each product's own earliest date is a lower bound; jump to the largest
    // and re-check until all agree (a fixed point, reached in few rounds).
    loop {
        let next = totals.values().map(|(p, q)| earliest(p, *q, window_weeks(p, *q), day, order.today, booked)).max()?;
        if next == day {
            return Some(day);
        }
        day = next;
    }
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
            let e = earliest(&p, q, n, from, TODAY, &booked);
            prop_assert!(e >= from);
            prop_assert_eq!(date_issue(&p, q, n, e, TODAY, &booked), None);
            let mut d = from;
            while d < e {
                prop_assert!(date_issue(&p, q, n, d, TODAY, &booked).is_some(), "{} is feasible but {} was offered", d, e);
                d += Duration::days(1);
            }
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
