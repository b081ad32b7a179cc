//! "Request a change": an editable copy of the order, the impact updated
//! as the customer types (computed by the service with the same rules it
//! decides with), and sending, once, under one idempotency key.

use super::{change_errors, DiffTable, ImpactCard};
use crate::accounts::server_fns::my_account;
use crate::changes::server_fns::{preview_change, send_change};
use crate::changes::{Change, ChangeRequestInput};
use crate::components::{loaded, new_key, ErrorBanner, Loading, PageTitle};
use crate::error::{AppError, Invalid};
use crate::i18n::use_t;
use crate::orders::paste::parse_date;
use crate::orders::server_fns::order_detail;
use crate::orders::Order;
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::{use_navigate, use_params_map};
use std::collections::{BTreeMap, BTreeSet};

#[component]
pub fn RequestChangePage() -> impl IntoView {
    let t = use_t();
    let params = use_params_map();
    let id = move || params.with(|p| p.get("id")).and_then(|s| s.parse::<i64>().ok());
    let order = Resource::new(id, |id| async move {
        match id {
            Some(id) => order_detail(id).await,
            None => Err(AppError::NotFound),
        }
    });
    // the account's sites, for the site field: a resource of the page, so
    // hydration finds its data
    let account = Resource::new(|| (), |_| my_account());
    view! {
        <Title text=t.request_change />
        <Transition fallback=Loading>
            {move || Suspend::new(async move {
                let sites: Vec<(i64, String)> = account.await.map(|a| a.sites.into_iter().filter(|s| s.active).map(|s| (s.id, s.name)).collect()).unwrap_or_default();
                loaded(order.await, |o| view! { <ChangeForm o sites /> }.into_any())
            })}
        </Transition>
    }
}

/// Where a change came from on the form, to show its errors there.
#[derive(Clone, PartialEq)]
enum Input {
    Quantity(i64),
    LineDate(i64),
    Line(i64),
    Added(usize),
    OrderDate,
    Site,
    Po,
    Notes,
}

/// A line added on the form: SKU, quantity and date as typed.
#[derive(Clone, Default, PartialEq)]
struct Added {
    sku: String,
    quantity: String,
    date: String,
}

/// A typed quantity; anything not a whole number is sent as 0, which the
/// service refuses on that field.
fn quantity(text: &str) -> i64 {
    text.trim().parse().unwrap_or(0)
}

