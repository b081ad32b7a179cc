//! Staff's portfolio: every planned order in scope as one bar across a
//! window, drawn on the server as SVG (readable before the WASM loads):
//! the done part darker, the promise marked, bars at risk or late in
//! warning colours, a line for today, ticks by week or month. The filters
//! live in the URL; on a phone the chart scrolls sideways under a fixed
//! column of order numbers.

use crate::components::{loaded, use_live, Loading, PageTitle};
use crate::i18n::{fill, use_t};
use crate::orders::OrderStatus;
use crate::planning::portfolio::{ticks, Portfolio, PortfolioRow, Zoom};
use crate::planning::server_fns::portfolio;
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_query_map;
use time::Date;

const LABEL_W: i64 = 196;
const ROW_H: i64 = 26;
const TOP: i64 = 30;

#[component]
pub fn PortfolioPage() -> impl IntoView {
    let t = use_t();
    let query = use_query_map();
    let param = move |name: &str| query.with(|q| q.get(name)).filter(|v| !v.trim().is_empty()).unwrap_or_default();
    // bars move when shipments and inspections do
    let live = use_live(|e| e.kind.starts_with("shipment.") || e.kind.starts_with("quality."));
    let chart = Resource::new(
        move || (param("account"), param("status"), param("from"), param("to"), param("zoom"), param("at_risk"), live.get()),
        |(account, status, from, to, zoom, at_risk, _)| portfolio(account.parse().ok(), status, from, to, zoom, matches!(at_risk.as_str(), "on" | "true")),
    );
    let now = move |name: &str| query.with_untracked(|q| q.get(name)).unwrap_or_default();
    view! {
        <Title text=t.portfolio />
        <PageTitle title=t.portfolio.to_string() />
        <Transition fallback=Loading>
            {move || Suspend::new(async move {
                loaded(chart.await, |p| {
                    let account_now = now("account");
                    let status_now = now("status");
                    view! {
                        <form class="filters card" method="get" action="/console/plans" data-testid="portfolio-filters">
                            <select name="account" aria-label=t.account>
                                <option value="">{t.all_accounts}</option>
                                {p.accounts.iter().map(|(id, code)| { let sel = id.to_string() == account_now; view! { <option value=id.to_string() selected=sel>{code.clone()}</option> } }).collect_view()}
                            </select>
                            <select name="status" aria-label=t.status>
                                <option value="">{t.all_statuses}</option>
                                {OrderStatus::ALL.into_iter().filter(|s| !matches!(s, OrderStatus::Draft | OrderStatus::Submitted | OrderStatus::Countered | OrderStatus::Rejected)).map(|s| {
                                    let sel = s.as_str() == status_now;
                                    view! { <option value=s.as_str() selected=sel>{t.status(s)}</option> }
                                }).collect_view()}
                            </select>
                            <label class="inline">{t.window_from}" "<input type="date" name="from" value=p.from.to_string() /></label>
                            <label class="inline">{t.window_to}" "<input type="date" name="to" value=p.to.to_string() /></label>
                            <select name="zoom" aria-label=t.zoom>
                                <option value="week" selected=p.zoom == Zoom::Week>{t.zoom_week}</option>
                                <option value="month" selected=p.zoom == Zoom::Month>{t.zoom_month}</option>
                            </select>
                            <label class="inline"><input type="checkbox" name="at_risk" checked=matches!(now("at_risk").as_str(), "on" | "true") />" "{t.only_at_risk}</label>
                            <button type="submit">{t.show}</button>
                            <a class="button" href="/console/plans">{t.clear_filters}</a>
                        </form>
                        <section class="card">
                            <Summary p=p.clone() />
                            {(!p.rows.is_empty()).then(|| view! { <Chart p=p.clone() /> })}
                        </section>
                    }
                    .into_any()
                })
            })}
        </Transition>
    }
}

