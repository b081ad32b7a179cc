//! One change request: what was asked and why, its impact on the order as
//! it stands, and what the reader may do now (`rules::allowed`, the list
//! the service enforces): staff approve, reject or counter; the customer
//! accepts a counter, withdraws, or re-bases a stale request.

use super::{ChangeBadge, ChangeList, DiffTable, ImpactCard};
use crate::changes::server_fns::{change_request_page, AcceptChangeCounter, ApproveChange, CounterChange, RebaseChange, RejectChange, WithdrawChange};
use crate::changes::{Change, ChangeCommand, ChangeRequest, RequestPage};
use crate::components::{error_of, field_error, loaded, reason_action, refresh_after, simple_action, ErrorBanner, Loading, SubmitButton, TextField};
use crate::error::AppError;
use crate::i18n::{fill, use_t};
use crate::orders::paste::parse_date;
use crate::orders::OrderLine;
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_params_map;
use std::collections::{BTreeMap, HashMap};

#[component]
pub fn ChangeRequestPage() -> impl IntoView {
    let params = use_params_map();
    let id = move || params.with(|p| p.get("id")).and_then(|s| s.parse::<i64>().ok());
    let refresh = RwSignal::new(0u32);
    let page = Resource::new(
        move || (id(), refresh.get()),
        |(id, _)| async move {
            match id {
                Some(id) => change_request_page(id).await,
                None => Err(AppError::NotFound),
            }
        },
    );
    view! {
        <Transition fallback=Loading>
            {move || Suspend::new(async move { loaded(page.await, |p| view! { <RequestView p refresh /> }.into_any()) })}
        </Transition>
    }
}

#[component]
fn RequestView(p: RequestPage, refresh: RwSignal<u32>) -> impl IntoView {
    let t = use_t();
    let RequestPage { request: r, lines, assessment, assessment_error } = p;
    let title = format!("{} #{}", t.change_request, r.id);
    let order_id = r.order_id;
    let when = crate::orders::pages::show_instant;
    let sku_of: HashMap<i64, String> = lines.iter().map(|l| (l.line_key, l.sku.clone())).collect();
    let show_money = crate::shell::use_me().role.sees_money();
    view! {
        <Title text=title.clone() />
        <p><a href=format!("/orders/{order_id}")>"← "{r.order_number.clone()}</a></p>
        <header class="page-title title-row">
            <h1 data-testid="change-title">{title}</h1>
            <ChangeBadge status=r.status />
        </header>
        {r.stale().then(|| view! { <div class="banner warn" role="status" data-testid="change-stale">{t.change_stale}</div> })}
        <section class="card">
            <dl class="facts">
                <dt>{t.order}</dt><dd><a href=format!("/orders/{order_id}")>{r.order_number.clone()}</a>" · "{r.account_name.clone()}</dd>
                <dt>{t.change_requested_by}</dt><dd>{r.requested_by.clone()}" · "<small class="muted">{when(r.created_at)}</small></dd>
                <dt>{t.change_reason}</dt><dd class="reason" data-testid="change-reason-shown">{r.reason.clone()}</dd>
                <dt>{t.version}</dt><dd>{fill(t.change_base_version, r.base_version)}</dd>
                {r.decided_by.clone().map(|who| view! { <dt>{t.change_decided_by}</dt><dd>{who}" · "<small class="muted">{r.decided_at.map(when).unwrap_or_default()}</small></dd> })}
                {(!r.decision_reason.is_empty()).then(|| view! { <dt>{t.reason}</dt><dd class="reason">{r.decision_reason.clone()}</dd> })}
                {r.result_version.map(|v| view! {
                    <dt>{t.versions}</dt>
                    <dd><a href=format!("/orders/{order_id}/versions?a={}&b={v}", r.base_version) data-testid="made-version">{fill(t.change_made_version, v)}</a></dd>
                })}
            </dl>
        </section>
        <section class="card">
            <h2>{t.change_their_changes}</h2>
            <ChangeList changes=r.changes.clone() sku_of=sku_of.clone() />
            {r.counter.clone().map(|c| view! { <h3>{t.change_counter_changes}</h3><ChangeList changes=c sku_of /> })}
            {(!r.counter_message.is_empty()).then(|| view! { <p class="banner ok" data-testid="counter-message">{r.counter_message.clone()}</p> })}
        </section>
        {r.status.is_open().then(|| view! {
            <section class="card" data-testid="change-impact">
                <h2>{t.impact}</h2>
                {assessment.map(|p| view! { <ImpactCard impact=p.impact.clone() currency=p.currency.clone() show_money /><DiffTable diff=p.impact.diff currency=p.currency show_money /> })}
                <ErrorBanner error=Signal::stored(assessment_error) />
            </section>
        })}
        <Actions r lines refresh />
    }
}

simple_action!(AcceptCounterAction, AcceptChangeCounter);
simple_action!(RebaseAction, RebaseChange);
reason_action!(RejectAction, RejectChange);
reason_action!(WithdrawAction, WithdrawChange);

