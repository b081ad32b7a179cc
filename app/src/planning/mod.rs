//! Planning: an order's production plan as milestones (materials,
//! production, QC, packing, shipping, delivery), each planned and actual,
//! with its department and a note. A default plan is made from the lead
//! time when an order is confirmed (the span from confirmation to the
//! promised date, shared out by [`SHARES`]); planners edit it. A milestone
//! whose planned or actual end passes the promised date puts the order at
//! risk. The plan is drawn as a Gantt chart in server-rendered SVG
//! (`pages::Gantt`), readable before the WASM loads.

pub mod pages;
pub mod portfolio;
#[cfg(feature = "ssr")]
pub mod server;
pub mod server_fns;

use crate::error::{FieldError, Invalid};
use serde::{Deserialize, Serialize};
use time::{Date, Duration};

/// A department's name, a milestone's note.
pub const DEPARTMENT_MAX: usize = 60;
pub const NOTE_MAX: usize = 500;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub enum Stage {
    Materials,
    Production,
    Qc,
    Packing,
    Shipping,
    Delivery,
}

impl Stage {
    pub const ALL: [Stage; 6] = [Stage::Materials, Stage::Production, Stage::Qc, Stage::Packing, Stage::Shipping, Stage::Delivery];

    pub fn as_str(self) -> &'static str {
        match self {
            Stage::Materials => "materials",
            Stage::Production => "production",
            Stage::Qc => "qc",
            Stage::Packing => "packing",
            Stage::Shipping => "shipping",
            Stage::Delivery => "delivery",
        }
    }

    pub fn parse(s: &str) -> Option<Stage> {
        Stage::ALL.into_iter().find(|m| m.as_str() == s)
    }

    /// The department that owns it by default.
    pub fn department(self) -> &'static str {
        match self {
            Stage::Materials => "Purchasing",
            Stage::Production | Stage::Packing => "Plant",
            Stage::Qc => "Quality",
            Stage::Shipping | Stage::Delivery => "Logistics",
        }
    }
}

/// How the span from confirmation to the promise is shared out, in
/// percent (a hundred in all), stage by stage.
pub const SHARES: [(Stage, i64); 6] = [(Stage::Materials, 20), (Stage::Production, 40), (Stage::Qc, 10), (Stage::Packing, 5), (Stage::Shipping, 20), (Stage::Delivery, 5)];

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct Milestone {
    pub stage: Stage,
    pub planned_start: Date,
    pub planned_end: Date,
    pub actual_start: Option<Date>,
    pub actual_end: Option<Date>,
    #[cfg_attr(feature = "ssr", schema(max_length = 60))]
    pub department: String,
    #[cfg_attr(feature = "ssr", schema(max_length = 500))]
    pub note: String,
}

impl Milestone {
    /// Its end as it stands: actual when finished, else planned.
    pub fn end(&self) -> Date {
        self.actual_end.unwrap_or(self.planned_end)
    }

    /// Ends after `promised`.
    pub fn late(&self, promised: Option<Date>) -> bool {
        promised.is_some_and(|p| self.planned_end > p || self.actual_end.is_some_and(|a| a > p))
    }
}

/// An order's plan as its readers see it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct Plan {
    pub order_id: i64,
    pub promised_date: Option<Date>,
    /// Empty until the order is confirmed.
    pub milestones: Vec<Milestone>,
    /// Some milestone ends after the promised date.
    pub at_risk: bool,
    /// May this viewer edit it?
    pub editable: bool,
    /// The server's today (UTC): the chart's today line.
    pub today: Date,
}

/// The default plan of an order confirmed on `start` for `promised`: the
/// stages one after another, each its share of the span (at least a day).
pub fn default_plan(start: Date, promised: Date) -> Vec<Milestone> {
    let days = (promised - start).whole_days().max(SHARES.len() as i64);
    let mut from = start;
    let mut used = 0;
    SHARES
        .iter()
        .enumerate()
        .map(|(i, (stage, share))| {
            used += share;
            // the last ends on the promise itself; rounding never drifts past it
            let to = if i + 1 == SHARES.len() { start + Duration::days(days) } else { (start + Duration::days(days * used / 100)).max(from + Duration::days(1)) };
            let m =
                Milestone { stage: *stage, planned_start: from, planned_end: to, actual_start: None, actual_end: None, department: stage.department().into(), note: String::new() };
            from = to;
            m
        })
        .collect()
}

