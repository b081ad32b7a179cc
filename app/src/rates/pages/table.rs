//! The rate table (staff) and, for the staff admin, its CSV import: the
//! current table as CSV in a text box to edit or replace, every bad line
//! named with its number after an import that changed nothing.

use crate::accounts::Role;
use crate::components::{loaded, refresh_after, EmptyState, Loading, Notice, PageTitle, SubmitButton};
use crate::error::AppError;
use crate::i18n::{fill, use_t};
use crate::money::Money;
use crate::rates::server_fns::{rate_table, ImportRates};
use crate::rates::{csv, show_weekdays, Rate};
use crate::shell::use_me;
use leptos::form::ActionForm;
use leptos::prelude::*;
use leptos_meta::Title;

#[component]
pub fn RatesPage() -> impl IntoView {
    let t = use_t();
    let admin = use_me().role == Role::StaffAdmin;
    let refresh = RwSignal::new(0u32);
    let rates = Resource::new(move || refresh.get(), |_| rate_table());
    let import = ServerAction::<ImportRates>::new();
    refresh_after(import.value(), refresh);
    let done = Signal::derive(move || import.value().with(|v| matches!(v, Some(Ok(_)))));
    // every refused line, as "Line 4: cost_per_kg — Enter an amount."
    let line_errors = move || match import.value().get() {
        Some(Err(AppError::Invalid(errors))) => errors
            .into_iter()
            .map(|e| {
                let mut parts = e.field.splitn(3, '.');
                let (_, line, field) = (parts.next(), parts.next().unwrap_or(""), parts.next().unwrap_or(""));
                fill(&fill(&fill(t.rate_line_error, line), field), t.invalid(e.reason))
            })
            .collect::<Vec<_>>(),
        _ => Vec::new(),
    };
    view! {
        <Title text=t.rate_table />
        <PageTitle title=t.rate_table.to_string() />
        <Transition fallback=Loading>
            {move || Suspend::new(async move {
                loaded(rates.await, |rates| {
                    let text = csv::write(&rates);
                    view! {
                        <section class="card">
                            {if rates.is_empty() { view! { <EmptyState text=t.rates_none /> }.into_any() } else { view! { <RateTableView rates /> }.into_any() }}
                        </section>
                        {admin.then(|| view! {
                            <section class="card" data-testid="rate-import">
                                <h2>{t.rate_import}</h2>
                                <p class="muted" id="rate-import-hint">{t.rate_import_hint}</p>
                                <ActionForm action=import attr:class="stack">
                                    <textarea name="csv" rows="10" class="mono" aria-label=t.rate_import aria-describedby="rate-import-hint" spellcheck="false">{text}</textarea>
                                    <ul class="field-error" role="alert" data-testid="rate-errors">{move || line_errors().into_iter().map(|e| view! { <li>{e}</li> }).collect_view()}</ul>
                                    <Notice show=done text=t.rate_imported />
                                    <SubmitButton label=t.rate_import pending=import.pending() />
                                </ActionForm>
                            </section>
                        })}
                    }
                    .into_any()
                })
            })}
        </Transition>
    }
}

#[component]
fn RateTableView(rates: Vec<Rate>) -> impl IntoView {
    let t = use_t();
    view! {
        <table class="table" data-testid="rate-table">
            <thead><tr>
                <th>{t.zone}</th><th>{t.mode}</th><th>{t.origin}</th><th class="num">{t.weight_band}</th><th class="num">{t.cost_per_kg}</th>
                <th class="num">{t.minimum_charge}</th><th class="num">{t.transit_days}</th><th>{t.pickup_days}</th>
            </tr></thead>
            <tbody>
                {rates.into_iter().map(|r| view! {
                    <tr data-testid="rate-row">
                        <td data-label=t.zone>{r.zone}</td>
                        <td data-label=t.mode>{t.mode(r.mode)}</td>
                        <td data-label=t.origin>{r.origin}</td>
                        <td data-label=t.weight_band class="num">{format!("{}–{}", r.min_kg, r.max_kg)}</td>
                        <td data-label=t.cost_per_kg class="num">{Money::cny(r.per_kg_minor).display()}</td>
                        <td data-label=t.minimum_charge class="num">{Money::cny(r.minimum_minor).display()}</td>
                        <td data-label=t.transit_days class="num">{r.transit_days}</td>
                        <td data-label=t.pickup_days>{show_weekdays(&r.pickup_days)}</td>
                    </tr>
                }).collect_view()}
            </tbody>
        </table>
    }
}
