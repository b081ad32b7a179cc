use super::{show_weight, Eta, ShipmentBadge};
use crate::components::{error_of, field_error, loaded, refresh_after, use_live, ErrorBanner, Loading, Notice, SelectField, SubmitButton, TextField};
use crate::error::AppError;
use crate::i18n::use_t;
use crate::orders::pages::{show_date, show_instant};
use crate::shell::use_me;
use crate::shipments::server_fns::{shipment_detail, RecordTracking};
use crate::shipments::{rules, Shipment, TrackingKind};
use leptos::form::ActionForm;
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_params_map;

/// One shipment: what it carries, where it is (its journey, latest first),
/// the ETA against the promised date; staff who ship record steps here.
/// The page reads itself again when the shipment moves.
#[component]
pub fn ShipmentDetailPage() -> impl IntoView {
    let t = use_t();
    let params = use_params_map();
    let id = move || params.with(|p| p.get("id")).and_then(|s| s.parse::<i64>().ok());
    let refresh = RwSignal::new(0u32);
    let live = use_live(move |e| e.kind.starts_with("shipment.") && e.subject_id.is_some() && e.subject_id == id());
    let shipment = Resource::new(
        move || (id(), refresh.get(), live.get()),
        |(id, _, _)| async move {
            match id {
                Some(id) => shipment_detail(id).await,
                None => Err(AppError::NotFound),
            }
        },
    );
    view! {
        <p><a href="/shipments">"← "{t.nav_shipments}</a></p>
        <Transition fallback=Loading>
            {move || Suspend::new(async move { loaded(shipment.await, |s| view! { <ShipmentView s refresh /> }.into_any()) })}
        </Transition>
    }
}

#[component]
fn ShipmentView(s: Shipment, refresh: RwSignal<u32>) -> impl IntoView {
    let t = use_t();
    let me = use_me();
    let late = s.late();
    let latest = s.events.last().map(|e| e.id);
    view! {
        <Title text=s.number.clone() />
        <header class="page-title title-row">
            <h1 data-testid="shipment-number">{s.number.clone()}</h1>
            <ShipmentBadge status=s.status />
        </header>
        {s.exception.clone().map(|why| view! { <div class="banner error" role="status" data-testid="shipment-exception">{t.track_kind_exception}": "{why}</div> })}
        <section class="card">
            <dl class="facts">
                <dt>{t.order_number}</dt><dd><a href=format!("/orders/{}", s.order_id)>{s.order_number.clone()}</a></dd>
                <dt>{t.carrier}</dt><dd>{s.carrier_name.clone()}" · "{t.mode(s.mode)}</dd>
                <dt>{t.tracking_number}</dt><dd data-testid="tracking-number">{s.tracking_number.clone()}</dd>
                <dt>{t.ship_date}</dt><dd>{s.ship_date.to_string()}</dd>
                <dt>{t.eta}</dt><dd><Eta eta=s.eta promised=s.promised_date late /></dd>
                <dt>{t.promised_date}</dt><dd>{show_date(s.promised_date)}</dd>
                <dt>{t.packages}</dt><dd>{s.packages}" · "{show_weight(s.weight_grams)}" kg"</dd>
                {(!s.delivery_note.is_empty()).then(|| view! { <dt>{t.delivery_note}</dt><dd>{s.delivery_note.clone()}</dd> })}
            </dl>
            <p class="muted"><small>{t.live_hint}</small></p>
        </section>
        {rules::may_ship(me.role).then(|| view! { <RecordStep id=s.id refresh /> })}
        <section class="card">
            <h2>{t.journey}</h2>
            {if s.events.is_empty() {
                view! { <p class="muted" data-testid="journey-empty">{t.journey_empty}</p> }.into_any()
            } else {
                view! {
                    <ol class="journey" data-testid="journey">
                        {s.events.iter().rev().map(|e| {
                            let class = match (Some(e.id) == latest, e.kind == TrackingKind::Exception) {
                                (_, true) => "exception",
                                (true, _) => "latest",
                                _ => "",
                            };
                            view! {
                                <li class=class data-kind=e.kind.as_str()>
                                    <strong>{t.tracking_kind(e.kind)}</strong>
                                    {(!e.place.is_empty()).then(|| view! { " · "{e.place.clone()} })}
                                    <br /><small class="muted">{show_instant(e.at)}" · "{e.recorded_by.clone()}{e.from_carrier.then(|| view! { " ("{t.from_carrier}")" })}</small>
                                    {(!e.note.is_empty()).then(|| view! { <p class="reason">{e.note.clone()}</p> })}
                                    {e.eta.map(|d| view! { <p class="muted">{t.eta}": "{d.to_string()}</p> })}
                                </li>
                            }
                        }).collect_view()}
                    </ol>
                }.into_any()
            }}
        </section>
        <section class="card">
            <h2>{t.shipped_lines}</h2>
            <table class="table" data-testid="shipment-lines">
                <thead><tr><th>"#"</th><th>{t.sku}</th><th class="num">{t.quantity}</th></tr></thead>
                <tbody>
                    {s.lines.iter().map(|l| view! {
                        <tr><td data-label="#">{l.line_no}</td><td data-label=t.sku>{l.sku.clone()}</td><td data-label=t.quantity class="num">{l.quantity}</td></tr>
                    }).collect_view()}
                </tbody>
            </table>
        </section>
    }
}

/// Staff's form for one step of the journey.
#[component]
fn RecordStep(id: i64, refresh: RwSignal<u32>) -> impl IntoView {
    let t = use_t();
    let record = ServerAction::<RecordTracking>::new();
    let error = error_of(record.value());
    refresh_after(record.value(), refresh);
    let done = Signal::derive(move || matches!(record.value().get(), Some(Ok(_))));
    let kinds: Vec<(String, String)> = TrackingKind::ALL.into_iter().map(|k| (k.as_str().to_string(), t.tracking_kind(k).to_string())).collect();
    view! {
        <details class="card" data-testid="record-step">
            <summary><strong>{t.record_step}</strong></summary>
            <ActionForm action=record attr:class="stack">
                <input type="hidden" name="shipment_id" value=id />
                <SelectField label=t.step_kind name="kind" options=kinds error=field_error(error, "kind") />
                <TextField label=t.step_at name="at" kind="datetime-local" error=field_error(error, "at") />
                <TextField label=t.step_place name="place" error=field_error(error, "place") />
                <TextField label=t.step_note name="note" error=field_error(error, "note") />
                <TextField label=t.step_eta name="eta" kind="date" error=field_error(error, "eta") />
                <ErrorBanner error=Signal::derive(move || error.get().filter(|e| !matches!(e, AppError::Invalid(_)))) />
                <Notice show=done text=t.step_recorded />
                <SubmitButton label=t.record_step pending=record.pending() />
            </ActionForm>
        </details>
    }
}
