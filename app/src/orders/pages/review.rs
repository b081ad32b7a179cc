use super::{show_date, StatusBadge};
use crate::components::{loaded, EmptyState, Loading};
use crate::i18n::use_t;
use crate::orders::server_fns::{list_options, review_queue};
use leptos::prelude::*;
use leptos_router::hooks::use_query_map;

/// Submitted orders waiting for the account manager, oldest first, with
/// the flags of the check made at submit; `?account=` narrows it to one
/// account (a plain GET form, so it works before the WASM arrives).
#[component]
pub fn ReviewQueue() -> impl IntoView {
    let t = use_t();
    let query = use_query_map();
    let account = move || query.with(|q| q.get("account")).and_then(|a| a.parse::<i64>().ok());
    let queue = Resource::new(account, review_queue);
    let accounts = Resource::new(|| (), |_| list_options(None));
    let chosen = account();
    view! {
        <form class="filters" method="get" action="/" data-testid="review-filter">
            <Transition fallback=|| ()>
                {move || Suspend::new(async move {
                    let options = accounts.await.unwrap_or_default().accounts;
                    view! {
                        <select name="account" aria-label=t.account>
                            <option value="">{t.all_accounts}</option>
                            {options.into_iter().map(|(id, label)| { let sel = Some(id) == chosen; view! { <option value=id selected=sel>{label}</option> } }).collect_view()}
                        </select>
                    }
                })}
            </Transition>
            <button type="submit">{t.search}</button>
        </form>
        <Suspense fallback=Loading>
            {move || Suspend::new(async move {
                loaded(queue.await, |list| if list.is_empty() { view! { <EmptyState text=t.review_queue_empty /> }.into_any() } else { view! {
                        <ul class="plain" data-testid="review-list">
                            {list.into_iter().map(|o| view! {
                                <li>
                                    <a href=format!("/orders/{}", o.id)><strong>{o.number}</strong></a>" "
                                    <span class="tag">{o.account_code}</span>" "<StatusBadge status=o.status />
                                    {(!o.dates_feasible).then(|| view! { " "<span class="tag warn">{t.date_flag}</span> })}
                                    {o.over_credit.then(|| view! { " "<span class="tag warn">{t.credit_flag}</span> })}
                                    <br /><small class="muted">{t.requested_date}": "{show_date(o.requested_date)}" · "{crate::money::shown(&o.total)}</small>
                                </li>
                            }).collect_view()}
                        </ul>
                    }.into_any() })
            })}
        </Suspense>
    }
}
