use super::{show_date, StatusBadge};
use crate::accounts::Role;
use crate::components::{error_of, field_error, loaded, reason_action, refresh_after, simple_action, ErrorBanner, Loading, SubmitButton, TextField};
use crate::error::AppError;
use crate::i18n::{fill, use_t};
use crate::orders::server_fns::{order_detail, AcceptCounter, CancelOrder, ConfirmOrder, CounterOrder, DeclineCounter, RejectOrder, StartProduction, SubmitOrder};
use crate::orders::{counter_quantity_field, status, Command, Order, OrderLine, OrderStatus};
use crate::shell::use_me;
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_params_map;

/// One order: header, lines, totals, the timeline both sides see, and the
/// actions the signed-in user may take in its current status.
#[component]
pub fn OrderDetailPage() -> impl IntoView {
    let t = use_t();
    let params = use_params_map();
    let id = move || params.with(|p| p.get("id")).and_then(|s| s.parse::<i64>().ok());
    let refresh = RwSignal::new(0u32);
    // read again whenever one of the order's shipments moves
    let live = crate::components::use_live(move |e| (e.kind.starts_with("shipment.") || e.kind.starts_with("quality.")) && e.order_id.is_some() && e.order_id == id());
    let order = Resource::new(
        move || (id(), refresh.get(), live.get()),
        |(id, _, _)| async move {
            match id {
                Some(id) => order_detail(id).await,
                None => Err(AppError::NotFound),
            }
        },
    );
    // the order's change requests, read beside it (a resource of the page,
    // not of a component inside it, so hydration finds its data)
    let changes = Resource::new(
        move || (id(), refresh.get()),
        |(id, _)| async move {
            match id {
                Some(id) => crate::changes::server_fns::order_change_requests(id).await,
                None => Ok(Vec::new()),
            }
        },
    );
    // its shipments, read beside it
    let shipments = Resource::new(
        move || (id(), refresh.get(), live.get()),
        |(id, _, _)| async move {
            match id {
                Some(id) => crate::shipments::server_fns::shipments_of_order(id).await.map(Some),
                None => Ok(None),
            }
        },
    );
    let plan = Resource::new(
        move || (id(), refresh.get(), live.get()),
        |(id, _, _)| async move {
            match id {
                Some(id) => crate::planning::server_fns::order_plan(id).await.map(Some),
                None => Ok(None),
            }
        },
    );
    let inspections = Resource::new(
        move || (id(), refresh.get(), live.get()),
        |(id, _, _)| async move {
            match id {
                Some(id) => crate::quality::server_fns::order_inspections(id).await.map(Some),
                None => Ok(None),
            }
        },
    );
    let shipping = Resource::new(
        move || (id(), refresh.get(), live.get()),
        |(id, _, _)| async move {
            match id {
                Some(id) => crate::rates::server_fns::shipping_options(id, String::new()).await.map(Some),
                None => Ok(None),
            }
        },
    );
    view! {
        <p><a href="/orders">"← "{t.nav_orders}</a></p>
        <Transition fallback=Loading>
            {move || Suspend::new(async move {
                let requests = changes.await.unwrap_or_default();
                let shipped = shipments.await.ok().flatten();
                let plan = plan.await.ok().flatten().filter(|p| !p.milestones.is_empty());
                let quality = inspections.await.ok().flatten();
                let shipping = shipping.await.ok().flatten();
                loaded(order.await, |o| view! { <OrderView o requests shipped plan quality shipping refresh /> }.into_any())
            })}
        </Transition>
    }
}

