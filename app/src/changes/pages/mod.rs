//! Change-request pages: asking for a change with its live impact, the
//! request itself (staff decide there, the customer answers), the staff
//! queue and the versions view. The pieces they share are here.

mod detail;
mod order_panel;
mod queue;
mod request;
mod versions;

pub use detail::ChangeRequestPage;
pub use order_panel::OrderChanges;
pub use queue::ChangeQueuePage;
pub use request::RequestChangePage;
pub use versions::VersionsPage;

use super::diff::{HeaderDiff, LineDiff, VersionDiff};
use super::impact::Impact;
use super::{Change, ChangeStatus};
use crate::i18n::{fill, use_t, Texts};
use crate::money::Money;
use crate::orders::pages::show_date;
use leptos::prelude::*;

impl Texts {
    pub fn change_status(&self, s: ChangeStatus) -> &'static str {
        match s {
            ChangeStatus::Pending => self.change_status_pending,
            ChangeStatus::Countered => self.change_status_countered,
            ChangeStatus::Approved => self.change_status_approved,
            ChangeStatus::Rejected => self.change_status_rejected,
            ChangeStatus::Withdrawn => self.change_status_withdrawn,
        }
    }

    /// The timeline's label for a change-request step, by its kind.
    pub fn change_event(&self, kind: &str) -> Option<&'static str> {
        Some(match kind {
            "change_requested" => self.event_change_requested,
            "change_approved" => self.event_change_approved,
            "change_rejected" => self.event_change_rejected,
            "change_countered" => self.event_change_countered,
            "change_withdrawn" => self.event_change_withdrawn,
            _ => return None,
        })
    }
}

#[component]
pub fn ChangeBadge(status: ChangeStatus) -> impl IntoView {
    let t = use_t();
    let tone = match status {
        ChangeStatus::Pending | ChangeStatus::Countered => "warn",
        ChangeStatus::Approved => "ok",
        ChangeStatus::Rejected | ChangeStatus::Withdrawn => "muted",
    };
    view! { <span class=format!("tag cr-{tone}") data-testid="change-status">{t.change_status(status)}</span> }
}

fn money(minor: i64, currency: &str) -> String {
    Money::new(minor, currency).display()
}

/// A signed amount: `+¥1,200.00` / `−¥300.00`.
fn signed(minor: i64, currency: &str) -> String {
    match minor {
        m if m > 0 => format!("+{}", money(m, currency)),
        m if m < 0 => format!("−{}", money(-m, currency)),
        _ => money(0, currency),
    }
}

/// The impact: cost, schedule, production, credit.
#[component]
pub fn ImpactCard(impact: Impact, currency: String, #[prop(default = true)] show_money: bool) -> impl IntoView {
    let t = use_t();
    let c = currency;
    let shift = impact.shift_days.map(|d| fill(t.impact_shift_days, d));
    view! {
        <dl class="facts impact" data-testid="impact">
            {show_money.then(|| view! {
                <dt>{t.impact_cost}</dt><dd data-testid="impact-total">{money(impact.diff.total_after_minor, &c)}</dd>
                <dt>{t.impact_delta}</dt><dd data-testid="impact-delta" class:up={impact.cost_delta_minor > 0}>{signed(impact.cost_delta_minor, &c)}</dd>
            })}
            {(show_money && impact.charge_minor > 0).then(|| view! { <dt>{t.impact_charge}</dt><dd data-testid="impact-charge">{money(impact.charge_minor, &c)}</dd> })}
            <dt>{t.impact_schedule}</dt><dd data-testid="impact-earliest">{show_date(impact.earliest)}</dd>
            <dt>{t.promised_date}</dt><dd>{show_date(impact.promised)}</dd>
            {shift.map(|s| view! { <dt>{t.impact_shift}</dt><dd data-testid="impact-shift">{s}</dd> })}
            {(!impact.in_production.is_empty()).then(|| view! { <dt>{t.impact_in_production}</dt><dd data-testid="impact-production">{impact.in_production.len()}</dd> })}
            {show_money.then(|| view! { <dt>{t.impact_credit}</dt><dd>{money(impact.open_after_minor, &c)}</dd> })}
        </dl>
        <p class=if impact.dates_feasible { "tag ok" } else { "tag warn" }>{if impact.dates_feasible { t.impact_dates_ok } else { t.impact_dates_late }}</p>
        {(show_money && impact.over_credit).then(|| view! { <p class="tag warn" data-testid="impact-over-credit">{t.impact_over_credit}</p> })}
    }
}

