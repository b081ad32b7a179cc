use super::account_facts::AccountFacts;
use super::accounts_list::{account_managers, staff_for_picker, AccountForm};
use super::sites_panel::{SiteForm, SitesList};
use super::users_panel::{InviteForm, UsersList};
use crate::accounts::server_fns::account_detail;
use crate::accounts::Role;
use crate::components::{loaded, Loading};
use crate::error::AppError;
use crate::i18n::use_t;
use crate::shell::use_me;
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_params_map;

/// One account as the staff see it; the staff admin edits it, its sites and
/// its users here.
#[component]
pub fn AccountAdminPage() -> impl IntoView {
    let t = use_t();
    let me = use_me();
    let is_admin = me.role == Role::StaffAdmin;
    let params = use_params_map();
    let id = move || params.with(|p| p.get("id")).and_then(|s| s.parse::<i64>().ok());
    let refresh = RwSignal::new(0u32);
    let detail = Resource::new(
        move || (id(), refresh.get()),
        |(id, _)| async move {
            match id {
                Some(id) => account_detail(id).await,
                None => Err(AppError::NotFound),
            }
        },
    );
    let staff = staff_for_picker(is_admin);
    view! {
        <p><a href="/console/accounts">"← "{t.nav_accounts}</a></p>
        <Transition fallback=Loading>
            {move || Suspend::new(async move {
                let managers = account_managers(staff.await);
                loaded(detail.await, |d| {
                        let account_id = d.account.id;
                        view! {
                            // a plain title once loaded (a reactive one is read after disposal on the server)
                            <Title text=d.account.name.clone() />
                            <header class="page-title"><h1>{d.account.name.clone()}</h1></header>
                            <section class="card">
                                <AccountFacts account=d.account.clone() />
                                {is_admin.then(|| view! { <AccountForm account=Some(d.account.clone()) managers refresh /> })}
                            </section>
                            <section class="card">
                                <h2>{t.sites}</h2>
                                <SitesList sites=d.sites can_manage=is_admin refresh />
                                {is_admin.then(|| view! {
                                    <details><summary class="button">{t.add_site}</summary><SiteForm account_id site=None refresh /></details>
                                })}
                            </section>
                            {is_admin.then(|| view! {
                                <section class="card">
                                    <h2>{t.users}</h2>
                                    <UsersList users=d.users can_manage=true refresh />
                                    <InviteForm account_id=Some(account_id) refresh />
                                </section>
                            })}
                        }.into_any()
                    })
            })}
        </Transition>
    }
}
