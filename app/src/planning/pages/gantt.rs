//! One order's plan as a Gantt chart in SVG, drawn on the server: a row
//! per stage, the planned bar and (inside it, darker) what happened, late
//! bars marked, a line for today and one for the promised date, and week
//! ticks. On a phone it scrolls sideways inside its card.

use crate::i18n::use_t;
use crate::planning::Plan;
use leptos::prelude::*;
use time::{Date, Duration};

const LABEL_W: i64 = 130;
const CHART_W: i64 = 620;
const ROW_H: i64 = 30;
const TOP: i64 = 36;

#[component]
pub fn Gantt(plan: Plan) -> impl IntoView {
    let t = use_t();
    let ms = &plan.milestones;
    let first = ms.iter().flat_map(|m| [Some(m.planned_start), m.actual_start]).flatten().chain([plan.today]).min().unwrap_or(plan.today);
    let last = ms.iter().flat_map(|m| [Some(m.planned_end), m.actual_end]).flatten().chain([plan.today]).chain(plan.promised_date).max().unwrap_or(plan.today);
    let (from, to) = (first - Duration::days(1), last + Duration::days(2));
    let span = (to - from).whole_days().max(1);
    let x = move |d: Date| LABEL_W + (d - from).whole_days() * CHART_W / span;
    let height = TOP + ms.len() as i64 * ROW_H + 8;
    let width = LABEL_W + CHART_W;
    // a tick each week (or every few weeks on a long plan) from the first
    // Monday: never more than about 16, whatever the dates
    let step = 7 * (span / (7 * 16) + 1);
    let mut ticks = Vec::new();
    let mut d = from + Duration::days((7 - from.weekday().number_days_from_monday() as i64) % 7);
    while d <= to {
        ticks.push(d);
        d += Duration::days(step);
    }
    let line = |d: Date, class: &'static str, label: &'static str| {
        let px = x(d);
        view! {
            <line x1=px x2=px y1=TOP - 6 y2=height class=class />
            <text x=px + 3 y=12 class=format!("{class}-label")>{label}</text>
        }
    };
    view! {
        // focusable, so a keyboard can scroll it where it overflows (a phone)
        <div class="gantt-wrap" data-testid="gantt" tabindex="0" role="region" aria-label=t.plan>
            <svg class="gantt" viewBox=format!("0 0 {width} {height}") width=width height=height role="img" aria-label=t.plan>
                {ticks.into_iter().map(|d| view! {
                    <line x1=x(d) x2=x(d) y1=TOP - 6 y2=height class="tick" />
                    <text x=x(d) + 2 y=TOP - 8 class="tick-label">{format!("{:02}-{:02}", d.month() as u8, d.day())}</text>
                }).collect_view()}
                {ms.iter().enumerate().map(|(i, m)| {
                    let y = TOP + i as i64 * ROW_H;
                    let late = m.late(plan.promised_date);
                    let planned_w = (x(m.planned_end) - x(m.planned_start)).max(3);
                    let actual = m.actual_start.map(|s| {
                        let e = m.actual_end.unwrap_or(plan.today.max(s));
                        view! { <rect x=x(s) y=y + 11 width=(x(e) - x(s)).max(3) height=8 rx=2 class="actual"><title>{format!("{}: {} → {}", t.plan_actual, s, m.actual_end.map(|d| d.to_string()).unwrap_or_else(|| "…".into()))}</title></rect> }
                    });
                    view! {
                        <g class=if late { "row late" } else { "row" } data-stage=m.stage.as_str()>
                            <text x=4 y=y + 19 class="stage">{t.stage(m.stage)}</text>
                            <rect x=x(m.planned_start) y=y + 6 width=planned_w height=18 rx=3 class="planned">
                                <title>{format!("{}: {} → {} · {}", t.plan_planned, m.planned_start, m.planned_end, m.department)}</title>
                            </rect>
                            {actual}
                        </g>
                    }
                }).collect_view()}
                {line(plan.today, "today", t.plan_today)}
                {plan.promised_date.map(|p| line(p, "promised", t.plan_promised))}
            </svg>
        </div>
    }
}