/// What changed between two versions, line by line and in the header;
/// `sites` names site ids.
#[component]
pub fn DiffTable(diff: VersionDiff, currency: String, #[prop(default = true)] show_money: bool, #[prop(optional)] sites: Vec<(i64, String)>) -> impl IntoView {
    let t = use_t();
    if diff.is_empty() {
        return view! { <p class="muted" data-testid="diff-empty">{t.diff_none}</p> }.into_any();
    }
    let c = currency;
    let site_name = move |id: Option<i64>| id.map(|id| sites.iter().find(|(s, _)| *s == id).map_or_else(|| format!("#{id}"), |(_, n)| n.clone())).unwrap_or_else(|| "—".into());
    let line_total = move |q: i64, p: i64| if show_money { money(q.saturating_mul(p), &c) } else { String::new() };
    let rows = diff
        .lines
        .iter()
        .map(|d| {
            let (class, what, sku, qty, date, amount) = match d {
                LineDiff::Added { line } => {
                    ("added", t.diff_added, line.sku.clone(), line.quantity.to_string(), show_date(line.requested_date), line_total(line.quantity, line.unit_price_minor))
                }
                LineDiff::Removed { line } => {
                    ("removed", t.diff_removed, line.sku.clone(), line.quantity.to_string(), show_date(line.requested_date), line_total(line.quantity, line.unit_price_minor))
                }
                LineDiff::Changed { before, after } => (
                    "changed",
                    t.diff_changed,
                    after.sku.clone(),
                    if before.quantity == after.quantity { after.quantity.to_string() } else { format!("{} → {}", before.quantity, after.quantity) },
                    if before.requested_date == after.requested_date {
                        show_date(after.requested_date)
                    } else {
                        format!("{} → {}", show_date(before.requested_date), show_date(after.requested_date))
                    },
                    if show_money {
                        format!("{} → {}", line_total(before.quantity, before.unit_price_minor), line_total(after.quantity, after.unit_price_minor))
                    } else {
                        String::new()
                    },
                ),
            };
            view! {
                <tr class=format!("diff-{class}") data-testid=format!("diff-line-{}", d.line_key())>
                    <td data-label="">{what}</td>
                    <td data-label=t.sku>{sku}</td>
                    <td data-label=t.quantity class="num">{qty}</td>
                    <td data-label=t.requested_date>{date}</td>
                    {show_money.then(|| view! { <td data-label=t.amount class="num">{amount}</td> })}
                </tr>
            }
        })
        .collect_view();
    let header = diff
        .header
        .iter()
        .map(|h| {
            let (label, before, after) = match h {
                HeaderDiff::Site { before, after } => (t.delivery_site, site_name(*before), site_name(*after)),
                HeaderDiff::RequestedDate { before, after } => (t.requested_date, show_date(*before), show_date(*after)),
                HeaderDiff::PoNumber { before, after } => (t.po_number, before.clone(), after.clone()),
                HeaderDiff::Notes { before, after } => (t.notes, before.clone(), after.clone()),
            };
            view! { <tr class="diff-changed"><th scope="row">{label}</th><td data-label=t.diff_before>{before}</td><td data-label=t.diff_after>{after}</td></tr> }
        })
        .collect_view();
    view! {
        <table class="table diff" data-testid="diff">
            <thead><tr><th></th><th>{t.sku}</th><th class="num">{t.quantity}</th><th>{t.requested_date}</th>{show_money.then(|| view! { <th class="num">{t.amount}</th> })}</tr></thead>
            <tbody>{rows}</tbody>
        </table>
        {(!diff.header.is_empty()).then(|| view! {
            <table class="table diff" data-testid="diff-header">
                <thead><tr><th>{t.diff_header}</th><th>{t.diff_before}</th><th>{t.diff_after}</th></tr></thead>
                <tbody>{header}</tbody>
            </table>
        })}
    }
    .into_any()
}

/// A request's changes as a list a person reads; `sku_of` names line keys.
#[component]
pub fn ChangeList(changes: Vec<Change>, sku_of: std::collections::HashMap<i64, String>) -> impl IntoView {
    let t = use_t();
    let line = move |key: &i64| sku_of.get(key).cloned().unwrap_or_else(|| format!("#{key}"));
    view! {
        <ul class="changes" data-testid="change-list">
            {changes.iter().map(|c| {
                let text = match c {
                    Change::Quantity { line_key, quantity } => format!("{} · {}: {}", t.change_kind_quantity, line(line_key), quantity),
                    Change::AddLine { sku, quantity, requested_date } => format!("{} · {} × {} ({})", t.change_kind_add_line, sku, quantity, show_date(*requested_date)),
                    Change::RemoveLine { line_key } => format!("{} · {}", t.change_kind_remove_line, line(line_key)),
                    Change::LineDate { line_key, requested_date } => format!("{} · {}: {}", t.change_kind_line_date, line(line_key), show_date(*requested_date)),
                    Change::OrderDate { requested_date } => format!("{}: {}", t.change_kind_order_date, show_date(*requested_date)),
                    Change::Site { site_id } => format!("{}: #{}", t.change_kind_site, site_id),
                    Change::PoNumber { po_number } => format!("{}: {}", t.change_kind_po_number, po_number),
                    Change::Notes { notes } => format!("{}: {}", t.change_kind_notes, notes),
                };
                view! { <li>{text}</li> }
            }).collect_view()}
        </ul>
    }
}

/// Field errors of a request (`changes.3.quantity`) by change index.
pub fn change_errors(err: &crate::error::AppError) -> Vec<(usize, crate::error::Invalid)> {
    match err {
        crate::error::AppError::Invalid(list) => list
            .iter()
            .filter_map(|e| {
                let rest = e.field.strip_prefix("changes.")?;
                let index = rest.split('.').next()?.parse().ok()?;
                Some((index, e.reason))
            })
            .collect(),
        _ => Vec::new(),
    }
}