#[component]
fn Summary(p: Portfolio) -> impl IntoView {
    let t = use_t();
    let text = if p.rows.is_empty() {
        t.portfolio_none.to_string()
    } else if (p.rows.len() as i64) < p.matching {
        fill(&fill(t.portfolio_cut, p.rows.len()), p.matching)
    } else {
        fill(t.portfolio_count, p.matching)
    };
    view! {
        <p class="muted" data-testid="portfolio-count">{text}</p>
        <ul class="legend" aria-hidden="true">
            <li><span class="swatch planned"></span>{t.legend_planned}</li>
            <li><span class="swatch done"></span>{t.legend_done}</li>
            <li><span class="swatch risk"></span>{t.legend_at_risk}</li>
            <li><span class="swatch late"></span>{t.legend_late}</li>
        </ul>
    }
}

/// The chart: pixels per day by zoom, so a week zoom spreads days out and
/// a month zoom fits half a year.
#[component]
fn Chart(p: Portfolio) -> impl IntoView {
    let t = use_t();
    let per_day = match p.zoom {
        Zoom::Week => 10,
        Zoom::Month => 4,
    };
    let (from, to) = (p.from, p.to);
    let chart_w = (to - from).whole_days() * per_day;
    let x = move |d: Date| LABEL_W + (d.clamp(from, to) - from).whole_days() * per_day;
    let width = LABEL_W + chart_w + 8;
    let height = TOP + p.rows.len() as i64 * ROW_H + 6;
    let label = move |d: Date| match p.zoom {
        Zoom::Week => format!("{:02}-{:02}", d.month() as u8, d.day()),
        Zoom::Month => format!("{}-{:02}", d.year(), d.month() as u8),
    };
    let today = (p.today >= from && p.today <= to).then(|| {
        let px = x(p.today);
        view! {
            <line x1=px x2=px y1=TOP - 8 y2=height class="today" />
            <text x=px + 3 y=10 class="today-label">{t.plan_today}</text>
        }
    });
    view! {
        <div class="gantt-wrap portfolio" data-testid="portfolio" tabindex="0" role="region" aria-label=t.portfolio>
            // no role="img": its bars are links
            <svg class="gantt" viewBox=format!("0 0 {width} {height}") width=width height=height>
                {ticks(from, to, p.zoom).into_iter().map(|d| view! {
                    <line x1=x(d) x2=x(d) y1=TOP - 6 y2=height class="tick" />
                    <text x=x(d) + 2 y=TOP - 8 class="tick-label">{label(d)}</text>
                }).collect_view()}
                {p.rows.iter().enumerate().map(|(i, r)| view! { <Bar r=r.clone() y=TOP + i as i64 * ROW_H x=Box::new(x) /> }).collect_view()}
                {today}
            </svg>
        </div>
    }
}

#[component]
fn Bar(r: PortfolioRow, y: i64, x: Box<dyn Fn(Date) -> i64 + Send + Sync>) -> impl IntoView {
    let t = use_t();
    let class = if r.late {
        "row late"
    } else if r.at_risk {
        "row risk"
    } else {
        "row"
    };
    let (x0, x1) = (x(r.start), x(r.end));
    let done = r.done_until.map(|d| {
        let w = (x(d.min(r.end)) - x0).max(2);
        view! { <rect x=x0 y=y + 9 width=w height=8 rx=2 class="actual" /> }
    });
    let promise = r.promised_date.map(|d| {
        let px = x(d);
        view! { <path d=format!("M{px} {} l4 5 l-4 5 l-4 -5 z", y + 8) class="promise-mark" /> }
    });
    let tip = format!("{} · {} · {} → {}{}", r.number, t.status(r.status), r.start, r.end, r.promised_date.map(|d| format!(" · {} {d}", t.plan_promised)).unwrap_or_default());
    view! {
        <a href=format!("/orders/{}", r.order_id) data-testid="portfolio-row" data-risk=r.at_risk.to_string() data-late=r.late.to_string()>
            <g class=class>
                <title>{tip}</title>
                <text x=4 y=y + 17 class="stage">{format!("{} · {}", r.number, r.account_code)}</text>
                <rect x=x0 y=y + 4 width=(x1 - x0).max(3) height=18 rx=3 class="planned" />
                {done}
                {promise}
            </g>
        </a>
    }
}
