//! Rates on the pages: the order page's shipping panel (staff compare the
//! options and choose one with a reason; customers see the chosen mode and
//! its ETA) and the staff admin's rate table with its CSV import.

mod table;

pub use table::RatesPage;

use crate::components::{error_of, field_error, refresh_after, ErrorBanner, SubmitButton};
use crate::error::AppError;
use crate::i18n::{fill, use_t};
use crate::money::Money;
use crate::rates::server_fns::ChooseShipping;
use crate::rates::{sort_options, OrderOptions, ShipOption, SortBy};
use leptos::form::ActionForm;
use leptos::prelude::*;

#[component]
pub fn ShippingPanel(order_id: i64, data: OrderOptions, refresh: RwSignal<u32>) -> impl IntoView {
    let t = use_t();
    let choice = data.choice.clone().map(|c| {
        view! {
            <p data-testid="shipping-choice">
                <strong>{t.chosen_shipping}": "</strong>{t.mode(c.mode)}" · "{t.eta}" "{c.eta.to_string()}
                <span class="muted">" · "{fill(t.chosen_by, &c.chosen_by)}</span>
                {c.cost_minor.map(|m| view! { <span class="muted">" · "{Money::cny(m).display()}</span> })}
                {c.reason.map(|r| view! { <br /><span class="muted">{r}</span> })}
            </p>
        }
    });
    if !data.may_choose {
        // customers (and staff who do not ship): the choice alone, if any
        return choice.map(|c| view! { <section class="card" data-testid="shipping">{c}</section> }.into_any()).unwrap_or_else(|| ().into_any());
    }
    let sort = RwSignal::new(SortBy::Cost);
    let options = data.options.clone();
    let sorted = move || {
        let mut o = options.clone();
        sort_options(&mut o, sort.get());
        o
    };
    let choose = ServerAction::<ChooseShipping>::new();
    refresh_after(choose.value(), refresh);
    let error: Signal<Option<AppError>> = error_of(choose.value());
    let summary = fill(&fill(&fill(t.shipping_weight, (data.grams + 999) / 1000), &data.zone), data.ready);
    let body = if data.zone.is_empty() {
        view! { <p class="muted">{t.shipping_no_zone}</p> }.into_any()
    } else if data.options.is_empty() {
        view! { <p class="muted">{t.shipping_none}</p> }.into_any()
    } else {
        view! {
            <div class="segmented" role="group" aria-label=t.sort>
                <button type="button" class:active=move || sort.get() == SortBy::Cost aria-pressed=move || (sort.get() == SortBy::Cost).to_string() on:click=move |_| sort.set(SortBy::Cost) data-testid="sort-cost">{t.shipping_sort_cost}</button>
                <button type="button" class:active=move || sort.get() == SortBy::Arrival aria-pressed=move || (sort.get() == SortBy::Arrival).to_string() on:click=move |_| sort.set(SortBy::Arrival) data-testid="sort-arrival">{t.shipping_sort_arrival}</button>
            </div>
            <ActionForm action=choose attr:class="stack">
                <input type="hidden" name="order_id" value=order_id />
                <table class="table" data-testid="shipping-options">
                    <thead><tr><th></th><th>{t.mode}</th><th>{t.origin}</th><th class="num">{t.cost}</th><th>{t.pickup}</th><th>{t.arrival}</th><th>{t.promised_date}</th></tr></thead>
                    <tbody>
                        {move || sorted().into_iter().enumerate().map(|(i, o)| view! { <OptionRow o first=i == 0 /> }).collect_view()}
                    </tbody>
                </table>
                <p class="field-error" role="alert">{move || field_error(error, "rate_id").get()}</p>
                <div class="field" class:has-error=move || field_error(error, "reason").with(Option::is_some)>
                    <label for="f-choice-reason">{t.choice_reason}</label>
                    <textarea id="f-choice-reason" name="reason" rows="2" maxlength="500"></textarea>
                    <p class="field-error" role="alert">{move || field_error(error, "reason").get()}</p>
                </div>
                <ErrorBanner error=Signal::derive(move || error.get().filter(|e| !matches!(e, AppError::Invalid(_)))) />
                <SubmitButton label=t.choose pending=choose.pending() />
            </ActionForm>
        }
        .into_any()
    };
    view! {
        <section class="card" data-testid="shipping">
            <h2>{t.shipping_options}</h2>
            {choice}
            <p class="muted" data-testid="shipping-summary">{summary}</p>
            {body}
        </section>
    }
    .into_any()
}

#[component]
fn OptionRow(o: ShipOption, first: bool) -> impl IntoView {
    let t = use_t();
    let id = format!("opt-{}", o.rate_id);
    let (tag, promise) = if o.meets_promise { ("tag ok", t.meets_promise) } else { ("tag warn", t.misses_promise) };
    view! {
        <tr data-testid="shipping-option" data-mode=o.mode.as_str()>
            <td><input type="radio" name="rate_id" value=o.rate_id id=id.clone() checked=first /></td>
            <td data-label=t.mode><label for=id>{t.mode(o.mode)}</label></td>
            <td data-label=t.origin>{o.origin.clone()}</td>
            <td data-label=t.cost class="num">{Money::cny(o.cost_minor).display()}</td>
            <td data-label=t.pickup>{o.pickup.to_string()}</td>
            <td data-label=t.arrival>{o.arrival.to_string()}</td>
            <td data-label=t.promised_date><span class=tag>{promise}</span></td>
        </tr>
    }
}
