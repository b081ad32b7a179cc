//! What the order page shows of change requests: a banner while one is
//! open, "Request a change" when one may be asked, the versions link and
//! the order's requests.

use super::ChangeBadge;
use crate::changes::rules;
use crate::changes::server_fns::order_change_requests;
use crate::i18n::{fill, use_t};
use crate::orders::Order;
use crate::shell::use_me;
use leptos::prelude::*;

#[component]
pub fn OrderChanges(o: Order) -> impl IntoView {
    let t = use_t();
    let me = use_me();
    let id = o.id;
    let requests = Resource::new(move || id, order_change_requests);
    let may_ask = rules::requests(me.role) && rules::order_changeable(o.status);
    let version = o.version;
    view! {
        <Suspense>
            {move || Suspend::new(async move {
                let list = requests.await.unwrap_or_default();
                let open = list.iter().find(|r| r.status.is_open()).cloned();
                let banner = open.as_ref().map(|r| {
                    let text = if r.status == crate::changes::ChangeStatus::Countered { t.change_countered_banner } else { t.change_pending_banner };
                    view! {
                        <div class="banner warn" role="status" data-testid="change-banner">
                            <p>{text}</p>
                            <a class="button" href=format!("/changes/{}", r.id)>{t.change_open}</a>
                        </div>
                    }
                });
                let ask = (may_ask && open.is_none()).then(|| view! {
                    <a class="button primary" href=format!("/orders/{id}/change") data-testid="request-change">{t.request_change}</a>
                });
                let versions = (version > 1).then(|| view! {
                    <a class="button" href=format!("/orders/{id}/versions") data-testid="versions-link">{t.versions_compare}</a>
                });
                let history = (!list.is_empty()).then(|| view! {
                    <h3>{t.change_requests}</h3>
                    <ul class="plain" data-testid="change-history">
                        {list.iter().map(|r| view! {
                            <li>
                                <a href=format!("/changes/{}", r.id)>{format!("{} #{}", t.change_request, r.id)}</a>" "
                                <ChangeBadge status=r.status />" "
                                <small class="muted">{fill(t.change_base_version, r.base_version)}</small>
                            </li>
                        }).collect_view()}
                    </ul>
                });
                let empty = banner.is_none() && ask.is_none() && versions.is_none() && history.is_none();
                (!empty).then(|| view! {
                    <section class="card" data-testid="order-changes">
                        {banner}
                        <div class="actions-row">{ask}{versions}</div>
                        {history}
                    </section>
                })
            })}
        </Suspense>
    }
}
