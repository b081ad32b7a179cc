use super::{show_date, StatusBadge};
use crate::components::{EmptyState, ErrorBanner, Loading};
use crate::i18n::use_t;
use crate::orders::api::review_queue;
use leptos::prelude::*;

/// Submitted orders waiting for the account manager, oldest first, with
/// the flags of the check made at submit.
#[component]
pub fn ReviewQueue() -> impl IntoView {
    let t = use_t();
    let queue = Resource::new(|| (), |_| review_queue());
    view! {
        <Suspense fallback=Loading>
            {move || Suspend::new(async move {
                match queue.await {
                    Ok(list) if list.is_empty() => view! { <EmptyState text=t.review_queue_empty /> }.into_any(),
                    Ok(list) => view! {
                        <ul class="plain" data-testid="review-list">
                            {list.into_iter().map(|o| view! {
                                <li>
                                    <a href=format!("/orders/{}", o.id)><strong>{o.number}</strong></a>" "
                                    <span class="tag">{o.account_code}</span>" "<StatusBadge status=o.status />
                                    {(!o.dates_feasible).then(|| view! { " "<span class="tag warn">{t.date_flag}</span> })}
                                    {o.over_credit.then(|| view! { " "<span class="tag warn">{t.credit_flag}</span> })}
                                    <br /><small class="muted">{t.requested_date}": "{show_date(o.requested_date)}" · "{o.total.display()}</small>
                                </li>
                            }).collect_view()}
                        </ul>
                    }.into_any(),
                    Err(e) => view! { <ErrorBanner error=Signal::stored(Some(e)) /> }.into_any(),
                }
            })}
        </Suspense>
    }
}