#[component]
fn OrderView(
    o: Order,
    requests: Vec<crate::changes::ChangeRequest>,
    shipped: Option<crate::shipments::OrderShipments>,
    plan: Option<crate::planning::Plan>,
    quality: Option<crate::quality::OrderInspections>,
    shipping: Option<crate::rates::OrderOptions>,
    refresh: RwSignal<u32>,
) -> impl IntoView {
    let t = use_t();
    // A plain title set once the order is loaded: a reactive title would be
    // read by the server after the page's reactive values are gone.
    let proposing = o.lines.iter().any(|l| l.counter_quantity.is_some());
    view! {
        <Title text=o.number.clone() />
        <header class="page-title title-row">
            <h1 data-testid="order-number">{o.number.clone()}</h1>
            <StatusBadge status=o.status />
        </header>
        <section class="card">
            <dl class="facts">
                <dt>{t.po_number}</dt><dd>{o.po_number.clone()}</dd>
                <dt>{t.requested_date}</dt><dd>{show_date(o.requested_date)}</dd>
                <dt>{t.promised_date}</dt><dd data-testid="promised-date">{show_date(o.promised_date)}</dd>
                <dt>{t.total}</dt><dd>{crate::money::shown(&o.total)}</dd>
                {(o.version > 1).then(|| view! { <dt>{t.version}</dt><dd data-testid="order-version">{o.version}</dd> })}
                {(!o.notes.is_empty()).then(|| view! { <dt>{t.notes}</dt><dd>{o.notes.clone()}</dd> })}
            </dl>
            {(!o.dates_feasible && o.status == OrderStatus::Submitted).then(|| view! {
                <p class="tag warn">{t.date_flag}" — "{fill(t.order_earliest, show_date(o.earliest_date))}</p>
            })}
            {(o.over_credit && o.status == OrderStatus::Submitted).then(|| view! { <p class="tag warn">{t.credit_flag}</p> })}
        </section>
        <Actions o=o.clone() refresh />
        <crate::changes::pages::OrderChanges o=o.clone() requests />
        {plan.map(|plan| view! { <crate::planning::pages::PlanPanel plan refresh /> })}
        {quality.map(|data| view! { <crate::quality::pages::QualityPanel order_id=o.id data refresh /> })}
        {shipping.map(|data| view! { <crate::rates::pages::ShippingPanel order_id=o.id data refresh /> })}
        {shipped.map(|data| view! { <crate::shipments::pages::OrderShipmentsPanel order_id=o.id data refresh /> })}
        <section class="card">
            <h2>{t.lines}</h2>
            <table class="table" data-testid="order-lines">
                <thead><tr>
                    <th>"#"</th><th>{t.sku}</th><th class="num">{t.quantity}</th>
                    {proposing.then(|| view! { <th class="num">{t.proposed_quantity}</th> })}
                    <th class="num">{t.unit_price}</th><th class="num">{t.amount}</th><th>{t.requested_date}</th>
                </tr></thead>
                <tbody>
                    {o.lines.iter().map(|l| {
                        let amount = l.unit_price.as_ref().map(|p| crate::money::Money::new(l.quantity.saturating_mul(p.minor), &p.currency));
                        let proposed = l.counter_quantity;
                        view! {
                            <tr>
                                <td data-label="#">{l.line_no}</td>
                                <td data-label=t.sku>{l.sku.clone()}</td>
                                <td data-label=t.quantity class="num">{l.quantity}</td>
                                {proposing.then(|| view! {
                                    <td data-label=t.proposed_quantity class="num" class:changed=proposed.is_some()>{proposed.map_or_else(|| "—".to_string(), |q| q.to_string())}</td>
                                })}
                                <td data-label=t.unit_price class="num">{crate::money::shown(&l.unit_price)}</td>
                                <td data-label=t.amount class="num">{crate::money::shown(&amount)}</td>
                                <td data-label=t.requested_date>{show_date(l.requested_date.or(o.requested_date))}</td>
                            </tr>
                        }
                    }).collect_view()}
                </tbody>
            </table>
        </section>
        <section class="card">
            <h2>{t.timeline}</h2>
            <ol class="timeline" data-testid="timeline">
                {o.events.iter().map(|e| {
                    let what = t.change_event(&e.kind).or(t.plan_event(&e.kind)).or(t.quality_event(&e.kind)).or((e.kind == "shipping_chosen").then_some(t.shipping_chosen_event)).or(e.to_status.map(|s| t.status(s))).unwrap_or(t.created);
                    let when = super::show_instant(e.at);
                    view! {
                        <li>
                            <strong>{what}</strong>" · "{e.actor.clone()}" · "<small class="muted">{when}</small>
                            {e.date.map(|d| view! { <p class="muted">"→ "{d.to_string()}</p> })}
                            {(!e.quantities.is_empty()).then(|| view! {
                                <ul class="changes">
                                    {e.quantities.iter().map(|q| view! { <li>{format!("#{} {}: {} → {}", q.line_no, q.sku, q.from, q.to)}</li> }).collect_view()}
                                </ul>
                            })}
                            {(!e.reason.is_empty()).then(|| view! { <p class="reason">{e.reason.clone()}</p> })}
                        </li>
                    }
                }).collect_view()}
            </ol>
        </section>
    }
}

