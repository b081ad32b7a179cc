use super::{Eta, ShipmentBadge};
use crate::components::{loaded, use_live, EmptyState, Loading, PageTitle};
use crate::i18n::use_t;
use crate::shell::use_me;
use crate::shipments::server_fns::shipment_list;
use crate::shipments::{ShipmentStatus, ShipmentSummary};
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_query_map;

/// Shipments: the customer's own (in transit, delivered, exceptions), or
/// every account's in scope for staff. The filters live in the URL
/// (`?q=…&status=…`), so the form works before the WASM arrives; the list
/// reads itself again whenever a shipment in view moves.
#[component]
pub fn ShipmentsPage() -> impl IntoView {
    let t = use_t();
    let staff = use_me().role.is_staff();
    let query = use_query_map();
    let param = move |name: &str| query.with(|q| q.get(name)).filter(|v| !v.trim().is_empty());
    let live = use_live(|e| e.kind.starts_with("shipment."));
    let more = RwSignal::new(Vec::<ShipmentSummary>::new());
    let cursor = RwSignal::new(None::<i64>);
    let first = Resource::new(
        move || (param("status").unwrap_or_default(), param("q").unwrap_or_default(), param("account").and_then(|a| a.parse().ok()), live.get()),
        |(status, q, account, _)| shipment_list(status, q, account, None),
    );
    Effect::new(move |_| {
        if let Some(Ok(page)) = first.get() {
            more.set(Vec::new());
            cursor.set(page.next_cursor);
        }
    });
    let load_more = move |_| {
        let (status, q, account) = (param("status").unwrap_or_default(), param("q").unwrap_or_default(), param("account").and_then(|a| a.parse().ok()));
        let after = cursor.get_untracked();
        leptos::task::spawn_local(async move {
            if let Ok(page) = shipment_list(status, q, account, after).await {
                more.update(|m| m.extend(page.items));
                cursor.set(page.next_cursor);
            }
        });
    };
    let now = |name: &str| query.with_untracked(|q| q.get(name)).unwrap_or_default();
    let status_now = now("status");
    view! {
        <Title text=t.nav_shipments />
        <PageTitle title=t.nav_shipments.to_string() />
        <form class="filters card" method="get" action="/shipments" data-testid="shipment-filters">
            <input type="search" name="q" placeholder=t.search_shipments aria-label=t.search value=now("q") />
            <select name="status" aria-label=t.status>
                <option value="">{t.all_shipment_statuses}</option>
                {ShipmentStatus::ALL.into_iter().map(|s| { let sel = s.as_str() == status_now; view! { <option value=s.as_str() selected=sel>{t.shipment_status(s)}</option> } }).collect_view()}
            </select>
            <button type="submit">{t.search}</button>
            <a class="button" href="/shipments">{t.clear_filters}</a>
        </form>
        <section class="card">
            <Transition fallback=Loading>
                {move || Suspend::new(async move {
                    loaded(first.await, |page| {
                        if page.items.is_empty() {
                            return view! { <EmptyState text=t.no_shipments_found /> }.into_any();
                        }
                        view! {
                            <table class="table" data-testid="shipments-table">
                                <thead><tr>
                                    <th>{t.shipment_number}</th>{staff.then(|| view! { <th>{t.account}</th> })}<th>{t.order_number}</th><th>{t.carrier}</th>
                                    <th>{t.tracking_number}</th><th>{t.status}</th><th>{t.eta}</th>
                                </tr></thead>
                                <tbody>
                                    {page.items.into_iter().map(|s| view! { <Row s staff /> }).collect_view()}
                                    <For each=move || more.get() key=|s| s.id let:s><Row s staff /></For>
                                </tbody>
                            </table>
                        }.into_any()
                    })
                })}
            </Transition>
            {move || cursor.get().is_some().then(|| view! { <button type="button" class="secondary" on:click=load_more data-testid="load-more">{t.load_more}</button> })}
        </section>
    }
}

#[component]
fn Row(s: ShipmentSummary, staff: bool) -> impl IntoView {
    let t = use_t();
    let late = s.late();
    view! {
        <tr data-testid="shipment-row">
            <td data-label=t.shipment_number><a href=format!("/shipments/{}", s.id)>{s.number}</a></td>
            {staff.then(|| view! { <td data-label=t.account>{s.account_name}</td> })}
            <td data-label=t.order_number><a href=format!("/orders/{}", s.order_id)>{s.order_number}</a></td>
            <td data-label=t.carrier>{s.carrier_name}" · "{t.mode(s.mode)}</td>
            <td data-label=t.tracking_number>{s.tracking_number}</td>
            <td data-label=t.status><ShipmentBadge status=s.status /></td>
            <td data-label=t.eta><Eta eta=s.eta promised=s.promised_date late /></td>
        </tr>
    }
}
