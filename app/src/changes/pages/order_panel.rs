//! What the order page shows of change requests: a banner while one is
//! open, "Request a change" when one may be asked, the versions link and
//! the order's requests.

use super::ChangeBadge;
use crate::changes::{rules, ChangeRequest, ChangeStatus};
use crate::i18n::{fill, use_t};
use crate::orders::Order;
use crate::shell::use_me;
use leptos::prelude::*;

#[component]
pub fn OrderChanges(o: Order, requests: Vec<ChangeRequest>) -> impl IntoView {
    let t = use_t();
    let me = use_me();
    let id = o.id;
    let open = requests.iter().find(|r| r.status.is_open());
    let banner = open.map(|r| {
        let text = if r.status == ChangeStatus::Countered { t.change_countered_banner } else { t.change_pending_banner };
        view! {
            <div class="banner warn" role="status" data-testid="change-banner">
                <p>{text}</p>
                <a class="button" href=format!("/changes/{}", r.id)>{t.change_open}</a>
            </div>
        }
    });
    let ask = (rules::requests(me.role) && rules::order_changeable(o.status) && open.is_none())
        .then(|| view! { <a class="button primary" href=format!("/orders/{id}/change") data-testid="request-change">{t.request_change}</a> });
    let versions = (o.version > 1).then(|| view! { <a class="button" href=format!("/orders/{id}/versions") data-testid="versions-link">{t.versions_compare}</a> });
    if banner.is_none() && ask.is_none() && versions.is_none() && requests.is_empty() {
        return ().into_any();
    }
    let history = (!requests.is_empty()).then(|| {
        view! {
            <h3>{t.change_requests}</h3>
            <ul class="plain" data-testid="change-history">
                {requests.iter().map(|r| view! {
                    <li>
                        <a href=format!("/changes/{}", r.id)>{format!("{} #{}", t.change_request, r.id)}</a>" "
                        <ChangeBadge status=r.status />" "
                        <small class="muted">{fill(t.change_base_version, r.base_version)}</small>
                    </li>
                }).collect_view()}
            </ul>
        }
    });
    view! {
        <section class="card" data-testid="order-changes">
            {banner}
            <div class="actions-row">{ask}{versions}</div>
            {history}
        </section>
    }
    .into_any()
}
