//! The order page's shipments: each shipment with its status and ETA, what
//! each line has left to ship, and — for staff who may ship the order now
//! — the shipment form (partial shipments are normal: ship what is ready).

use super::{parse_weight, Eta, ShipmentBadge};
use crate::components::{new_key, ErrorBanner, Notice};
use crate::error::{AppError, Invalid};
use crate::i18n::use_t;
use crate::orders::paste::parse_date;
use crate::shipments::server_fns::create_shipment;
use crate::shipments::{Mode, OrderShipments, ShipLineInput, ShipmentInput, ShippableLine};
use leptos::prelude::*;

#[component]
pub fn OrderShipmentsPanel(order_id: i64, data: OrderShipments, refresh: RwSignal<u32>) -> impl IntoView {
    let t = use_t();
    if data.shipments.is_empty() && !data.may_ship {
        return ().into_any();
    }
    let form = data.may_ship.then(|| view! { <ShipForm order_id lines=data.lines.clone() carriers=data.carriers.clone() today=data.today refresh /> });
    view! {
        <section class="card" data-testid="order-shipments">
            <h2>{t.shipments_of_order}</h2>
            {(!data.shipments.is_empty()).then(|| view! {
                <table class="table">
                    <thead><tr><th>{t.shipment_number}</th><th>{t.carrier}</th><th>{t.status}</th><th>{t.eta}</th></tr></thead>
                    <tbody>
                        {data.shipments.iter().map(|s| { let late = s.late(); view! {
                            <tr data-testid="order-shipment">
                                <td data-label=t.shipment_number><a href=format!("/shipments/{}", s.id)>{s.number.clone()}</a></td>
                                <td data-label=t.carrier>{s.carrier_name.clone()}" · "{s.tracking_number.clone()}</td>
                                <td data-label=t.status><ShipmentBadge status=s.status /></td>
                                <td data-label=t.eta><Eta eta=s.eta promised=s.promised_date late /></td>
                            </tr>
                        }}).collect_view()}
                    </tbody>
                </table>
            })}
            {form}
        </section>
    }
    .into_any()
}

