//! The customer's complaints list. Its capability fills this page; until
//! then it says what will appear there.

use crate::components::{EmptyState, PageTitle};
use crate::i18n::use_t;
use leptos::prelude::*;
use leptos_meta::Title;

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
