use super::use_me;
use crate::accounts::pages::{CustomerDashboard, StaffConsole};
use leptos::prelude::*;

/// The start page: the customer's dashboard, or the staff's queues.
#[component]
pub fn HomePage() -> impl IntoView {
    if use_me().role.is_staff() {
        view! { <StaffConsole /> }.into_any()
    } else {
        view! { <CustomerDashboard /> }.into_any()
    }
}
