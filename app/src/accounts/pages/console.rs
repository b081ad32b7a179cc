use crate::accounts::server_fns::list_accounts;
use crate::components::{loaded, Loading, PageTitle};
use crate::i18n::{fill, use_t};
use crate::shell::use_me;
use leptos::prelude::*;
use leptos_meta::Title;

/// The staff's start page: their queues and the key accounts.
#[component]
pub fn StaffConsole() -> impl IntoView {
    let t = use_t();
    let me = use_me();
    let accounts = Resource::new(|| (), |_| list_accounts());
    view! {
        <Title text=t.nav_console />
        <PageTitle title=fill(t.welcome, &me.name) subtitle=t.role(me.role).to_string() />
        // the complaint queue joins here when complaints land (issue 12):
        // until then no card claims there are none
        <section class="card" data-testid="review-queue">
            <h2>{t.review_queue}</h2>
            <crate::orders::pages::ReviewQueue />
        </section>
        <section class="card">
            <h2>{t.your_accounts}</h2>
            <Suspense fallback=Loading>
                {move || Suspend::new(async move {
                    loaded(accounts.await, |list| view! {
                            <ul class="plain account-list" data-testid="account-list">
                                {list.into_iter().map(|a| view! {
                                    <li>
                                        <a href=format!("/console/accounts/{}", a.id)><strong>{a.name}</strong></a>
                                        " "<span class="tag">{a.code}</span>" "
                                        <span class=format!("tag tier-{}", a.tier.as_str())>{t.tier(a.tier)}</span>
                                        <span class="muted">" · "{a.account_manager.map(|m| m.name).unwrap_or_else(|| t.unassigned.to_string())}</span>
                                    </li>
                                }).collect_view()}
                            </ul>
                        }.into_any())
                })}
            </Suspense>
        </section>
    }
}
