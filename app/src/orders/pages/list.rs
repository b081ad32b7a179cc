use super::{show_date, StatusBadge};
use crate::accounts::Role;
use crate::components::{loaded, EmptyState, Loading, PageTitle};
use crate::i18n::use_t;
use crate::orders::paste::parse_date;
use crate::orders::server_fns::{list_options, list_orders};
use crate::orders::{OrderFilter, OrderSort, OrderStatus, OrderSummary};
use crate::shell::use_me;
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_query_map;

/// Orders: the customer's own, or every account's for staff. Filters and the
/// sort live in the URL (`?q=…&status=…&site=…&from=…&to=…&sort=…`, staff
/// also `account=…`), so the form works as a plain GET before the WASM
/// arrives, and a filtered list can be bookmarked or shared.
#[component]
pub fn OrdersPage() -> impl IntoView {
    let t = use_t();
    let me = use_me();
    let staff = me.role.is_staff();
    let query = use_query_map();
    let param = move |name: &str| query.with(|q| q.get(name)).filter(|v| !v.trim().is_empty());
    let filter = move || OrderFilter {
        status: param("status").and_then(|s| OrderStatus::parse(&s)),
        search: param("q"),
        account_id: param("account").and_then(|s| s.parse().ok()),
        site_id: param("site").and_then(|s| s.parse().ok()),
        from: param("from").and_then(|s| parse_date(&s)),
        to: param("to").and_then(|s| parse_date(&s)),
        sort: param("sort").and_then(|s| OrderSort::parse(&s)).unwrap_or_default(),
        cursor: None,
    };
    // Pages after the first are appended as "load more" is pressed.
    let more = RwSignal::new(Vec::<OrderSummary>::new());
    let cursor = RwSignal::new(None::<String>);
    let first = Resource::new(filter, list_orders);
    let options = Resource::new(move || filter().account_id, list_options);
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
        f.cursor = cursor.get_untracked();
        leptos::task::spawn_local(async move {
            if let Ok(page) = list_orders(f).await {
                more.update(|m| m.extend(page.orders));
                cursor.set(page.next);
            }
        });
    };
    let now = |name: &str| query.with_untracked(|q| q.get(name)).unwrap_or_default();
    let statuses: Vec<(String, String)> =
        std::iter::once((String::new(), t.all_statuses.to_string())).chain(OrderStatus::ALL.iter().map(|s| (s.as_str().to_string(), t.status(*s).to_string()))).collect();
    let sorts = [(OrderSort::Newest, t.sort_newest), (OrderSort::Oldest, t.sort_oldest), (OrderSort::Delivery, t.sort_delivery)];
    let (status_now, sort_now, account_now, site_now) = (now("status"), now("sort"), now("account"), now("site"));
    view! {
        <Title text=t.nav_orders />
        <div class="title-row">
            <PageTitle title=t.nav_orders.to_string() />
            {can_order.then(|| view! { <a class="button primary" href="/orders/new" data-testid="new-order">{t.new_order}</a> })}
        </div>
        <form class="filters card" method="get" action="/orders" data-testid="order-filters">
            <input type="search" name="q" placeholder=t.search_orders aria-label=t.search value=now("q") />
            <select name="status" aria-label=t.status>
                {statuses.into_iter().map(|(v, label)| { let sel = v == status_now; view! { <option value=v selected=sel>{label}</option> } }).collect_view()}
            </select>
            <Transition fallback=|| ()>
                {move || {
                    let (account_now, site_now) = (account_now.clone(), site_now.clone());
                    Suspend::new(async move {
                    let o = options.await.unwrap_or_default();
                    view! {
                        {staff.then(|| view! {
                            <select name="account" aria-label=t.account data-testid="filter-account">
                                <option value="">{t.all_accounts}</option>
                                {o.accounts.into_iter().map(|(id, label)| { let sel = id.to_string() == account_now; view! { <option value=id selected=sel>{label}</option> } }).collect_view()}
                            </select>
                        })}
                        {(!o.sites.is_empty()).then(|| view! {
                            <select name="site" aria-label=t.delivery_site data-testid="filter-site">
                                <option value="">{t.all_sites}</option>
                                {o.sites.into_iter().map(|(id, label)| { let sel = id.to_string() == site_now; view! { <option value=id selected=sel>{label}</option> } }).collect_view()}
                            </select>
                        })}
                    }
                    })
                }}
            </Transition>
            <label class="inline">{t.ordered_from}<input type="date" name="from" value=now("from") /></label>
            <label class="inline">{t.ordered_to}<input type="date" name="to" value=now("to") /></label>
            <select name="sort" aria-label=t.sort data-testid="sort">
                {sorts.into_iter().map(|(s, label)| { let sel = s.as_str() == sort_now; view! { <option value=s.as_str() selected=sel>{label}</option> } }).collect_view()}
            </select>
            <button type="submit">{t.search}</button>
            <a class="button" href="/orders">{t.clear_filters}</a>
        </form>
        <section class="card">
            <Transition fallback=Loading>
                {move || Suspend::new(async move {
                    loaded(first.await, |page| {
                            if page.orders.is_empty() {
                                return view! { <EmptyState text=t.no_orders_found /> }.into_any();
                            }
                            view! {
                                <table class="table" data-testid="orders-table">
                                    <thead><tr>
                                        <th>{t.order_number}</th>
                                        {staff.then(|| view! { <th>{t.account}</th> })}
                                        <th>{t.po_number}</th><th>{t.status}</th><th>{t.requested_date}</th><th>{t.promised_date}</th><th class="num">{t.total}</th>
                                    </tr></thead>
                                    <tbody>
                                        {page.orders.into_iter().map(|o| view! { <Row o staff /> }).collect_view()}
                                        <For each=move || more.get() key=|o| o.id let:o><Row o staff /></For>
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
fn Row(o: OrderSummary, staff: bool) -> impl IntoView {
    let t = use_t();
    view! {
        <tr>
            <td data-label=t.order_number><a href=format!("/orders/{}", o.id)>{o.number}</a></td>
            {staff.then(|| view! { <td data-label=t.account>{o.account_code}</td> })}
            <td data-label=t.po_number>{o.po_number}</td>
            <td data-label=t.status><StatusBadge status=o.status /></td>
            <td data-label=t.requested_date>{show_date(o.requested_date)}</td>
            <td data-label=t.promised_date>{show_date(o.promised_date)}</td>
            <td data-label=t.total class="num">{crate::money::shown(&o.total)}</td>
        </tr>
    }
}
