use super::users_panel::{InviteForm, UsersList};
use crate::accounts::server_fns::list_staff;
use crate::accounts::Role;
use crate::components::{loaded, ErrorBanner, Loading, PageTitle};
use crate::error::AppError;
use crate::i18n::use_t;
use crate::shell::use_me;
use leptos::prelude::*;
use leptos_meta::Title;

/// The supplier's staff users, managed by the staff admin.
#[component]
pub fn StaffPage() -> impl IntoView {
    let t = use_t();
    let is_admin = use_me().role == Role::StaffAdmin;
    let refresh = RwSignal::new(0u32);
    let staff = Resource::new(move || refresh.get(), |_| list_staff());
    if !is_admin {
        return view! { <ErrorBanner error=Signal::stored(Some(AppError::Forbidden)) /> }.into_any();
    }
    view! {
        <Title text=t.staff_users />
        <PageTitle title=t.staff_users.to_string() />
        <section class="card">
            <Transition fallback=Loading>
                {move || Suspend::new(async move {
                    loaded(staff.await, |users| view! { <UsersList users can_manage=true refresh /> }.into_any())
                })}
            </Transition>
            <InviteForm account_id=None refresh />
        </section>
    }
    .into_any()
}
