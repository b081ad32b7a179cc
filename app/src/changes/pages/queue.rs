//! Staff's queue of change requests waiting for a decision, oldest first,
//! each with its impact in three numbers; filterable by account.

use crate::changes::server_fns::change_queue;
use crate::components::{loaded, Loading, PageTitle};
use crate::i18n::{fill, use_t};
use crate::money::Money;
use crate::orders::server_fns::list_options;
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_query_map;

#[component]
pub fn ChangeQueuePage() -> impl IntoView {
    let t = use_t();
    let query = use_query_map();
    let account = move || query.with(|q| q.get("account_id")).and_then(|a| a.parse::<i64>().ok());
    let queue = Resource::new(account, change_queue);
    let options = Resource::new(|| (), |_| list_options(None));
    view! {
        <Title text=t.change_queue />
        <PageTitle title=t.change_queue.to_string() />
        <form method="get" class="filters" action="/changes">
            <label for="account">{t.nav_accounts}</label>
            <select id="account" name="account_id">
                <option value="">"—"</option>
                <Suspense>
                    {move || Suspend::new(async move {
                        options.await.map(|o| o.accounts.into_iter().map(|(id, name)| view! { <option value=id selected={account() == Some(id)}>{name}</option> }).collect_view()).ok()
                    })}
                </Suspense>
            </select>
            <button type="submit">{t.search}</button>
        </form>
        <Transition fallback=Loading>
            {move || Suspend::new(async move {
                loaded(queue.await, |list| {
                    if list.is_empty() {
                        return view! { <p class="empty" data-testid="change-queue-empty">{t.change_queue_empty}</p> }.into_any();
                    }
                    view! {
                        <table class="table" data-testid="change-queue">
                            <thead><tr>
                                <th>{t.change_request}</th><th>{t.order}</th><th>{t.nav_accounts}</th><th>{t.change_requested_by}</th>
                                <th class="num">{t.impact_delta}</th><th class="num">{t.impact_shift}</th><th class="num">{t.impact_in_production}</th>
                            </tr></thead>
                            <tbody>
                                {list.into_iter().map(|r| {
                                    let delta = r.summary.cost_delta_minor.map(|m| Money::new(m, &r.summary.currency).display()).unwrap_or_else(|| "—".into());
                                    let shift = r.summary.shift_days.map(|d| fill(t.impact_shift_days, d)).unwrap_or_else(|| "—".into());
                                    view! {
                                        <tr>
                                            <td data-label=t.change_request><a href=format!("/changes/{}", r.id)>{format!("#{}", r.id)}</a>{r.stale().then(|| view! { " "<span class="tag warn">"!"</span> })}</td>
                                            <td data-label=t.order>{r.order_number.clone()}</td>
                                            <td data-label=t.nav_accounts>{r.account_name.clone()}</td>
                                            <td data-label=t.change_requested_by>{r.requested_by.clone()}</td>
                                            <td data-label=t.impact_delta class="num">{delta}</td>
                                            <td data-label=t.impact_shift class="num">{shift}</td>
                                            <td data-label=t.impact_in_production class="num">{r.summary.lines_in_production}</td>
                                        </tr>
                                    }
                                }).collect_view()}
                            </tbody>
                        </table>
                    }.into_any()
                })
            })}
        </Transition>
    }
}