/// At risk: a milestone ends, as planned or as it happened, after the promise.
pub fn at_risk(milestones: &[Milestone], promised: Option<Date>) -> bool {
    milestones.iter().any(|m| m.late(promised))
}

/// Checks a milestone as a planner enters it; every wrong field named.
pub fn check_milestone(m: &Milestone) -> Result<(), Vec<FieldError>> {
    let mut errors = Vec::new();
    let mut fe = |field: &str, reason| errors.push(FieldError { field: field.into(), reason });
    if m.planned_end < m.planned_start {
        fe("planned_end", Invalid::NotAllowed);
    }
    if (m.planned_end - m.planned_start).whole_days() > 730 {
        fe("planned_end", Invalid::TooFar);
    }
    if m.actual_end.is_some() && m.actual_start.is_none() {
        fe("actual_start", Invalid::Required);
    }
    if let (Some(s), Some(e)) = (m.actual_start, m.actual_end) {
        if e < s {
            fe("actual_end", Invalid::NotAllowed);
        }
    }
    if m.department.trim().chars().count() > DEPARTMENT_MAX {
        fe("department", Invalid::TooLong);
    }
    if m.note.trim().chars().count() > NOTE_MAX {
        fe("note", Invalid::TooLong);
    }
    if errors.is_empty() {
        Ok(())
    } else {
        Err(errors)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;
    use time::macros::date;

    #[test]
    fn the_default_plan_fills_the_span_in_order() {
        let plan = default_plan(date!(2026 - 12 - 01), date!(2027 - 01 - 10));
        assert_eq!(plan.iter().map(|m| m.stage).collect::<Vec<_>>(), Stage::ALL);
        assert_eq!(plan[0].planned_start, date!(2026 - 12 - 01));
        assert_eq!(plan[5].planned_end, date!(2027 - 01 - 10));
        assert_eq!(plan[1].planned_end, date!(2026 - 12 - 25), "materials and production: 60% of 40 days");
        assert!(!at_risk(&plan, Some(date!(2027 - 01 - 10))));
    }

    #[test]
    fn a_milestone_past_the_promise_puts_the_order_at_risk() {
        let mut plan = default_plan(date!(2026 - 12 - 01), date!(2027 - 01 - 10));
        plan[2].actual_start = Some(date!(2027 - 01 - 01));
        plan[2].actual_end = Some(date!(2027 - 01 - 11));
        assert!(at_risk(&plan, Some(date!(2027 - 01 - 10))));
        assert!(!at_risk(&plan, None), "no promise, no risk");
        let mut bad = plan[0].clone();
        bad.planned_end = bad.planned_start - Duration::days(1);
        bad.actual_start = None;
        bad.actual_end = Some(date!(2027 - 01 - 01));
        let fields: Vec<String> = check_milestone(&bad).unwrap_err().into_iter().map(|e| e.field).collect();
        assert_eq!(fields, ["planned_end", "actual_start"]);
    }

    proptest! {
        /// Any span: six stages, back to back, each at least as long as
        /// it starts, the first from the start and the last on the promise
        /// (or six days on, for spans shorter than the stages).
        #[test]
        fn default_plans_are_contiguous(start_offset in 0i64..3000, span in -30i64..800) {
            let start = date!(2024 - 01 - 01) + Duration::days(start_offset);
            let promised = start + Duration::days(span);
            let plan = default_plan(start, promised);
            prop_assert_eq!(plan.len(), 6);
            prop_assert_eq!(plan[0].planned_start, start);
            prop_assert_eq!(plan[5].planned_end, promised.max(start + Duration::days(6)));
            for w in plan.windows(2) {
                prop_assert_eq!(w[0].planned_end, w[1].planned_start);
            }
            for m in &plan {
                prop_assert!(m.planned_start <= m.planned_end);
                prop_assert!(check_milestone(m).is_ok());
            }
        }
    }
}
