use super::account_facts::AccountFacts;
use crate::accounts::server_fns::my_account;
use crate::components::{loaded, Loading, PageTitle};
use crate::i18n::{fill, use_t};
use crate::shell::use_me;
use leptos::prelude::*;
use leptos_meta::Title;

/// The customer's start page: their account at a glance and where to go next.
#[component]
pub fn CustomerDashboard() -> impl IntoView {
    let t = use_t();
    let me = use_me();
    let detail = Resource::new(|| (), |_| my_account());
    let open = Resource::new(|| (), |_| crate::orders::server_fns::open_order_count());
    let on_the_way = Resource::new(|| (), |_| crate::shipments::server_fns::shipments_on_the_way());
    view! {
        <Title text=t.nav_dashboard />
        <PageTitle title=fill(t.welcome, &me.name) subtitle=me.account.as_ref().map(|a| a.name.clone()).unwrap_or_default() />
        // Tiles count what the store holds; complaints get theirs when that
        // capability lands (no number is invented).
        <div class="tiles">
            <a class="tile" href="/orders" data-testid="open-orders-tile">
                <span class="tile-n">
                    <Suspense fallback=|| "…">
                        {move || Suspend::new(async move { open.await.map(|n| n.to_string()).unwrap_or_else(|_| "—".to_string()) })}
                    </Suspense>
                </span>
                <span>{t.open_orders}</span>
            </a>
            <a class="tile" href="/shipments" data-testid="in-transit-tile">
                <span class="tile-n">
                    <Suspense fallback=|| "…">
                        {move || Suspend::new(async move { on_the_way.await.map(|n| n.to_string()).unwrap_or_else(|_| "—".to_string()) })}
                    </Suspense>
                </span>
                <span>{t.shipments_on_the_way}</span>
            </a>
        </div>
        <Suspense fallback=Loading>
            {move || Suspend::new(async move {
                loaded(detail.await, |d| view! {
                        <div class="grid2">
                            <section class="card" data-testid="account-card">
                                <h2>{d.account.name.clone()}</h2>
                                <AccountFacts account=d.account />
                            </section>
                            <section class="card">
                                <h2>{t.sites}</h2>
                                <ul class="plain">
                                    {d.sites.into_iter().filter(|s| s.active).map(|s| view! {
                                        <li class="site"><strong>{s.name}</strong><br /><span class="muted">{s.address}</span></li>
                                    }).collect_view()}
                                </ul>
                            </section>
                        </div>
                    }.into_any())
            })}
        </Suspense>
    }
}
