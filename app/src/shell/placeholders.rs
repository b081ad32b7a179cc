//! The customer's shipments and complaints lists. Their capabilities
//! (shipments, complaints) fill these pages; until a list has rows it
//! says what will appear there.

use crate::components::{EmptyState, PageTitle};
use crate::i18n::use_t;
use leptos::prelude::*;
use leptos_meta::Title;

#[component]
pub fn ShipmentsPage() -> impl IntoView {
    let t = use_t();
    view! {
        <Title text=t.nav_shipments />
        <PageTitle title=t.nav_shipments.to_string() />
        <section class="card"><EmptyState text=t.shipments_empty /></section>
        <super::HydratedMark />
    }
}

#[component]
pub fn ComplaintsPage() -> impl IntoView {
    let t = use_t();
    view! {
        <Title text=t.nav_complaints />
        <PageTitle title=t.nav_complaints.to_string() />
        <section class="card"><EmptyState text=t.complaints_empty /></section>
        <super::HydratedMark />
    }
}