#[component]
fn Actions(r: ChangeRequest, lines: Vec<OrderLine>, refresh: RwSignal<u32>) -> impl IntoView {
    let t = use_t();
    let id = r.id;
    let may = |c: ChangeCommand| r.actions.contains(&c);
    let mut parts: Vec<AnyView> = Vec::new();
    if may(ChangeCommand::Approve) {
        parts.push(view! { <ApproveForm id refresh /> }.into_any());
    }
    if may(ChangeCommand::Counter) {
        parts.push(view! { <CounterForm id lines refresh /> }.into_any());
    }
    if may(ChangeCommand::Reject) {
        parts.push(view! { <RejectAction id label=t.change_reject refresh /> }.into_any());
    }
    if may(ChangeCommand::AcceptCounter) {
        parts.push(view! { <AcceptCounterAction id label=t.change_accept_counter refresh /> }.into_any());
    }
    if may(ChangeCommand::Rebase) {
        parts.push(view! { <RebaseAction id label=t.change_rebase refresh /> }.into_any());
    }
    if may(ChangeCommand::Withdraw) {
        parts.push(view! { <WithdrawAction id label=t.change_withdraw refresh /> }.into_any());
    }
    if parts.is_empty() {
        return ().into_any();
    }
    view! { <section class="card actions" data-testid="change-actions"><h2>{t.actions}</h2>{parts}</section> }.into_any()
}

#[component]
fn ApproveForm(id: i64, refresh: RwSignal<u32>) -> impl IntoView {
    let t = use_t();
    let action = ServerAction::<ApproveChange>::new();
    refresh_after(action.value(), refresh);
    let error = error_of(action.value());
    view! {
        <ActionForm action=action attr:class="stack" attr:data-testid="approve-form">
            <input type="hidden" name="id" value=id />
            <TextField label=t.change_commit_date name="promised_date" kind="date" error=field_error(error, "promised_date") />
            <p class="muted">{t.change_commit_hint}</p>
            <TextField label=t.message name="message" error=field_error(error, "message") />
            <ErrorBanner error=Signal::derive(move || error.get().filter(|e| !matches!(e, AppError::Invalid(_)))) />
            <SubmitButton label=t.change_approve pending=action.pending() />
        </ActionForm>
    }
}

/// Staff's counter: another quantity per line and/or another order date.
#[component]
fn CounterForm(id: i64, lines: Vec<OrderLine>, refresh: RwSignal<u32>) -> impl IntoView {
    let t = use_t();
    let quantities = RwSignal::new(BTreeMap::<i64, String>::new());
    let date = RwSignal::new(String::new());
    let message = RwSignal::new(String::new());
    let action = ServerAction::<CounterChange>::new();
    refresh_after(action.value(), refresh);
    let error = error_of(action.value());
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let mut changes: Vec<Change> = quantities
            .get_untracked()
            .into_iter()
            .filter(|(_, q)| !q.trim().is_empty())
            .map(|(line_key, q)| Change::Quantity { line_key, quantity: q.trim().parse().unwrap_or(0) })
            .collect();
        if !date.get_untracked().trim().is_empty() {
            changes.push(Change::OrderDate { requested_date: parse_date(&date.get_untracked()) });
        }
        action.dispatch(CounterChange { id, changes, message: message.get_untracked() });
    };
    view! {
        <details>
            <summary class="button">{t.change_counter}</summary>
            <form class="stack" on:submit=submit data-testid="change-counter-form">
                <div class="field">
                    <label for="counter-date">{t.proposed_date}</label>
                    <input id="counter-date" type="date" on:change=move |ev| date.set(event_target_value(&ev)) />
                </div>
                <table class="table compact">
                    <thead><tr><th>{t.sku}</th><th class="num">{t.quantity}</th><th>{t.proposed_quantity}</th></tr></thead>
                    <tbody>
                        {lines.into_iter().map(|l| {
                            let key = l.line_key;
                            view! {
                                <tr>
                                    <td data-label=t.sku>{l.sku.clone()}</td>
                                    <td data-label=t.quantity class="num">{l.quantity}</td>
                                    <td data-label=t.proposed_quantity>
                                        <input type="number" min="1" aria-label=format!("{} {}", t.proposed_quantity, l.sku) on:input=move |ev| quantities.update(|q| { q.insert(key, event_target_value(&ev)); }) />
                                    </td>
                                </tr>
                            }
                        }).collect_view()}
                    </tbody>
                </table>
                <div class="field">
                    <label for="counter-message">{t.change_counter_message}</label>
                    <input id="counter-message" required maxlength="1000" on:input=move |ev| message.set(event_target_value(&ev)) />
                    {move || field_error(error, "message").get().map(|m| view! { <p class="field-error" role="alert">{m}</p> })}
                </div>
                <ErrorBanner error=error />
                <SubmitButton label=t.change_counter pending=action.pending() />
            </form>
        </details>
    }
}
