use crate::i18n::use_t;
use crate::orders::OrderStatus;
use leptos::prelude::*;

#[component]
pub fn StatusBadge(status: OrderStatus) -> impl IntoView {
    let t = use_t();
    view! { <span class=format!("tag st-{}", status.as_str()) data-status=status.as_str()>{t.status(status)}</span> }
}