/// The actions this user may take on the order now.
#[component]
fn Actions(o: Order, refresh: RwSignal<u32>) -> impl IntoView {
    let t = use_t();
    let me = use_me();
    let customer = matches!(me.role, Role::Buyer | Role::CustomerAdmin);
    // exactly what the service will accept (one rule: `status::allowed`)
    let allowed = status::allowed(o.status, me.role);
    let may = |c: Command| allowed.contains(&c);
    let id = o.id;
    let mut parts: Vec<AnyView> = Vec::new();
    if may(Command::Submit) {
        parts.push(view! { <SubmitAction id label=t.submit_order refresh /> }.into_any());
    }
    if may(Command::AcceptCounter) {
        let note = fill(t.counter_waiting, show_date(o.counter_date));
        parts.push(
            view! {
                <div class="banner ok" data-testid="counter-proposal"><p>{note}</p><p>{o.counter_message.clone()}</p></div>
                <AcceptCounterAction id label=t.accept_counter refresh />
            }
            .into_any(),
        );
    }
    if may(Command::DeclineCounter) {
        parts.push(view! { <DeclineCounterAction id label=t.decline_counter refresh /> }.into_any());
    }
    if may(Command::Confirm) {
        let default_date = o.earliest_date.filter(|_| !o.dates_feasible).or(o.requested_date).map(|d| d.to_string()).unwrap_or_default();
        parts.push(view! { <ConfirmForm id default_date refresh /> }.into_any());
    }
    if may(Command::Counter) {
        parts.push(view! { <CounterForm id lines=o.lines.clone() refresh /> }.into_any());
    }
    if may(Command::Reject) {
        parts.push(view! { <RejectAction id label=t.reject refresh /> }.into_any());
    }
    if may(Command::StartProduction) {
        parts.push(view! { <StartProductionAction id label=t.start_production refresh /> }.into_any());
    }
    if may(Command::Cancel) {
        parts.push(view! { <CancelAction id label=t.cancel_order refresh /> }.into_any());
    }
    // reordering is placing a new order, not a command on this one
    if customer && o.status != OrderStatus::Draft {
        parts.push(view! { <a class="button" href=format!("/orders/new?from={id}") data-testid="reorder">{t.reorder}</a> }.into_any());
    }
    if parts.is_empty() {
        return ().into_any();
    }
    view! { <section class="card actions" data-testid="actions"><h2>{t.actions}</h2>{parts}</section> }.into_any()
}

simple_action!(SubmitAction, SubmitOrder);
simple_action!(AcceptCounterAction, AcceptCounter);
simple_action!(StartProductionAction, StartProduction);
reason_action!(DeclineCounterAction, DeclineCounter);
reason_action!(RejectAction, RejectOrder);
reason_action!(CancelAction, CancelOrder);

#[component]
fn ConfirmForm(id: i64, default_date: String, refresh: RwSignal<u32>) -> impl IntoView {
    let t = use_t();
    let action = ServerAction::<ConfirmOrder>::new();
    refresh_after(action.value(), refresh);
    let error = error_of(action.value());
    view! {
        <ActionForm action=action attr:class="stack" attr:data-testid="confirm-form">
            <input type="hidden" name="id" value=id />
            <TextField label=t.promised_date name="promised_date" kind="date" value=default_date error=field_error(error, "promised_date") />
            <TextField label=t.message name="message" error=field_error(error, "message") />
            <ErrorBanner error=Signal::derive(move || error.get().filter(|e| !matches!(e, AppError::Invalid(_)))) />
            <SubmitButton label=t.confirm pending=action.pending() />
        </ActionForm>
    }
}

/// Another date and/or other quantities: one input per line, named
/// `quantities[<line key>]`, blank keeps the line.
#[component]
fn CounterForm(id: i64, lines: Vec<OrderLine>, refresh: RwSignal<u32>) -> impl IntoView {
    let t = use_t();
    let action = ServerAction::<CounterOrder>::new();
    refresh_after(action.value(), refresh);
    let error = error_of(action.value());
    let line_error = move |field: &str| error.with(|e| e.as_ref().and_then(|e| e.for_field(field)).map(|r| t.invalid(r)));
    view! {
        <details>
            <summary class="button">{t.counter}</summary>
            <ActionForm action=action attr:class="stack" attr:data-testid="counter-form">
                <input type="hidden" name="id" value=id />
                <p class="muted">{t.counter_hint}</p>
                <TextField label=t.proposed_date name="counter_date" kind="date" error=field_error(error, "counter_date") />
                <table class="table compact">
                    <thead><tr><th>{t.sku}</th><th class="num">{t.quantity}</th><th>{t.proposed_quantity}</th></tr></thead>
                    <tbody>
                        {lines.into_iter().map(|l| {
                            let field = counter_quantity_field(l.line_key);
                            let name = field.clone();
                            view! {
                                <tr>
                                    <td data-label=t.sku>{l.sku}</td>
                                    <td data-label=t.quantity class="num">{l.quantity}</td>
                                    <td data-label=t.proposed_quantity>
                                        <input type="number" min="1" name=name aria-label=format!("{} {}", t.proposed_quantity, l.line_no) data-testid=format!("counter-qty-{}", l.line_no) />
                                        {move || line_error(&field).map(|m| view! { <p class="field-error" role="alert">{m}</p> })}
                                    </td>
                                </tr>
                            }
                        }).collect_view()}
                    </tbody>
                </table>
                <TextField label=t.message name="message" required=true error=field_error(error, "message") />
                <ErrorBanner error=Signal::derive(move || error.get().filter(|e| !matches!(e, AppError::Invalid(_)))) />
                <SubmitButton label=t.counter pending=action.pending() />
            </ActionForm>
        </details>
    }
}
