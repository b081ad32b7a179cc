use super::{show_date, StatusBadge};
use crate::accounts::Role;
use crate::components::{EmptyState, ErrorBanner, Loading, PageTitle};
use crate::i18n::use_t;
use crate::orders::api::list_orders;
use crate::orders::{OrderFilter, OrderStatus, OrderSummary};
use crate::shell::use_me;
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_query_map;

/// Orders, newest first: the customer's own, or all for staff. Search and
/// status filter live in the URL (`?q=…&status=…`), so they work as plain
/// GET forms before the WASM arrives and can be bookmarked.
#[component]
pub fn OrdersPage() -> impl IntoView {
    let t = use_t();
    let me = use_me();
    let query = use_query_map();
    let filter = move || OrderFilter {
        status: query.with(|q| q.get("status")).and_then(|s| OrderStatus::parse(&s)),
        search: query.with(|q| q.get("q")),
        account_id: None,
        before: None,
    };
    // Pages after the first are appended as "load more" is pressed.
    let more = RwSignal::new(Vec::<OrderSummary>::new());
    let cursor = RwSignal::new(None::<i64>);
    let first = Resource::new(filter, list_orders);
    // A new first page (new filter) starts the "load more" chain afresh.
    Effect::new(move |_| {
        if let Some(Ok(page)) = first.get() {
            more.set(Vec::new());
            cursor.set(page.next);
        }
    });
    let can_order = matches!(me.role, Role::Buyer | Role::CustomerAdmin);
    let load_more = move |_| {
        let mut f = filter();
        f.before = cursor.get_untracked();
        leptos::task::spawn_local(async move {
            if let Ok(page) = list_orders(f).await {
                more.update(|m| m.extend(page.orders));
                cursor.set(page.next);
            }
        });
    };
    let statuses: Vec<(String, String)> =
        std::iter::once((String::new(), t.all_statuses.to_string())).chain(OrderStatus::ALL.iter().map(|s| (s.as_str().to_string(), t.status(*s).to_string()))).collect();
    let current_status = query.with_untracked(|q| q.get("status")).unwrap_or_default();
    view! {
        <Title text=t.nav_orders />
        <div class="title-row">
            <PageTitle title=t.nav_orders.to_string() />
            {can_order.then(|| view! { <a class="button primary" href="/orders/new" data-testid="new-order">{t.new_order}</a> })}
        </div>
        <form class="filters card" method="get" action="/orders">
            <input type="search" name="q" placeholder=t.search_orders aria-label=t.search value=query.with_untracked(|q| q.get("q")).unwrap_or_default() />
            <select name="status" aria-label=t.status>
                {statuses.into_iter().map(|(v, label)| { let sel = v == current_status; view! { <option value=v selected=sel>{label}</option> } }).collect_view()}
            </select>
            <button type="submit">{t.search}</button>
        </form>
        <section class="card">
            <Transition fallback=Loading>
                {move || Suspend::new(async move {
                    match first.await {
                        Ok(page) => {
                            if page.orders.is_empty() {
                                return view! { <EmptyState text=t.no_orders_found /> }.into_any();
                            }
                            view! {
                                <table class="table" data-testid="orders-table">
                                    <thead><tr><th>{t.order_number}</th><th>{t.po_number}</th><th>{t.status}</th><th>{t.requested_date}</th><th>{t.promised_date}</th><th class="num">{t.total}</th></tr></thead>
                                    <tbody>
                                        {page.orders.into_iter().map(|o| view! { <Row o /> }).collect_view()}
                                        <For each=move || more.get() key=|o| o.id let:o><Row o /></For>
                                    </tbody>
                                </table>
                            }.into_any()
                        }
                        Err(e) => view! { <ErrorBanner error=Signal::stored(Some(e)) /> }.into_any(),
                    }
                })}
            </Transition>
            {move || cursor.get().is_some().then(|| view! { <button type="button" class="secondary" on:click=load_more>{t.load_more}</button> })}
        </section>
    }
}

#[component]
fn Row(o: OrderSummary) -> impl IntoView {
    let t = use_t();
    view! {
        <tr>
            <td data-label=t.order_number><a href=format!("/orders/{}", o.id)>{o.number}</a></td>
            <td data-label=t.po_number>{o.po_number}</td>
            <td data-label=t.status><StatusBadge status=o.status /></td>
            <td data-label=t.requested_date>{show_date(o.requested_date)}</td>
            <td data-label=t.promised_date>{show_date(o.promised_date)}</td>
            <td data-label=t.total class="num">{o.total.display()}</td>
        </tr>
    }
}