/// Staff's shipment form. One idempotency key per shipment being entered:
/// a double click or a retry after a lost answer makes one shipment.
#[component]
fn ShipForm(order_id: i64, lines: Vec<ShippableLine>, carriers: Vec<crate::shipments::Carrier>, today: time::Date, refresh: RwSignal<u32>) -> impl IntoView {
    let t = use_t();
    let remaining: Vec<ShippableLine> = lines.into_iter().filter(|l| l.remaining() > 0).collect();
    if remaining.is_empty() {
        return view! { <p class="muted">{t.nothing_to_ship}</p> }.into_any();
    }
    let carrier = RwSignal::new(carriers.first().map(|c| c.code.clone()).unwrap_or_default());
    let mode = RwSignal::new(Mode::Road.as_str().to_string());
    let tracking = RwSignal::new(String::new());
    let packages = RwSignal::new("1".to_string());
    let weight = RwSignal::new(String::new());
    let ship_date = RwSignal::new(today.to_string());
    let eta = RwSignal::new(String::new());
    let note = RwSignal::new(String::new());
    // quantity to ship per line, prefilled with what remains
    let quantities: Vec<(ShippableLine, RwSignal<String>)> = remaining
        .into_iter()
        .map(|l| {
            let q = RwSignal::new(l.remaining().to_string());
            (l, q)
        })
        .collect();
    let key = RwSignal::new(String::new());
    // the line keys in the order they were sent, to put `lines.{i}` errors on their rows
    let sent = RwSignal::new(Vec::<i64>::new());
    let quantities_for_send = quantities.clone();
    let send = Action::new(move |(input, key): &(ShipmentInput, String)| {
        let (input, key) = (input.clone(), key.clone());
        async move { create_shipment(order_id, input, key).await }
    });
    let local_error = RwSignal::new(None::<AppError>);
    let error = Signal::derive(move || local_error.get().or_else(|| send.value().get().and_then(|r| r.err())));
    let field = move |name: &'static str| Signal::derive(move || error.with(|e| e.as_ref().and_then(|e| e.for_field(name)).map(|r| t.invalid(r))));
    Effect::new(move |_| {
        if matches!(send.value().get(), Some(Ok(_))) {
            key.set(new_key());
            refresh.update(|n| *n += 1);
        }
    });
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        local_error.set(None);
        let mut errors = Vec::new();
        let weight_grams = parse_weight(&weight.get_untracked()).unwrap_or_else(|| {
            errors.push(crate::error::FieldError { field: "weight_grams".into(), reason: Invalid::Quantity });
            0
        });
        let date = |text: String, name: &str, errors: &mut Vec<crate::error::FieldError>| match text.trim() {
            "" => None,
            t => parse_date(t).or_else(|| {
                errors.push(crate::error::FieldError { field: name.into(), reason: Invalid::NotAllowed });
                None
            }),
        };
        let ship = date(ship_date.get_untracked(), "ship_date", &mut errors);
        let eta = date(eta.get_untracked(), "eta", &mut errors);
        let mut lines = Vec::new();
        for (l, q) in &quantities_for_send {
            let text = q.get_untracked();
            match text.trim().parse::<i64>() {
                Ok(0) => {}
                Ok(quantity) => lines.push(ShipLineInput { line_key: l.line_key, quantity }),
                Err(_) if text.trim().is_empty() => {}
                Err(_) => lines.push(ShipLineInput { line_key: l.line_key, quantity: -1 }),
            }
        }
        let Some(ship_date) = ship else {
            errors.push(crate::error::FieldError { field: "ship_date".into(), reason: Invalid::Required });
            local_error.set(Some(AppError::Invalid(errors)));
            return;
        };
        if !errors.is_empty() {
            local_error.set(Some(AppError::Invalid(errors)));
            return;
        }
        let input = ShipmentInput {
            carrier: carrier.get_untracked(),
            mode: Mode::parse(&mode.get_untracked()).unwrap_or(Mode::Road),
            tracking_number: tracking.get_untracked(),
            packages: packages.get_untracked().trim().parse().unwrap_or(0),
            weight_grams,
            ship_date,
            eta,
            delivery_note: note.get_untracked(),
            lines,
        };
        sent.set(input.lines.iter().map(|l| l.line_key).collect());
        if key.get_untracked().is_empty() {
            key.set(new_key());
        }
        send.dispatch((input, key.get_untracked()));
    };
    let input = move |label: &'static str, name: &'static str, kind: &'static str, value: RwSignal<String>| {
        let err = field(name);
        view! {
            <div class="field" class:has-error=move || err.with(Option::is_some)>
                <label>{label}<input type=kind name=name prop:value=move || value.get() on:input=move |e| value.set(event_target_value(&e)) /></label>
                <p class="field-error" role="alert">{move || err.get()}</p>
            </div>
        }
    };
    view! {
        <details class="ship-form" data-testid="ship-form" open>
            <summary><strong>{t.new_shipment}</strong></summary>
            <form on:submit=submit class="stack">
                <div class="grid2">
                    <div class="field">
                        <label>{t.carrier}
                            <select name="carrier" on:change=move |e| carrier.set(event_target_value(&e))>
                                {carriers.into_iter().map(|c| view! { <option value=c.code.clone()>{c.name}</option> }).collect_view()}
                            </select>
                        </label>
                        <p class="field-error" role="alert">{move || field("carrier").get()}</p>
                    </div>
                    <div class="field">
                        <label>{t.mode}
                            <select name="mode" on:change=move |e| mode.set(event_target_value(&e))>
                                {Mode::ALL.into_iter().map(|m| view! { <option value=m.as_str()>{t.mode(m)}</option> }).collect_view()}
                            </select>
                        </label>
                    </div>
                    {input(t.tracking_number, "tracking_number", "text", tracking)}
                    {input(t.delivery_note, "delivery_note", "text", note)}
                    {input(t.packages, "packages", "number", packages)}
                    {input(t.weight_kg, "weight_grams", "text", weight)}
                    {input(t.ship_date, "ship_date", "date", ship_date)}
                    {input(t.eta, "eta", "date", eta)}
                </div>
                <table class="table lines">
                    <thead><tr><th>"#"</th><th>{t.sku}</th><th class="num">{t.ordered_qty}</th><th class="num">{t.shipped_qty}</th><th class="num">{t.remaining_qty}</th><th>{t.to_ship}</th></tr></thead>
                    <tbody>
                        {quantities.into_iter().map(|(l, q)| {
                            let key = l.line_key;
                            let err = Signal::derive(move || {
                                let i = sent.with(|s| s.iter().position(|k| *k == key))?;
                                error.with(|e| e.as_ref().and_then(|e| e.for_field(&format!("lines.{i}.quantity"))).map(|r| t.invalid(r)))
                            });
                            view! {
                                <tr>
                                    <td data-label="#">{l.line_no}</td>
                                    <td data-label=t.sku>{l.sku.clone()}</td>
                                    <td data-label=t.ordered_qty class="num">{l.ordered}</td>
                                    <td data-label=t.shipped_qty class="num">{l.shipped}</td>
                                    <td data-label=t.remaining_qty class="num">{l.remaining()}</td>
                                    <td data-label=t.to_ship>
                                        <input type="number" min="0" max=l.remaining() aria-label=t.to_ship name=format!("ship_{key}")
                                            prop:value=move || q.get() on:input=move |e| q.set(event_target_value(&e)) />
                                        <p class="field-error" role="alert">{move || err.get()}</p>
                                    </td>
                                </tr>
                            }
                        }).collect_view()}
                    </tbody>
                </table>
                <p class="field-error" role="alert">{move || field("lines").get()}</p>
                <ErrorBanner error=Signal::derive(move || error.get().filter(|e| !matches!(e, AppError::Invalid(_)))) />
                <Notice show=Signal::derive(move || matches!(send.value().get(), Some(Ok(_)))) text=t.shipment_created />
                <button type="submit" class="primary" disabled=move || send.pending().get() data-testid="ship">{t.ship_now}</button>
            </form>
        </details>
    }
    .into_any()
}
