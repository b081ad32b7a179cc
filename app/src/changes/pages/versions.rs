//! The versions view: any two versions of an order side by side with the
//! diff highlighted, printable.

use super::DiffTable;
use crate::changes::server_fns::compare_versions;
use crate::changes::{Comparison, Version};
use crate::components::{loaded, Loading};
use crate::error::AppError;
use crate::i18n::{fill, use_t};
use crate::money::Money;
use crate::orders::pages::show_date;
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::{use_params_map, use_query_map};

#[component]
pub fn VersionsPage() -> impl IntoView {
    let t = use_t();
    let params = use_params_map();
    let query = use_query_map();
    let id = move || params.with(|p| p.get("id")).and_then(|s| s.parse::<i64>().ok());
    let pick = move |name: &'static str| query.with(|q| q.get(name)).and_then(|s| s.parse::<i64>().ok());
    let comparison = Resource::new(
        move || (id(), pick("a"), pick("b")),
        |(id, a, b)| async move {
            match id {
                Some(id) => compare_versions(id, a, b).await,
                None => Err(AppError::NotFound),
            }
        },
    );
    view! {
        <Title text=t.versions_compare />
        <Transition fallback=Loading>
            {move || Suspend::new(async move { loaded(comparison.await, |c| view! { <CompareView c /> }.into_any()) })}
        </Transition>
    }
}

#[component]
fn CompareView(c: Comparison) -> impl IntoView {
    let t = use_t();
    let order_id = c.order_id;
    let picker = move |name: &'static str, chosen: i64| {
        let numbers = c.versions.clone();
        view! {
            <select name=name aria-label=fill(t.version_n, name) data-testid=format!("pick-{name}")>
                {numbers.into_iter().map(|n| view! { <option value=n selected={n == chosen}>{fill(t.version_n, n)}</option> }).collect_view()}
            </select>
        }
    };
    view! {
        <p class="no-print"><a href=format!("/orders/{order_id}")>"← "{c.order_number.clone()}</a></p>
        <header class="page-title title-row">
            <h1>{format!("{} · {}", c.order_number, t.versions_compare)}</h1>
            <button type="button" class="no-print" on:click=move |_| print() data-testid="print">{t.versions_print}</button>
        </header>
        <form method="get" class="filters no-print" action=format!("/orders/{order_id}/versions")>
            {picker("a", c.a.number)}" → "{picker("b", c.b.number)}
            <button type="submit">{t.versions_compare}</button>
        </form>
        <section class="card">
            <h2>{format!("{} → {}", fill(t.version_n, c.a.number), fill(t.version_n, c.b.number))}</h2>
            <DiffTable diff=c.diff.clone() currency=c.currency.clone() show_money=c.show_money />
        </section>
        <div class="side-by-side">
            <VersionCard v=c.a.clone() currency=c.currency.clone() show_money=c.show_money />
            <VersionCard v=c.b.clone() currency=c.currency.clone() show_money=c.show_money />
        </div>
    }
}

/// Opens the browser's print dialog (the page has print styles).
fn print() {
    #[cfg(feature = "hydrate")]
    if let Some(w) = web_sys::window() {
        let _ = w.print();
    }
}

#[component]
fn VersionCard(v: Version, currency: String, show_money: bool) -> impl IntoView {
    let t = use_t();
    let total = Money::new(v.total_minor(), &currency).display();
    view! {
        <section class="card" data-testid=format!("version-{}", v.number)>
            <h2>{fill(t.version_n, v.number)}</h2>
            <dl class="facts">
                <dt>{t.po_number}</dt><dd>{v.po_number.clone()}</dd>
                <dt>{t.requested_date}</dt><dd>{show_date(v.requested_date)}</dd>
                {show_money.then(|| view! { <dt>{t.total}</dt><dd>{total}</dd> })}
                {(!v.notes.is_empty()).then(|| view! { <dt>{t.notes}</dt><dd>{v.notes.clone()}</dd> })}
            </dl>
            <table class="table compact">
                <thead><tr><th>{t.sku}</th><th class="num">{t.quantity}</th>{show_money.then(|| view! { <th class="num">{t.amount}</th> })}<th>{t.requested_date}</th></tr></thead>
                <tbody>
                    {v.lines.iter().map(|l| view! {
                        <tr>
                            <td data-label=t.sku>{l.sku.clone()}</td>
                            <td data-label=t.quantity class="num">{l.quantity}</td>
                            {show_money.then(|| view! { <td data-label=t.amount class="num">{Money::new(l.total_minor(), &currency).display()}</td> })}
                            <td data-label=t.requested_date>{show_date(l.requested_date)}</td>
                        </tr>
                    }).collect_view()}
                </tbody>
            </table>
        </section>
    }
}