#[component]
fn ChangeForm(o: Order, sites: Vec<(i64, String)>) -> impl IntoView {
    let t = use_t();
    let order_id = o.id;
    let base_version = o.version;
    let lines = StoredValue::new(o.lines.clone());
    // what the customer typed, by line key; untouched fields are absent
    let quantities = RwSignal::new(BTreeMap::<i64, String>::new());
    let dates = RwSignal::new(BTreeMap::<i64, String>::new());
    let removed = RwSignal::new(BTreeSet::<i64>::new());
    let added = RwSignal::new(Vec::<Added>::new());
    let added_rows = RwSignal::new(0usize);
    let order_date = RwSignal::new(None::<String>);
    let site = RwSignal::new(None::<i64>);
    let po = RwSignal::new(None::<String>);
    let notes = RwSignal::new(None::<String>);
    let reason = RwSignal::new(String::new());
    let (o_date, o_site, o_po, o_notes) = (o.requested_date, o.site_id, o.po_number.clone(), o.notes.clone());

    // the request as the form stands, each change with the input it came from
    let changes = Memo::new(move |_| {
        let mut out: Vec<(Change, Input)> = Vec::new();
        lines.with_value(|lines| {
            for l in lines {
                let key = l.line_key;
                if removed.with(|r| r.contains(&key)) {
                    out.push((Change::RemoveLine { line_key: key }, Input::Line(key)));
                    continue;
                }
                if let Some(q) = quantities.with(|q| q.get(&key).cloned()) {
                    if q.trim() != l.quantity.to_string() {
                        out.push((Change::Quantity { line_key: key, quantity: quantity(&q) }, Input::Quantity(key)));
                    }
                }
                if let Some(d) = dates.with(|d| d.get(&key).cloned()) {
                    let d = parse_date(&d);
                    if d != l.requested_date {
                        out.push((Change::LineDate { line_key: key, requested_date: d }, Input::LineDate(key)));
                    }
                }
            }
        });
        for (i, a) in added.get().into_iter().enumerate() {
            if !a.sku.trim().is_empty() || !a.quantity.trim().is_empty() {
                out.push((Change::AddLine { sku: a.sku, quantity: quantity(&a.quantity), requested_date: parse_date(&a.date) }, Input::Added(i)));
            }
        }
        if let Some(d) = order_date.get().map(|d| parse_date(&d)).filter(|d| *d != o_date) {
            out.push((Change::OrderDate { requested_date: d }, Input::OrderDate));
        }
        if let Some(s) = site.get().filter(|s| Some(*s) != o_site) {
            out.push((Change::Site { site_id: s }, Input::Site));
        }
        if let Some(p) = po.get().filter(|p| *p != o_po) {
            out.push((Change::PoNumber { po_number: p }, Input::Po));
        }
        if let Some(n) = notes.get().filter(|n| *n != o_notes) {
            out.push((Change::Notes { notes: n }, Input::Notes));
        }
        out
    });
    let request = move |reason: String| ChangeRequestInput { base_version, changes: changes.get_untracked().into_iter().map(|(c, _)| c).collect(), reason };
    // the live impact: asked of the server whenever the changes change (in
    // the browser only: the page as first served has no changes yet)
    let preview = Action::new(move |changes: &Vec<Change>| {
        let input = ChangeRequestInput { base_version, changes: changes.clone(), reason: String::new() };
        async move { preview_change(order_id, input).await }
    });
    Effect::new(move |_| {
        let list: Vec<Change> = changes.get().into_iter().map(|(c, _)| c).collect();
        if !list.is_empty() {
            preview.dispatch(list);
        }
    });
    let has_changes = Memo::new(move |_| !changes.with(|c| c.is_empty()));
    // one key per version of the request: a retry reuses it, an edit makes a new one
    let key = Memo::new(move |_| {
        changes.track();
        reason.track();
        new_key()
    });
    let send = Action::new(move |_: &()| {
        let (input, key) = (request(reason.get_untracked()), key.get_untracked());
        async move { send_change(order_id, input, key).await }
    });
    let navigate = use_navigate();
    Effect::new(move |_| {
        if let Some(Ok(r)) = send.value().get() {
            navigate(&format!("/changes/{}", r.id), Default::default());
        }
    });
    // the errors to show: the last send's, else the live preview's
    let error = Signal::derive(move || match send.value().get() {
        Some(Err(e)) => Some(e),
        _ if has_changes.get() => preview.value().get().and_then(|p| p.err()),
        _ => None,
    });
    let error_at = move |input: Input| {
        Signal::derive(move || {
            let err = error.get()?;
            let list = changes.get();
            change_errors(&err).into_iter().find(|(i, _)| list.get(*i).is_some_and(|(_, at)| *at == input)).map(|(_, r)| t.invalid(r))
        })
    };
    let reason_error = Signal::derive(move || match send.value().get() {
        Some(Err(e)) => e.for_field("reason").map(|r| t.invalid(r)),
        _ => None,
    });
    let other_error = Signal::derive(move || match error.get() {
        Some(AppError::Invalid(list)) if list.iter().all(|e| e.field.starts_with("changes.") || e.field == "reason") => None,
        Some(AppError::Invalid(list)) if list.iter().any(|e| e.field == "changes" && e.reason == Invalid::Required) => Some(AppError::field("changes", Invalid::Required)),
        other => other,
    });
    view! {
        <p><a href=format!("/orders/{order_id}")>"← "{o.number.clone()}</a></p>
        <PageTitle title=t.request_change.to_string() subtitle=o.number.clone() />
        <section class="card">
            <h2>{t.lines}</h2>
            <table class="table edit-lines" data-testid="change-lines">
                <thead><tr><th>{t.sku}</th><th class="num">{t.quantity}</th><th>{t.change_line_date}</th><th>{t.change_remove_line}</th></tr></thead>
                <tbody>
                    {o.lines.iter().map(|l| {
                        let key = l.line_key;
                        let gone = move || removed.with(|r| r.contains(&key));
                        let q0 = l.quantity.to_string();
                        let d0 = l.requested_date.map(|d| d.to_string()).unwrap_or_default();
                        let q_err = error_at(Input::Quantity(key));
                        let d_err = error_at(Input::LineDate(key));
                        let l_err = error_at(Input::Line(key));
                        view! {
                            <tr class:removed=gone data-testid=format!("change-line-{}", l.line_no)>
                                <td data-label=t.sku>{l.sku.clone()}</td>
                                <td data-label=t.quantity class="num">
                                    <input type="number" inputmode="numeric" min="1" value=q0 disabled=gone aria-label=format!("{} {}", t.quantity, l.sku)
                                        on:input=move |ev| quantities.update(|q| { q.insert(key, event_target_value(&ev)); }) data-testid=format!("change-qty-{}", l.line_no) />
                                    {move || q_err.get().map(|m| view! { <p class="field-error" role="alert">{m}</p> })}
                                </td>
                                <td data-label=t.change_line_date>
                                    <input type="date" value=d0 disabled=gone aria-label=format!("{} {}", t.change_line_date, l.sku)
                                        on:change=move |ev| dates.update(|d| { d.insert(key, event_target_value(&ev)); }) data-testid=format!("change-date-{}", l.line_no) />
                                    {move || d_err.get().map(|m| view! { <p class="field-error" role="alert">{m}</p> })}
                                </td>
                                <td data-label=t.change_remove_line>
                                    <input type="checkbox" aria-label=format!("{} {}", t.change_remove_line, l.sku)
                                        on:change=move |ev| { let on = event_target_checked(&ev); removed.update(|r| { if on { r.insert(key); } else { r.remove(&key); } }); } />
                                    {move || l_err.get().map(|m| view! { <p class="field-error" role="alert">{m}</p> })}
                                </td>
                            </tr>
                        }
                    }).collect_view()}
                </tbody>
            </table>
            <h3>{t.change_add_line}</h3>
            // rows follow the count only: typing in one must not redraw them
            {move || (0..added_rows.get()).map(|i| {
                let err = error_at(Input::Added(i));
                let set = move |f: fn(&mut Added, String), v: String| added.update(|a| if let Some(a) = a.get_mut(i) { f(a, v) });
                view! {
                    <div class="row-fields" data-testid=format!("added-{i}")>
                        <input placeholder=t.sku aria-label=t.sku on:change=move |ev| set(|a, v| a.sku = v, event_target_value(&ev)) />
                        <input type="number" inputmode="numeric" min="1" placeholder=t.quantity aria-label=t.quantity on:input=move |ev| set(|a, v| a.quantity = v, event_target_value(&ev)) />
                        <input type="date" aria-label=t.change_line_date on:change=move |ev| set(|a, v| a.date = v, event_target_value(&ev)) />
                        {move || err.get().map(|m| view! { <p class="field-error" role="alert">{m}</p> })}
                    </div>
                }
            }).collect_view()}
            <button type="button" class="secondary" data-testid="add-line" on:click=move |_| {
                if added_rows.get_untracked() < crate::limits::MAX_LINES {
                    added.update(|a| a.push(Added::default()));
                    added_rows.update(|n| *n += 1);
                }
            }>{t.change_add_line}</button>
        </section>

        <section class="card stack-wide" data-testid="change-header">
            <div class="field">
                <label for="order-date">{t.requested_date}</label>
                <input id="order-date" type="date" value=o.requested_date.map(|d| d.to_string()).unwrap_or_default() on:change=move |ev| order_date.set(Some(event_target_value(&ev))) data-testid="change-order-date" />
                {move || error_at(Input::OrderDate).get().map(|m| view! { <p class="field-error" role="alert">{m}</p> })}
            </div>
            <div class="field">
                <label for="site">{t.delivery_site}</label>
                <select id="site" on:change=move |ev| site.set(event_target_value(&ev).parse().ok())>
                    {sites.into_iter().map(|(id, name)| view! { <option value=id selected={Some(id) == o_site}>{name}</option> }).collect_view()}
                </select>
                {move || error_at(Input::Site).get().map(|m| view! { <p class="field-error" role="alert">{m}</p> })}
            </div>
            <div class="field">
                <label for="po">{t.po_number}</label>
                <input id="po" maxlength="60" value=o.po_number.clone() on:change=move |ev| po.set(Some(event_target_value(&ev))) />
                {move || error_at(Input::Po).get().map(|m| view! { <p class="field-error" role="alert">{m}</p> })}
            </div>
            <div class="field">
                <label for="notes">{t.notes}</label>
                <input id="notes" maxlength="2000" value=o.notes.clone() on:change=move |ev| notes.set(Some(event_target_value(&ev))) />
                {move || error_at(Input::Notes).get().map(|m| view! { <p class="field-error" role="alert">{m}</p> })}
            </div>
        </section>

        <section class="card" data-testid="change-impact" aria-live="polite">
            <h2>{t.impact}</h2>
            {move || match (has_changes.get(), preview.value().get()) {
                (false, _) => view! { <p class="muted">{t.change_nothing}</p> }.into_any(),
                (true, Some(Ok(p))) => view! { <ImpactCard impact=p.impact.clone() currency=p.currency.clone() /><DiffTable diff=p.impact.diff currency=p.currency /> }.into_any(),
                (true, None) => view! { <p class="muted">{t.impact_updating}</p> }.into_any(),
                // field errors show on their fields
                (true, Some(Err(_))) => ().into_any(),
            }}
            {move || (has_changes.get() && preview.pending().get()).then(|| view! { <p class="muted" aria-busy="true">{t.impact_updating}</p> })}
        </section>

        <section class="card stack">
            <div class="field">
                <label for="reason">{t.change_reason}</label>
                <textarea id="reason" maxlength="1000" required on:input=move |ev| reason.set(event_target_value(&ev)) data-testid="change-reason"></textarea>
                {move || reason_error.get().map(|m| view! { <p class="field-error" role="alert">{m}</p> })}
            </div>
            <ErrorBanner error=other_error />
            <div class="actions-row">
                <button type="button" class="primary" disabled=move || send.pending().get() on:click=move |_| { send.dispatch(()); } data-testid="send-change">{t.change_send}</button>
            </div>
        </section>
    }
}
